"""Telling the person a case is for (the applicant, the writer) of its steps: once, for every case type that
declares whom it tells (`CaseType.told`). The message is written in the step's transaction (notifications), so
a step that fails tells no one, and one that commits has told."""

from __future__ import annotations

from django.db.models import Model

from zhengtong.core.reverse import reverse_once
from zhengtong.notifications.models import Message
from zhengtong.notifications.services import notify

from .types import CaseType


def tell(case_type: CaseType, case: Model, title: str, body: str = "", channels=None) -> list[Message]:
    """`title` is the step ("已受理"); the message reads "<the case's subject>：已受理" and links to his own page
    of the case, on the case type's channels unless `channels` says otherwise (a receipt, whose SMS carries the
    query code and is sent apart). A case filed for someone without an account (a paper request, a phone call)
    tells no one here: he was given his receipt number and query code."""
    told = case_type.told
    if told is None:
        raise LookupError(f"{case_type.subject} declares no one to tell")
    if getattr(case, f"{told.person}_id") is None:
        return []
    url_name, key = told.page
    return notify(
        recipients=[getattr(case, told.person)],
        title=f"{told.subject(case)}：{title}",
        body=body,
        link=reverse_once(url_name, getattr(case, key)),
        channels=told.channels if channels is None else channels,
    )
