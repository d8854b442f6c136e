"""Issue 22 items 4 and 6 (国办发〔2017〕47号 website rules, DOMAIN §9; GB/T 37668-2019 on errors people can act
on): robots.txt, sitemap.xml and a 网站地图; 联系我们, 网站声明 and 隐私政策 pages from the site settings, linked from
every footer with the 党政机关 badge and 我为政府网站找错; a styled 404 with the site's name and no internal code;
forms that open with a summary of every error linking to its field, no codes shown to people; consent to the
privacy policy at registration; 同意公开 unticked until the writer ticks it."""

from __future__ import annotations

import re
from urllib.parse import quote

from zhengtong.core.models import SiteSettings

from ..approvals.conftest import make_item


def _identity():
    return SiteSettings.objects.create(
        site_name="宁波市北仑区人民政府",
        host_org="北仑区府办",
        site_code="3302060001",
        contact_phone="0574-86888888",
        address="宁波市北仑区新碶街道庐山路1号",
        contact_email="web@bl.gov.cn",
        conac_url="https://bszs.conac.cn/sitename?method=show&id=1",
    )


def test_robots_keep_crawlers_out_of_staff_areas_and_name_the_sitemap(client, db):
    response = client.get("/robots.txt")
    text = response.content.decode()
    assert response.status_code == 200 and response["Content-Type"].startswith("text/plain")
    for area in ("/workbench/", "/admin/", "/api/", "/accounts/"):
        assert f"Disallow: {area}" in text
    assert "Sitemap: http://testserver/sitemap.xml" in text


def test_the_sitemap_lists_published_pages_only(client, district, hotline):
    from ..letters.conftest import submit

    unpublished = submit().letter
    item = make_item(district)
    index = client.get("/sitemap.xml")
    assert index.status_code == 200 and b"<sitemapindex" in index.content
    sections = re.findall(r"<loc>([^<]+)</loc>", index.content.decode())
    pages = "".join(client.get(url.replace("http://testserver", "")).content.decode() for url in sections)
    assert f"/services/items/{item.code}/" in pages and "http://testserver/" in pages
    assert "/workbench/" not in pages and unpublished.number not in pages


def test_the_site_map_page_and_the_furniture_pages_show_the_site_settings(client, db):
    _identity()
    site_map = client.get("/site-map/").content.decode()
    for label in ("网站地图", "办事服务", "联系我们", "网站声明", "隐私政策"):
        assert label in site_map
    contact = client.get("/contact/").content.decode()
    for text in ("0574-86888888", "庐山路1号", "web@bl.gov.cn", "北仑区府办"):
        assert text in contact
    assert "宁波市北仑区人民政府" in client.get("/statement/").content.decode()
    privacy = client.get("/privacy/").content.decode()
    assert "身份证号" in privacy and "加密" in privacy  # what the platform keeps, and how


def test_every_footer_links_the_furniture_the_badge_and_the_error_report(client, db):
    _identity()
    page = client.get("/").content.decode()
    for url in ("/site-map/", "/contact/", "/statement/", "/privacy/"):
        assert f'href="{url}"' in page
    assert 'href="https://bszs.conac.cn/sitename?method=show&amp;id=1"' in page
    report = "https://zfwzgl.www.gov.cn/exposure/jiucuo.html?site_code=3302060001&amp;url=" + quote(
        "http://testserver/", safe=""
    )
    assert report in page and "我为政府网站找错" in page


def test_a_missing_page_is_styled_with_the_site_name_and_shows_no_code(client, db, settings):
    settings.DEBUG = False
    _identity()
    response = client.get("/departments/nonexistent/")
    page = response.content.decode()
    assert response.status_code == 404 and "页面不存在" in page and "宁波市北仑区人民政府" in page
    assert "HTTP_404" not in page and "错误代码" not in page
    assert 'action="/search/"' in page  # a way on: the search box in the header


def test_a_form_with_errors_opens_with_a_summary_linking_to_each_field(hotline, client):
    page = client.post("/letters/write/", {"kind": "complaint", "title": "", "content": ""}).content.decode()
    summary = re.search(r'<div[^>]*id="error-summary".*?</div>', page, re.S).group(0)
    assert 'href="#id_title"' in summary and "标题" in summary
    assert 'href="#id_content"' in summary and "内容" in summary
    assert "错误代码" not in page and "（required）" not in page and "required）" not in page


def test_public_consent_is_not_ticked_for_the_writer(hotline, client):
    page = client.get("/letters/write/").content.decode()
    box = re.search(r'<input[^>]*name="public_allowed"[^>]*>', page).group(0)
    assert "checked" not in box


def test_registration_asks_for_consent_to_the_privacy_policy(client, db):
    page = client.get("/accounts/register/citizen/").content.decode()
    assert 'href="/privacy/"' in page
    refused = client.post(
        "/accounts/register/citizen/",
        {
            "real_name": "张三",
            "id_number": "330206198503121234",
            "mobile": "13805740001",
            "password": "Zt-2026-long-pass",
            "password2": "Zt-2026-long-pass",
        },
    ).content.decode()
    assert "请阅读并同意隐私政策" in refused


def test_the_error_report_link_names_the_page_without_its_query_and_a_bad_host_is_no_500(client, db, settings):
    settings.DEBUG = False
    _identity()
    page = client.get("/search/?q=13805740001").content.decode()
    assert quote("http://testserver/search/", safe="") in page and "13805740001" not in page.split("jiucuo")[1][:200]
    assert client.get("/", HTTP_HOST="evil.example").status_code == 400
    # Outside attack (issue 20): a path holding someone's numbers went to the State Council's platform as typed.
    lost = client.get("/nonexist/33020619870419271X/atk2.tester@example.com").content.decode()
    report = lost.split("jiucuo")[1].split('"')[0]  # the link's address (the page's own forms echo it to him)
    assert "33020619870419271X" not in report and "atk2.tester" not in report and quote("/nonexist/", safe="") in report
