from __future__ import annotations


def test_a_missing_page_is_chinese_with_a_code(client, db, settings):
    settings.DEBUG = False
    response = client.get("/departments/nonexistent/")
    assert response.status_code == 404
    page = response.content.decode()
    assert "页面不存在" in page and "HTTP_404" in page


def test_a_bad_request_page_is_chinese_with_a_code_in_the_portal_layout(rf, db):
    """The error pages extend the layout, whose header and footer are Jinja2 fragments (decision 0011)."""
    from zhengtong.api.handlers import bad_request

    response = bad_request(rf.get("/letters/"), Exception())
    assert response.status_code == 400
    page = response.content.decode()
    assert "HTTP_400" in page and "跳到主要内容" in page
