from __future__ import annotations


def test_a_missing_page_is_chinese_with_a_code(client, db, settings):
    settings.DEBUG = False
    response = client.get("/departments/nonexistent/")
    assert response.status_code == 404
    page = response.content.decode()
    assert "页面不存在" in page and "HTTP_404" in page
