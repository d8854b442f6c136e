"""Issuing the written notices (models/notices.py) inside the step's own transaction: the notice exists iff the
step happened. A decision carries the decision number the clerk gave; every other notice is numbered per organ,
kind and year from a locked counter."""

from __future__ import annotations

from django.utils import timezone

from ..models import Application, Notice, NoticeCounter

WORD = {
    Notice.Kind.ACCEPTED: "受",
    Notice.Kind.REFUSED: "不受",
    Notice.Kind.CORRECTION: "补",
    Notice.Kind.SPECIAL: "特",
    Notice.Kind.GRANTED: "许",  # a 即办件's decision, made at acceptance without a number from the clerk
}


def _next_number(department, kind: str, year: int) -> str:
    counter, _created = NoticeCounter.objects.get_or_create(department=department, kind=kind, year=year)
    counter = NoticeCounter.objects.select_for_update().get(pk=counter.pk)
    counter.last += 1
    counter.save(update_fields=["last"])
    return f"{department.short_name or department.name}{WORD[kind]}字〔{year}〕第{counter.last}号"


def notice_issue(application: Application, kind: str, *, number: str = "", **facts) -> Notice:
    department = application.lead_department
    now = timezone.now()
    return Notice.objects.create(
        application=application,
        kind=kind,
        number=number or _next_number(department, kind, timezone.localtime(now).year),
        department=department,
        issued_at=now,
        facts={k: v for k, v in facts.items() if v not in (None, "", [])},
    )
