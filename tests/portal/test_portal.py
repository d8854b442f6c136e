"""Portal shell: language, skip link, elderly mode, audience switcher, footer, navigation, staff profiles."""

from __future__ import annotations

import re
from pathlib import Path

from django.urls import reverse

import zhengtong
from zhengtong.core.models import SiteSettings


def test_the_page_is_chinese_with_a_skip_link_to_main(client, db):
    page = client.get("/").content.decode()
    assert '<html lang="zh-CN"' in page
    assert 'href="#main"' in page and 'id="main"' in page


def test_a_browser_in_english_still_gets_chinese_until_the_reader_chooses(client, db):
    page = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en").content.decode()
    assert "首页" in page
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    page = client.get("/").content.decode()
    assert '<html lang="en"' in page and "Home" in page and "Skip to main content" in page


def test_elderly_mode_toggles_and_is_remembered(client, db):
    assert 'class="elderly"' not in client.get("/").content.decode()
    response = client.post(reverse("portal:elderly"), {"next": "/departments/"})
    assert response.status_code == 302 and response.url == "/departments/"
    assert response.cookies["zt_elderly"]["max-age"] >= 365 * 24 * 3600
    assert 'class="elderly"' in client.get("/").content.decode()
    client.post(reverse("portal:elderly"))
    assert 'class="elderly"' not in client.get("/").content.decode()


def test_elderly_toggle_refuses_an_offsite_next(client, db):
    response = client.post(reverse("portal:elderly"), {"next": "https://evil.example/"})
    assert response.url == "/"


def test_the_audience_switcher_remembers_the_choice(client, db):
    client.get(reverse("portal:audience", args=["investor"]))
    page = client.get("/").content.decode()
    assert "投资者版" in page
    client.get(reverse("portal:audience", args=["nonsense"]))
    assert "投资者版" in client.get("/").content.decode()


def test_every_audience_version_renders(client, db):
    for key in ("citizen", "enterprise", "investor", "tourist", "civil_servant"):
        client.get(reverse("portal:audience", args=[key]))
        assert client.get("/").status_code == 200


def test_the_footer_shows_the_configured_identity(client, db):
    SiteSettings.objects.create(
        site_name="宁波市北仑区人民政府",
        host_org="北仑区府办",
        site_code="3302060001",
        icp_record="浙ICP备12345678号",
        police_record="浙公网安备33020602000001号",
    )
    page = client.get("/").content.decode()
    for text in ("北仑区府办", "3302060001", "浙ICP备12345678号", "浙公网安备33020602000001号"):
        assert text in page


def test_navigation_shows_only_built_sections(client, db):
    page = client.get("/").content.decode()
    nav = page[page.index('aria-label="主导航"') : page.index("</nav>", page.index('aria-label="主导航"'))]
    assert (
        "首页" in nav
        and "机构职能" in nav
        and "办事服务" in nav
        and "政务公开" in nav
        and "站内搜索" in nav
        and "互动交流" in nav
        and "数据开放" in nav  # the open-data portal (/data/)
    )


def test_department_page_lists_public_staff_profiles(client, district, lisi):
    page = client.get(reverse("portal:department", args=["A"])).content.decode()
    assert "区市场监督管理局" in page and "李四" in page and "登记注册科" in page
    assert lisi.username not in page  # log-in names are not public


def test_a_hidden_profile_is_not_listed(client, district, lisi):
    lisi.memberships.update(public_profile=False)
    assert "李四" not in client.get(reverse("portal:department", args=["A"])).content.decode()


TEMPLATE_ROOT = Path(zhengtong.__file__).parent
EXTERNAL = re.compile(r"""<(?:script|link|img|iframe)[^>]+(?:src|href)=["'](?:https?:)?//""", re.I)


def test_no_template_loads_a_script_or_style_from_another_site():
    offenders = [
        str(p.relative_to(TEMPLATE_ROOT)) for p in TEMPLATE_ROOT.rglob("*.html") if EXTERNAL.search(p.read_text())
    ]
    assert offenders == []


def test_the_external_url_check_itself_catches_a_cdn():
    assert EXTERNAL.search('<script src="https://cdn.example.com/htmx.js"></script>')
    assert EXTERNAL.search("<link rel=stylesheet href='//cdn.example.com/b.css'>")


def test_pages_carry_a_strict_content_security_policy(client, db):
    policy = client.get("/")["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
