"""Each queued e-mail or SMS reaches the gateway once, whatever happens to the worker (issue 21 item 11;
GB/T 22239-2019 数据完整性). A deliverer claims a message (committed) before calling the gateway, so another
deliverer running at the same time never sends it too; a claim whose worker was killed is taken again after the
lease, with the same message key, so a gateway (or its receipt log) can tell the repeat. No task lock: a lock held
by a killed worker would stop every delivery after it."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from huey.contrib.djhuey import HUEY

from zhengtong.notifications import channels
from zhengtong.notifications.models import Outbox
from zhengtong.notifications.services import notify
from zhengtong.notifications.tasks import MAX_ATTEMPTS, OUTBOX_LEASE, deliver_outbox


class KeyedGateway:
    sent: list[tuple[str, str, str]] = []

    def send(self, mobile: str, text: str, key: str = "") -> None:
        KeyedGateway.sent.append((mobile, text, key))


def _queue(user, n: int = 1) -> list[Outbox]:
    user.mobile = "13805740001"
    user.save(update_fields=["mobile"])
    for i in range(n):
        notify(recipients=[user], title=f"办件{i}已受理", channels=("sms",))
    return list(Outbox.objects.order_by("pk"))


def _gateway(monkeypatch, gateway=KeyedGateway):
    gateway.sent = []
    monkeypatch.setattr(channels, "sms_backend", gateway)


def test_a_second_deliverer_running_at_the_same_time_sends_nothing_twice(zhangsan, monkeypatch):
    _queue(zhangsan, 3)

    class Overlapping(KeyedGateway):
        def send(self, mobile, text, key=""):
            if len(KeyedGateway.sent) == 0:
                assert Outbox.objects.filter(status=Outbox.Status.SENDING).count() == 1  # claimed before sending
                deliver_outbox.call_local()  # another worker's run, in the middle of this one
            super().send(mobile, text, key)

    _gateway(monkeypatch, Overlapping)
    deliver_outbox.call_local()
    keys = [key for _m, _t, key in KeyedGateway.sent]
    assert len(keys) == 3 and len(set(keys)) == 3
    assert set(Outbox.objects.values_list("status", flat=True)) == {Outbox.Status.SENT}


def test_a_claim_left_by_a_killed_worker_is_sent_after_the_lease_with_the_same_key(zhangsan, monkeypatch):
    (item,) = _queue(zhangsan)
    _gateway(monkeypatch)
    Outbox.objects.filter(pk=item.pk).update(status=Outbox.Status.SENDING, claimed_at=timezone.now())
    assert deliver_outbox.call_local() == 0  # still leased: the worker may be sending it now
    stale = timezone.now() - OUTBOX_LEASE - dt.timedelta(seconds=1)
    Outbox.objects.filter(pk=item.pk).update(claimed_at=stale)
    assert deliver_outbox.call_local() == 1
    assert KeyedGateway.sent == [("13805740001", "【政通】办件0已受理", channels.message_key(item))]


def test_a_lock_left_by_a_killed_worker_does_not_stop_delivery(zhangsan, monkeypatch):
    _queue(zhangsan)
    _gateway(monkeypatch)
    HUEY.put_if_empty(HUEY.lock_task("notifications-outbox")._key, "1")  # what a killed worker's lock_task leaves
    try:
        assert deliver_outbox.call_local() == 1
    finally:
        HUEY.flush_locks()


def test_a_gateway_without_keys_still_gets_the_message(zhangsan, monkeypatch):
    class Plain:
        sent = []

        def send(self, mobile, text):  # a city's gateway written before keys: (mobile, text) only
            Plain.sent.append(text)

    _queue(zhangsan)
    _gateway(monkeypatch, Plain)
    assert deliver_outbox.call_local() == 1 and Plain.sent == ["【政通】办件0已受理"]


def test_a_worker_that_outlived_its_lease_does_not_overwrite_the_one_that_took_the_message_over(zhangsan, monkeypatch):
    (item,) = _queue(zhangsan)

    class Slow(KeyedGateway):
        calls = 0

        def send(self, mobile, text, key=""):
            Slow.calls += 1
            if Slow.calls == 1:  # this call hangs past the lease; another worker takes the message and sends it
                Outbox.objects.filter(pk=item.pk).update(claimed_at=timezone.now() - OUTBOX_LEASE * 2)
                assert deliver_outbox.call_local() == 1
            super().send(mobile, text, key)

    _gateway(monkeypatch, Slow)
    deliver_outbox.call_local()
    item.refresh_from_db()
    assert item.status == Outbox.Status.SENT and item.attempts == 2  # two claims, each counted once


def test_a_message_that_keeps_killing_its_worker_fails_after_the_attempts(zhangsan, monkeypatch):
    (item,) = _queue(zhangsan)
    _gateway(monkeypatch)
    stale = timezone.now() - OUTBOX_LEASE - dt.timedelta(seconds=1)
    Outbox.objects.filter(pk=item.pk).update(status=Outbox.Status.SENDING, claimed_at=stale, attempts=MAX_ATTEMPTS)
    assert deliver_outbox.call_local() == 0 and KeyedGateway.sent == []
    item.refresh_from_db()
    assert item.status == Outbox.Status.FAILED and item.last_error
