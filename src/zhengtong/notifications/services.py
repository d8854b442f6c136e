from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from zhengtong.core.validators import MOBILE_RE

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


def sms_to(*, mobile: str, title: str, body: str = "", recipient=None) -> Outbox | None:
    """One SMS to `mobile`, queued in the caller's transaction and sent after commit by `deliver_outbox` (the
    same path as `notify`'s): a rolled-back case sends nothing. `title` is the text the SMS carries
    (channels.deliver). `recipient` is the account, or None for a submitter without one (a letter's writer who
    proved his mobile). No SMS without a mobile number (none given, or a landline). Title and body are encrypted
    at rest, so the text may carry a query code (issue 22 item 5)."""
    mobile = (mobile or "").strip()
    if not MOBILE_RE.match(mobile):
        return None
    item = Outbox.objects.create(
        channel=Outbox.Channel.SMS, recipient=recipient, address=mobile, title=title, body=body
    )
    from .tasks import deliver_outbox

    transaction.on_commit(deliver_outbox)
    return item


def message_read(*, message: Message) -> None:
    if message.read_at is None:
        message.read_at = timezone.now()
        message.save(update_fields=["read_at"])
