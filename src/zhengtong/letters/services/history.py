"""Letters handled before this platform (the earlier 81890 system's records): imported as closed cases with their
handling record, their clocks (for the indicators) and, where the writer agreed, a masked published copy. All or
nothing; one audit row for the batch."""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass

from django.db import transaction

from zhengtong.audit.services import audit_record
from zhengtong.core.codes import six_digits
from zhengtong.core.errors import InvalidInput
from zhengtong.core.sql import next_keys
from zhengtong.search.services import documents_index
from zhengtong.supervision.services import clocks_record_finished

from .. import similar
from ..counts import forget_counts
from ..models import Assignment, Event, Kind, Letter, Responsibility, Satisfaction, State
from ..search_index import search_document
from .common import SUBJECT, centre_department, handling_key, letter_number, limit_for, query_hash
from .intake import _check_name, _check_phone, _clean_text
from .publication import masked


@dataclass(frozen=True)
class Historical:
    channel: str
    kind: str
    title: str
    content: str
    received_at: dt.datetime
    accepted_at: dt.datetime
    department: object
    replied_at: dt.datetime
    reply: str
    closed_at: dt.datetime
    satisfaction: str = Satisfaction.SATISFIED
    category: Responsibility | None = None
    writer_name: str = ""
    writer_phone: str = ""
    anonymous: bool = False
    public_allowed: bool = False


def _check(n: int, row: Historical) -> tuple[str, str, str]:
    try:
        title, content = _clean_text(row.title, row.content)
        phone = _check_phone(row.writer_phone)
        _check_name(row.writer_name)
    except InvalidInput as exc:
        raise InvalidInput(f"第{n}行：{exc.message}", code=exc.code) from None
    if (
        row.kind not in Kind.values
        or not (row.received_at <= row.accepted_at <= row.replied_at <= row.closed_at)
        or not row.reply.strip()
    ):
        raise InvalidInput(
            f"第{n}行：类别、答复或各环节时间不完整或顺序不对（来信 ≤ 受理 ≤ 答复 ≤ 办结）。", code="LETTER_IMPORT_ROW"
        )
    return title, content, phone


@transaction.atomic
def letters_import(*, rows: list[Historical], by) -> list[Letter]:
    centre = centre_department()
    checked = [_check(n, row) for n, row in enumerate(rows, start=1)]  # every row before any key is drawn
    letters = []
    # Numbers from the keys, written with the rows as a live letter's (decision 0012); nobody holds their codes.
    for key, row, (title, content, phone) in zip(next_keys(Letter, len(rows)), rows, checked):
        b = similar.bands(f"{title}\n{content}")
        number = letter_number(row.received_at, key)
        letter = Letter(
            pk=key,
            number=number,
            query_hash=query_hash(number, six_digits()),
            channel=row.channel,
            kind=row.kind,
            title=title,
            content=content,
            anonymous=row.anonymous,
            writer_name="" if row.anonymous else row.writer_name[:50],
            writer_phone=phone,
            public_allowed=row.public_allowed,
            received_at=row.received_at,
            accepted_at=row.accepted_at,
            state=State.CLOSED,
            department=row.department,
            category=row.category,
            reply=row.reply,
            replied_at=row.replied_at,
            satisfaction=row.satisfaction,
            closed_at=row.closed_at,
            band0=b[0],
            band1=b[1],
            band2=b[2],
            band3=b[3],
            band4=b[4],
            band5=b[5],
            created_by=by,
        )
        if row.public_allowed:
            letter.public_title, letter.public_content, letter.public_reply = masked(letter, title, content, row.reply)
            letter.published_at = row.closed_at
        letters.append(letter)
    Letter.objects.bulk_create(letters, batch_size=500)
    Assignment.objects.bulk_create(
        [
            Assignment(
                letter=l,
                department=l.department,
                role=Assignment.Role.MAIN,
                state=Assignment.State.DONE,
                dispatched_at=l.accepted_at,
                letter_received_at=l.received_at,
                accepted_at=l.accepted_at,
                finished_at=l.replied_at,
            )
            for l in letters
        ],
        batch_size=500,
    )
    events = []
    for l in letters:
        for at, action, label, dept in (
            (l.received_at, "submit", f"收到来信（{l.get_channel_display()}）", centre),
            (l.accepted_at, "accept", "受理", centre),
            (l.accepted_at, "dispatch", f"派单至{l.department.name}（主办）", l.department),
            (l.replied_at, "reply", f"{l.department.name}答复", l.department),
            (l.closed_at, "callback", f"回访：{l.get_satisfaction_display()}", centre),
            (l.closed_at, "close", "办结", centre),
        ):
            events.append(Event(letter=l, at=at, action=action, label=label, department=dept, public=True))
    Event.objects.bulk_create(events, batch_size=1000)
    clocks = []
    limit_of = functools.cache(limit_for)  # one read per limit for the batch, not two per letter
    for l in letters:
        label = f"{l.get_kind_display()}：{l.title}"[:200]
        common = {"subject_type": SUBJECT, "subject_id": l.pk, "subject_label": label, "item_code": f"letters.{l.kind}"}
        if centre is not None:
            limit, unit = limit_of("accept")
            clocks.append(
                {
                    **common,
                    "stage": "accept",
                    "stage_label": "受理",
                    "department": centre,
                    "limit": limit,
                    "unit": unit,
                    "started_at": l.received_at,
                    "stopped_at": l.accepted_at,
                }
            )
        limit, unit = limit_of(handling_key(l))
        clocks.append(
            {
                **common,
                "stage": "handle",
                "stage_label": "办理",
                "department": l.department,
                "limit": limit,
                "unit": unit,
                "started_at": l.accepted_at,
                "stopped_at": l.replied_at,
                "whole": True,
            }
        )
    clocks_record_finished(clocks)
    audit_record(action="letters.letter.import", object_type="letters.letter", changes={"count": [None, len(letters)]})
    documents_index([search_document(l) for l in letters if l.published_at])
    transaction.on_commit(forget_counts)
    return letters
