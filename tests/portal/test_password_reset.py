"""忘记密码 by SMS (issue 22 item 6): a citizen or an enterprise proves the mobile on record with a one-time code
and sets a new password; the page answers alike whether or not the number is registered (no account
enumeration: 个人信息保护法, OWASP ASVS 2.5), a staff account never resets this way (its password is the security
administrator's), and a wrong code changes nothing."""

from __future__ import annotations

from zhengtong.audit.models import OperationLog
from zhengtong.notifications.models import PhoneCode

from .. import factories as f
from ..conftest import sms_code

NEW = "Zt-new-pass-2026"
URL = "/password/forgot/"


def _send(client, capture, mobile: str) -> str:
    with capture(execute=True):
        return client.post(URL, {"mobile": mobile, "send_code": "1"}).content.decode()


def test_a_citizen_resets_the_password_with_a_code_sent_to_his_mobile(
    client, zhangsan, sms_outbox, django_capture_on_commit_callbacks
):
    page = _send(client, django_capture_on_commit_callbacks, zhangsan.mobile)
    assert "如该号码已注册" in page and len(sms_outbox) == 1
    done = client.post(
        URL,
        {"mobile": zhangsan.mobile, "code": sms_code(sms_outbox), "password": NEW, "password2": NEW},
        follow=True,
    )
    assert done.request["PATH_INFO"] == "/accounts/login/" and "密码已重新设置" in done.content.decode()
    zhangsan.refresh_from_db()
    assert zhangsan.check_password(NEW)
    assert OperationLog.objects.filter(action="accounts.password.reset", object_id=str(zhangsan.pk)).exists()


def test_an_unknown_number_gets_the_same_answer_and_no_message(
    client, db, sms_outbox, django_capture_on_commit_callbacks
):
    page = _send(client, django_capture_on_commit_callbacks, "13900000000")
    assert "如该号码已注册" in page and sms_outbox == []
    assert PhoneCode.objects.count() == 1  # counted against the number and the address, as a real send is


def test_known_and_unknown_numbers_queue_the_same_task_and_the_page_never_waits_for_the_gateway(
    client, zhangsan, monkeypatch, django_capture_on_commit_callbacks
):
    """The gateway is called by the worker: a registered number's page took 0.3 s longer with a slow gateway."""
    from zhengtong.notifications import tasks

    queued = []
    monkeypatch.setattr(tasks, "send_sms_code", lambda mobile, text: queued.append(bool(mobile)))
    _send(client, django_capture_on_commit_callbacks, zhangsan.mobile)
    _send(client, django_capture_on_commit_callbacks, "13900000000")
    assert queued == [True, False]


def test_a_staff_account_is_never_reset_by_sms(client, district, sms_outbox, django_capture_on_commit_callbacks):
    clerk = f.staff("lisi", "李四", district["A"])
    clerk.mobile = "13805740099"
    clerk.save(update_fields=["mobile"])
    _send(client, django_capture_on_commit_callbacks, clerk.mobile)
    assert sms_outbox == []


def test_a_wrong_code_changes_nothing(client, zhangsan, sms_outbox, django_capture_on_commit_callbacks):
    _send(client, django_capture_on_commit_callbacks, zhangsan.mobile)
    wrong = f"{(int(sms_code(sms_outbox)) + 1) % 1000000:06d}"
    page = client.post(URL, {"mobile": zhangsan.mobile, "code": wrong, "password": NEW, "password2": NEW})
    assert "短信验证码不正确" in page.content.decode()
    zhangsan.refresh_from_db()
    assert not zhangsan.check_password(NEW)


def test_the_login_page_links_to_it(client, db):
    assert f'href="{URL}"' in client.get("/accounts/login/").content.decode()
