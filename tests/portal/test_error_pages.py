from __future__ import annotations


def test_a_missing_page_is_chinese_with_no_internal_code(client, db, settings):
    settings.DEBUG = False
    response = client.get("/departments/nonexistent/")
    assert response.status_code == 404
    page = response.content.decode()
    assert "页面不存在" in page and "HTTP_404" not in page  # codes are for the API (issue 22 item 6)


def test_a_bad_request_page_is_chinese_in_the_portal_layout(rf, db):
    """The error pages extend the layout, whose header and footer are Jinja2 fragments (decision 0011)."""
    from zhengtong.api.handlers import bad_request

    response = bad_request(rf.get("/letters/"), Exception())
    assert response.status_code == 400
    page = response.content.decode()
    assert "请求有误" in page and "HTTP_400" not in page and "跳到主要内容" in page


def test_the_server_error_page_names_the_site_without_the_database(rf, db, django_assert_num_queries):
    """A 500 may come from the database itself: the page takes the site's name from the cache or the default,
    never from a query, and shows no internal code."""
    from zhengtong.api.handlers import server_error
    from zhengtong.core.models import SiteSettings

    SiteSettings.objects.create(site_name="宁波市北仑区人民政府", contact_phone="0574-86888888")
    SiteSettings.current()  # what every page has put in the cache
    with django_assert_num_queries(0):
        response = server_error(rf.get("/letters/"))
    page = response.content.decode()
    assert response.status_code == 500 and "宁波市北仑区人民政府" in page and "0574-86888888" in page
    assert "HTTP_500" not in page and "错误代码" not in page
