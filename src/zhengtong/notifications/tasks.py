"""Delivery of queued e-mail and SMS, each message once however the workers run or die.

A deliverer claims a message in its own committed UPDATE (待发送 → 发送中, with the time) before it calls the
gateway, so two deliverers running at once never both send it. A claim older than OUTBOX_LEASE belongs to a worker
that was killed mid-send: it is taken again, with the same message key (channels.message_key), so a gateway or its
receipts can tell a repeat: that happens only when a worker dies between the gateway's answer and the row's update,
or when a gateway call outlives the lease (a deliverer writes its result only while its claim stands). Each claim
counts as an attempt. There is no task lock: a lock held by a killed worker would stop every delivery after it."""

from __future__ import annotations

import datetime as dt

from django.db.models import F, Q
from django.utils import timezone
from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from . import channels
from .models import Outbox

MAX_ATTEMPTS = 5
OUTBOX_LEASE = dt.timedelta(minutes=10)  # far longer than a gateway call's timeout (EMAIL_TIMEOUT, the SMS backend's)


def _due(now) -> Q:
    stale = Q(status=Outbox.Status.SENDING, claimed_at__lt=now - OUTBOX_LEASE)
    return (Q(status=Outbox.Status.PENDING) | stale) & Q(attempts__lt=MAX_ATTEMPTS)


def _claim(pk: int) -> Outbox | None:
    """The message, if this deliverer is the one that took it: one conditional UPDATE, which only one of several
    deliverers can win on SQLite and on PostgreSQL alike. Each claim counts as an attempt, so a message that
    kills its worker every time still ends as failed."""
    now = timezone.now()
    taken = Outbox.objects.filter(_due(now), pk=pk).update(
        status=Outbox.Status.SENDING, claimed_at=now, attempts=F("attempts") + 1
    )
    return Outbox.objects.get(pk=pk) if taken else None


def _finish(item: Outbox, **values) -> None:
    """Written only while the claim is still this deliverer's: one whose gateway call outlived the lease must not
    overwrite what the deliverer that took the message over wrote."""
    Outbox.objects.filter(pk=item.pk, status=Outbox.Status.SENDING, claimed_at=item.claimed_at).update(**values)


def _give_up_on_killers(now) -> None:
    """Claims left by killed workers with no attempt left: failed, for staff to see, not 发送中 for ever."""
    Outbox.objects.filter(
        status=Outbox.Status.SENDING, claimed_at__lt=now - OUTBOX_LEASE, attempts__gte=MAX_ATTEMPTS
    ).update(status=Outbox.Status.FAILED, last_error="发送过程多次中断")


@db_task()
def deliver_outbox(limit: int = 500) -> int:
    sent = 0
    _give_up_on_killers(timezone.now())
    for pk in list(Outbox.objects.filter(_due(timezone.now())).order_by("pk").values_list("pk", flat=True)[:limit]):
        item = _claim(pk)
        if item is None:
            continue  # another deliverer has it
        try:
            channels.deliver(item)
        except Exception as exc:  # a gateway failure of any kind: record it, retry later, never lose the row
            status = Outbox.Status.FAILED if item.attempts >= MAX_ATTEMPTS else Outbox.Status.PENDING
            _finish(item, status=status, last_error=str(exc)[:300], claimed_at=None)
            continue
        # A sent SMS keeps no text: a submission's carried its query code, which is otherwise kept only as an
        # HMAC (cases/lookup.py), and the text is no longer needed once the gateway has it.
        purged = {"title": "", "body": ""} if item.channel == Outbox.Channel.SMS else {}
        _finish(item, status=Outbox.Status.SENT, sent_at=timezone.now(), **purged)
        sent += 1
    return sent


@db_task()
def send_sms_code(mobile: str, text: str) -> None:
    """A verification code (notifications/verification.py); an empty mobile is a send the page must not tell
    apart from a real one, and sends nothing."""
    if mobile:
        channels.sms_backend().send(mobile, text)


@db_periodic_task(crontab(minute="*/5"))
def retry_outbox() -> int:
    return deliver_outbox.call_local()
