"""Log-in: second factor for staff, lockout with cool-off on username+IP, session rotation, login log."""

from __future__ import annotations

import datetime as dt

import pytest
from axes.models import AccessAttempt
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from zhengtong.audit.models import LoginLog

from .. import factories as f


def _login(client, username, password=f.PASSWORD, ip="10.0.0.1"):
    return client.post(reverse("accounts:login"), {"username": username, "password": password}, REMOTE_ADDR=ip)


def test_a_citizen_logs_in_with_mobile_number(client, zhangsan):
    response = _login(client, zhangsan.mobile)
    assert response.status_code == 302 and response.url == reverse("portal:home")


def test_the_session_key_is_rotated_at_login(client, zhangsan):
    client.get(reverse("accounts:login"))
    client.session.save()
    before = client.session.session_key
    _login(client, zhangsan.mobile)
    assert client.session.session_key != before


def test_staff_are_sent_to_the_second_factor_and_nothing_opens_before_it(client, lisi):
    response = _login(client, "lisi")
    assert response.url.startswith(reverse("accounts:otp"))
    workbench = client.get(reverse("workbench:home"))
    assert workbench.status_code == 302 and workbench.url.startswith(reverse("accounts:otp"))


def test_a_correct_totp_opens_the_workbench(client, lisi):
    _login(client, "lisi")
    response = client.post(reverse("accounts:otp"), {"token": f.totp_now(lisi)})
    assert response.status_code == 302
    assert client.get(reverse("workbench:home")).status_code == 200


def test_a_wrong_totp_is_refused_and_logged(client, lisi):
    _login(client, "lisi")
    code = f.totp_now(lisi)
    wrong = f"{(int(code) + 500000) % 1000000:06d}"
    response = client.post(reverse("accounts:otp"), {"token": wrong})
    assert "OTP_INVALID" in response.content.decode()
    assert LoginLog.objects.filter(username="lisi", outcome=LoginLog.Outcome.OTP_FAILURE).exists()
    assert client.get(reverse("workbench:home")).status_code == 302


def test_first_login_enrols_an_authenticator_and_issues_backup_codes(client, district):
    user = f.staff("newbie", "新人", district["A"])
    TOTPDevice.objects.filter(user=user).delete()
    _login(client, "newbie")
    page = client.get(reverse("accounts:otp"), follow=True)
    assert "绑定身份验证器" in page.content.decode()
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    from django_otp.oath import totp

    response = client.post(reverse("accounts:otp_setup"), {"token": f"{totp(device.bin_key):06d}"})
    assert "请保存备用码" in response.content.decode()
    codes = list(StaticToken.objects.filter(device__user=user).values_list("token", flat=True))
    assert len(codes) == 10
    # a backup code works exactly once
    client.logout()
    _login(client, "newbie")
    assert client.post(reverse("accounts:otp"), {"token": codes[0]}).status_code == 302
    client.logout()
    _login(client, "newbie")
    assert "OTP_INVALID" in client.post(reverse("accounts:otp"), {"token": codes[0]}).content.decode()


def test_five_failures_lock_that_username_and_ip_with_a_chinese_message(client, zhangsan):
    for _ in range(5):
        _login(client, zhangsan.mobile, password="wrong-password")
    response = _login(client, zhangsan.mobile)  # even the right password is refused while locked
    assert response.status_code == 429
    assert "ACCOUNT_LOCKED" in response.content.decode()
    assert LoginLog.objects.filter(outcome=LoginLog.Outcome.LOCKED).exists()


def test_an_attacker_cannot_lock_the_victim_out_from_elsewhere(client, zhangsan):
    for _ in range(6):
        _login(client, zhangsan.mobile, password="wrong-password", ip="203.0.113.9")
    assert _login(client, zhangsan.mobile, ip="10.0.0.7").status_code == 302


def test_the_lock_ends_after_the_cool_off(client, zhangsan, settings):
    for _ in range(5):
        _login(client, zhangsan.mobile, password="wrong-password")
    assert _login(client, zhangsan.mobile).status_code == 429
    AccessAttempt.objects.update(attempt_time=timezone.now() - dt.timedelta(minutes=16))
    assert _login(client, zhangsan.mobile).status_code == 302


def test_every_success_and_failure_is_in_the_login_log_with_ip_and_agent(client, zhangsan):
    _login(client, zhangsan.mobile, password="wrong-password")
    client.post(
        reverse("accounts:login"),
        {"username": zhangsan.mobile, "password": f.PASSWORD},
        REMOTE_ADDR="10.0.0.2",
        HTTP_USER_AGENT="测试浏览器/1.0",
    )
    failure = LoginLog.objects.get(outcome=LoginLog.Outcome.FAILURE)
    success = LoginLog.objects.get(outcome=LoginLog.Outcome.SUCCESS)
    # the identifier typed, masked: the login log keeps no mobile in clear (issue 20, item 5)
    assert failure.ip == "10.0.0.1" and failure.username == zhangsan.mobile[:3] + "****" + zhangsan.mobile[-4:]
    assert success.ip == "10.0.0.2" and success.user_agent == "测试浏览器/1.0" and success.user_id == zhangsan.pk


@pytest.mark.parametrize("path", ["/workbench/", "/workbench/audit/operations/"])
def test_a_citizen_never_reaches_staff_pages(client, zhangsan, path):
    client.force_login(zhangsan)
    assert client.get(path).status_code == 403


def test_the_lockout_counts_the_account_however_its_identifier_is_spelled(client, district):
    """Issue 21 item 4 (等保2.0 8.1.4.1 b: 登录失败处理功能): failures by user name, by e-mail in any case and
    with spaces all count against one account, so re-spelling gives no fresh guesses."""
    user = f.staff("chenqi", "陈七", district["A"])
    user.email = "Chen.Qi@beilun.gov.cn"
    user.save(update_fields=["email"])
    for spelling in ("chenqi", "chen.qi@beilun.gov.cn", "CHEN.QI@BEILUN.GOV.CN", " Chen.Qi@beilun.gov.cn ", "chenqi"):
        _login(client, spelling, password="wrong-password")
    assert _login(client, "chenqi").status_code == 429


def test_attempts_while_locked_do_not_extend_the_cool_off(client, zhangsan):
    for _ in range(5):
        _login(client, zhangsan.mobile, password="wrong-password")
    first = AccessAttempt.objects.get().attempt_time
    for _ in range(3):
        _login(client, zhangsan.mobile, password="wrong-password")
    assert AccessAttempt.objects.get().attempt_time == first


def test_an_overlong_identifier_is_refused_before_any_table(client, db):
    response = _login(client, "x" * 300, password="wrong-password")
    assert response.status_code in (200, 400) and "x" * 300 not in str(list(AccessAttempt.objects.values()))
