from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task, lock_task

from . import channels
from .models import Outbox

MAX_ATTEMPTS = 5


@db_task()
@lock_task("notifications-outbox")
def deliver_outbox(limit: int = 500) -> int:
    sent = 0
    for item in Outbox.objects.filter(status=Outbox.Status.PENDING).order_by("pk")[:limit]:
        try:
            channels.deliver(item)
        except Exception as exc:  # a gateway failure of any kind: record it, retry later, never lose the row
            item.attempts += 1
            item.last_error = str(exc)[:300]
            item.status = Outbox.Status.FAILED if item.attempts >= MAX_ATTEMPTS else Outbox.Status.PENDING
            item.save(update_fields=["attempts", "last_error", "status"])
            continue
        with transaction.atomic():
            item.status, item.sent_at, item.attempts = Outbox.Status.SENT, timezone.now(), item.attempts + 1
            item.save(update_fields=["status", "sent_at", "attempts"])
        sent += 1
    return sent


@db_periodic_task(crontab(minute="*/5"))
def retry_outbox() -> int:
    return deliver_outbox.call_local()
