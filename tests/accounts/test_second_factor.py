"""Staff who have given only a password see nothing but the second-factor page (issue 21, item 5; 等保2.0
8.1.4.1 d: 应采用口令、密码技术、生物技术等两种或两种以上组合的鉴别技术对用户进行身份鉴别)."""

from __future__ import annotations

import pytest
from django.urls import reverse


@pytest.mark.parametrize("path", ["/messages/", "/", "/letters/mine/", "/workbench/"])
def test_a_password_only_staff_session_is_sent_to_the_second_factor(client, lisi, path):
    client.force_login(lisi)  # password given, TOTP not
    response = client.get(path)
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:otp"))


def test_a_password_only_staff_session_gets_nothing_from_the_api(client, lisi):
    client.force_login(lisi)
    response = client.get("/api/v1/me/")
    assert response.status_code == 403 and response.json()["code"] == "SECOND_FACTOR_REQUIRED"


def test_the_second_factor_pages_and_logout_stay_open(client, lisi):
    client.force_login(lisi)
    assert client.get(reverse("accounts:otp")).status_code == 200
    assert client.post(reverse("accounts:logout")).status_code == 302


def test_a_citizen_has_no_authenticator_set_up(client, zhangsan):
    client.force_login(zhangsan)
    assert client.get(reverse("accounts:otp_setup")).status_code == 404
    assert client.get(reverse("accounts:otp")).status_code == 404
    assert client.get("/messages/").status_code == 200  # a citizen's own messages, with his password alone


@pytest.mark.parametrize("target", ["foo", "https://evil.example/", "//evil.example/x"])
def test_after_the_code_a_next_that_is_no_path_of_this_site_goes_to_the_workbench(client, lisi, target):
    """Found in review beside the fuzz's `next=9999-12`: a bare word was taken for a view name (500), and only a
    path on this site may be the way on."""
    from tests.factories import totp_now

    client.raise_request_exception = False
    client.force_login(lisi)
    response = client.post(f"{reverse('accounts:otp')}?next={target}", {"token": totp_now(lisi)})
    assert response.status_code == 302 and response["Location"] == reverse("workbench:home")


@pytest.mark.parametrize("signed_in", [False, True])
def test_a_background_request_sent_to_sign_in_reloads_its_page_instead(client, lisi, signed_in):
    """Review of issue 20's findings poll: a poll whose session had ended followed the redirect and put the log-in
    page where the section was. An htmx request is told to reload its page (HX-Refresh), which then goes to the log-in
    or the second factor as an ordinary request and comes back to the page, not to the section."""
    if signed_in:
        client.force_login(lisi)  # password given, TOTP not
    path = "/workbench/disclosure/1/findings/?seen=x"
    response = client.get(path, headers={"HX-Request": "true"})
    assert response.status_code == 204 and response["HX-Refresh"] == "true"
    assert client.get(path).status_code == 302
