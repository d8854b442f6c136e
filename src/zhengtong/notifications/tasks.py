"""Delivery of queued e-mail and SMS, each message once however the workers run or die.

A deliverer claims a message in its own committed UPDATE (待发送 → 发送中, with the time) before it calls the
gateway, so two deliverers running at once never both send it. A claim older than OUTBOX_LEASE belongs to a worker
that was killed mid-send: it is taken again, with the same message key (channels.message_key), so a gateway or its
receipts can tell a repeat; the only window for one is between the gateway's answer and the row's update. There is
no task lock: a lock held by a killed worker would stop every delivery after it."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q
from django.utils import timezone
from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from . import channels
from .models import Outbox

MAX_ATTEMPTS = 5
OUTBOX_LEASE = dt.timedelta(minutes=10)  # far longer than a gateway call's timeout


def _due(now) -> Q:
    return Q(status=Outbox.Status.PENDING) | Q(status=Outbox.Status.SENDING, claimed_at__lt=now - OUTBOX_LEASE)


def _claim(pk: int) -> Outbox | None:
    """The message, if this deliverer is the one that took it: one conditional UPDATE, which only one of several
    deliverers can win on SQLite and on PostgreSQL alike."""
    now = timezone.now()
    taken = Outbox.objects.filter(_due(now), pk=pk).update(status=Outbox.Status.SENDING, claimed_at=now)
    return Outbox.objects.get(pk=pk) if taken else None


@db_task()
def deliver_outbox(limit: int = 500) -> int:
    sent = 0
    for pk in list(Outbox.objects.filter(_due(timezone.now())).order_by("pk").values_list("pk", flat=True)[:limit]):
        item = _claim(pk)
        if item is None:
            continue  # another deliverer has it
        try:
            channels.deliver(item)
        except Exception as exc:  # a gateway failure of any kind: record it, retry later, never lose the row
            item.attempts += 1
            item.last_error = str(exc)[:300]
            item.status = Outbox.Status.FAILED if item.attempts >= MAX_ATTEMPTS else Outbox.Status.PENDING
            item.claimed_at = None
            item.save(update_fields=["attempts", "last_error", "status", "claimed_at"])
            continue
        item.status, item.sent_at, item.attempts = Outbox.Status.SENT, timezone.now(), item.attempts + 1
        item.save(update_fields=["status", "sent_at", "attempts"])
        sent += 1
    return sent


@db_periodic_task(crontab(minute="*/5"))
def retry_outbox() -> int:
    return deliver_outbox.call_local()
