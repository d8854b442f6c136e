from __future__ import annotations

from django.core import mail

from zhengtong.notifications.models import Message, Outbox
from zhengtong.notifications.services import notify
from zhengtong.notifications.tasks import deliver_outbox


def test_in_site_message_now_and_email_after_commit(zhangsan, django_capture_on_commit_callbacks, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    zhangsan.email = "zs@example.cn"
    zhangsan.save(update_fields=["email"])
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        notify(recipients=[zhangsan, zhangsan], title="办件即将到期", channels=("site", "email", "sms"))
    assert Message.objects.filter(recipient=zhangsan).count() == 1  # duplicates collapse
    assert Outbox.objects.filter(status="pending").count() == 2  # e-mail and SMS wait for the commit
    assert len(callbacks) == 1
    assert deliver_outbox.call_local() == 2
    assert mail.outbox[0].subject == "办件即将到期"
    assert Outbox.objects.filter(status="sent").count() == 2


def test_a_failing_gateway_keeps_the_message_for_retry(zhangsan, monkeypatch):
    zhangsan.email = "zs@example.cn"
    zhangsan.save(update_fields=["email"])
    notify(recipients=[zhangsan], title="测试", channels=("email",))

    def broken(item):
        raise ConnectionError("gateway down")

    monkeypatch.setattr("zhengtong.notifications.channels.deliver", broken)
    assert deliver_outbox.call_local() == 0
    item = Outbox.objects.get()
    assert item.status == "pending" and item.attempts == 1 and "gateway down" in item.last_error
