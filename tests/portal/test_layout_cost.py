"""What every portal page pays for its layout: no per-reader CSRF token on public pages (the two preference
toggles take none), the layout's links and static URLs worked out once per process."""

from __future__ import annotations

import json

import pytest
from django.test import Client
from django.urls import reverse

from zhengtong.core.staticstorage import StaticStorage
from zhengtong.portal import nav


@pytest.mark.parametrize("url", ["/", "/letters/", "/disclosure/", "/services/"])
def test_a_public_page_carries_no_csrf_token_and_sets_no_cookie_for_an_anonymous_reader(client, db, url):
    response = client.get(url)
    assert response.status_code == 200
    assert b"csrfmiddlewaretoken" not in response.content
    assert "csrftoken" not in response.cookies


def test_the_preference_toggles_work_without_a_token_while_real_forms_still_need_one(db):
    client = Client(enforce_csrf_checks=True)
    assert client.post(reverse("portal:elderly"), {"next": "/letters/"}).status_code == 302
    assert client.cookies["zt_elderly"].value == "1"
    assert client.post(reverse("set_language"), {"language": "en", "next": "/"}).status_code == 302
    assert client.post(reverse("letters:write"), {"title": "路灯不亮", "content": "路灯坏了"}).status_code == 403
    assert client.post(reverse("accounts:login"), {"username": "x", "password": "y"}).status_code == 403


def test_a_signed_in_reader_still_logs_out_through_a_token(client, zhangsan):
    client.force_login(zhangsan)
    assert b'name="csrfmiddlewaretoken"' in client.get("/").content


def test_the_layout_links_are_the_reversed_urls_and_follow_the_script_prefix(db):
    from django.urls import set_script_prefix

    assert nav.layout_links() == {key: reverse(name) for key, name in nav.LAYOUT_LINKS.items()}
    set_script_prefix("/gov/")
    try:
        assert nav.layout_links()["home"] == "/gov/"
    finally:
        set_script_prefix("/")


def test_static_urls_are_the_manifest_names_worked_out_once(tmp_path):
    (tmp_path / "staticfiles.json").write_text(
        json.dumps({"version": "1.1", "paths": {"portal/portal.css": "portal/portal.0a1b2c.css"}})
    )
    storage = StaticStorage(location=tmp_path, base_url="/static/")
    assert storage.url("portal/portal.css") == "/static/portal/portal.0a1b2c.css"
    storage.hashed_files.clear()  # the manifest is not looked up again: a lookup now would fail
    assert storage.url("portal/portal.css") == "/static/portal/portal.0a1b2c.css"
    with pytest.raises(ValueError):
        storage.url("portal/site.js")  # a name the manifest lacks still fails, and is not remembered as anything
