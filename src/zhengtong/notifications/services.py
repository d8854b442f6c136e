from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from .models import Message, Outbox


def notify(*, recipients: Iterable, title: str, body: str = "", link: str = "", channels=("site",)) -> list[Message]:
    """In-site message for each recipient now; e-mail/SMS rows queued and sent by a task after commit."""
    people = {u.pk: u for u in recipients if u is not None}.values()
    messages = Message.objects.bulk_create(
        Message(recipient=u, title=title[:200], body=body, link=link) for u in people
    )
    queued = []
    for user in people:
        if "email" in channels and user.email:
            queued.append(Outbox(channel="email", recipient=user, address=user.email, title=title[:200], body=body))
        if "sms" in channels and user.mobile:
            queued.append(Outbox(channel="sms", recipient=user, address=user.mobile, title=title[:200], body=body))
    if queued:
        Outbox.objects.bulk_create(queued)
        from .tasks import deliver_outbox

        transaction.on_commit(deliver_outbox)
    return messages


def message_read(*, message: Message) -> None:
    if message.read_at is None:
        message.read_at = timezone.now()
        message.save(update_fields=["read_at"])
