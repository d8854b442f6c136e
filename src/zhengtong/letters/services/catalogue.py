"""The dispatch centre's own settings: the responsibility catalogue (category → department, one fallback for
unclear ownership) and the handling limits per kind and urgency (DOMAIN §5 defaults). Only centre staff change
them; every change is audited with what it changed."""

from __future__ import annotations

import re

from django.db import transaction

from zhengtong import privacy
from zhengtong.audit.services import audit_record
from zhengtong.core.errors import PermissionDenied, refuse
from zhengtong.files.publication import refuse_personal
from zhengtong.supervision.models import Unit

from .. import errors
from ..case import is_centre
from ..models import Limit, Responsibility
from .common import DEFAULT_LIMITS

CODE_RE = re.compile(r"^[a-z0-9_-]{1,40}$")
MAX_LIMIT = {Unit.HOURS: 72, Unit.WORKING_DAYS: 60, Unit.NATURAL_DAYS: 90}
FIELDS = ("code", "name", "keywords", "department_id", "is_fallback", "is_active")


def _require_centre(user, object_type: str) -> None:
    if not is_centre(user):
        with transaction.atomic():  # the attempt is recorded even though the change is refused
            audit_record(
                action="letters.denied.catalogue",
                object_type=object_type,
                changes={"user": [None, getattr(user, "username", "")]},
            )
        raise refuse(errors.NOT_CENTRE_SETTINGS, PermissionDenied)


def responsibility_save(
    *,
    by,
    code: str,
    name: str,
    keywords: str,
    department,
    is_fallback: bool = False,
    is_active: bool = True,
    row: Responsibility | None = None,
) -> Responsibility:
    _require_centre(by, "letters.responsibility")  # outside the change's transaction: the denial's record survives
    with transaction.atomic():
        return _responsibility_save(
            code=code,
            name=name,
            keywords=keywords,
            department=department,
            is_fallback=is_fallback,
            is_active=is_active,
            row=row,
        )


def _responsibility_save(*, code, name, keywords, department, is_fallback, is_active, row) -> Responsibility:
    code, name = (code or "").strip(), (name or "").strip()
    keywords = " ".join(re.split(r"[\s、，,；;]+", keywords or "")).strip()
    if not CODE_RE.match(code):
        raise refuse(errors.CATEGORY_CODE_INVALID)
    if not name:
        raise refuse(errors.CATEGORY_NAME_REQUIRED)
    # Published as typed: Open311's services and every published letter of the category name it.
    refuse_personal("name", "诉求类别", name)
    # a list of two-character words (柴桥 白峰 郭巨, Beilun's towns) reads as a list of names: numbers, accounts
    # and addresses are refused there, names are not
    refuse_personal("keywords", "关键词", keywords, ignore={privacy.Kind.NAME})
    if department is None:
        raise refuse(errors.DEPARTMENT_REQUIRED)
    if Responsibility.objects.filter(code=code).exclude(pk=getattr(row, "pk", None)).exists():
        raise refuse(errors.CATEGORY_EXISTS, code=code)
    was_fallback = bool(row and row.is_fallback)
    if was_fallback and not (is_fallback and is_active):
        raise refuse(errors.FALLBACK_REQUIRED)
    if is_fallback:
        Responsibility.objects.filter(is_fallback=True).exclude(pk=getattr(row, "pk", None)).update(is_fallback=False)
    before = {f: getattr(row, f) for f in FIELDS} if row else {}
    row = row or Responsibility()
    row.code, row.name, row.keywords, row.department = code, name, keywords[:500], department
    row.is_fallback, row.is_active = is_fallback, is_active or is_fallback
    row.save()
    changes = {f: [before.get(f), getattr(row, f)] for f in FIELDS if before.get(f) != getattr(row, f)}
    audit_record(action=f"letters.responsibility.{'update' if before else 'create'}", obj=row, changes=changes)
    return row


def limit_save(*, by, key: str, limit: int, unit: str) -> Limit:
    _require_centre(by, "letters.limit")
    with transaction.atomic():
        return _limit_save(key=key, limit=limit, unit=unit)


def _limit_save(*, key, limit, unit) -> Limit:
    if key not in DEFAULT_LIMITS:
        raise refuse(errors.LIMIT_KEY_INVALID)
    if unit not in MAX_LIMIT or not isinstance(limit, int) or not 1 <= limit <= MAX_LIMIT[unit]:
        raise refuse(errors.LIMIT_INVALID)
    row, created = Limit.objects.get_or_create(key=key, defaults={"limit": limit, "unit": unit})
    before = (None, None) if created else (row.limit, row.unit)
    row.limit, row.unit = limit, unit
    row.save()
    audit_record(
        action="letters.limit.update", obj=row, changes={"limit": [before[0], limit], "unit": [before[1], unit]}
    )
    return row
