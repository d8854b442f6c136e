"""The site's columns (栏目): set by the site's editors only, every change audited with what it changed. A column
is where news, notices and interpretations are published; which show on the home page and each column's update
period (the inspection indicators: 动态、要闻类 two weeks, 通知公告、政策文件类 six months, DOMAIN §9) are the
editors' to set."""

from __future__ import annotations

import re

from django.db import IntegrityError, transaction

from zhengtong.audit.services import audit_record
from zhengtong.core.errors import PermissionDenied, refuse
from zhengtong.files.publication import refuse_personal
from zhengtong.org.access import edits_site

from . import errors
from .models import Column

CODE_RE = re.compile(r"^[a-z0-9_-]{1,40}$")
MAX_UPDATE_DAYS = 730
FIELDS = ("code", "name", "sort_order", "on_home", "update_days")


def require_editor(user, column: Column | None = None) -> None:
    """Refused (403) and audited unless `user` is a site editor; the record is written outside any change's
    transaction, so it survives the refusal."""
    if edits_site(user):
        return
    with transaction.atomic():
        audit_record(
            action="disclosure.denied.column",
            obj=column,
            object_type="disclosure.column",
            changes={"user": [None, getattr(user, "username", "")]},
        )
    raise refuse(errors.NOT_EDITOR, PermissionDenied)


def column_save(
    *,
    by,
    code: str,
    name: str,
    sort_order: int = 100,
    on_home: bool = False,
    update_days: int | None = None,
    column: Column | None = None,
) -> Column:
    require_editor(by, column)
    code, name = (code or "").strip(), (name or "").strip()
    if not CODE_RE.match(code):
        raise refuse(errors.COLUMN_CODE)
    if not name:
        raise refuse(errors.COLUMN_NAME)
    refuse_personal("name", "栏目名称", name)  # printed on the home page and every disclosure page
    if update_days is not None and not 1 <= update_days <= MAX_UPDATE_DAYS:
        raise refuse(errors.UPDATE_DAYS)
    try:
        return _save(column, code, name, sort_order, on_home, update_days)
    except IntegrityError:  # the same code saved at the same moment by another editor
        raise refuse(errors.COLUMN_CODE_TAKEN, code=code) from None


@transaction.atomic(durable=True)
def _save(column, code, name, sort_order, on_home, update_days) -> Column:
    if Column.objects.filter(code=code).exclude(pk=getattr(column, "pk", None)).exists():
        raise refuse(errors.COLUMN_CODE_TAKEN, code=code)
    before = {f: getattr(column, f) for f in FIELDS} if column else {}
    column = column or Column()
    column.code, column.name, column.sort_order = code, name[:100], sort_order
    column.on_home, column.update_days = on_home, update_days
    column.save()
    changes = {f: [before.get(f), getattr(column, f)] for f in FIELDS if before.get(f) != getattr(column, f)}
    audit_record(action=f"disclosure.column.{'update' if before else 'create'}", obj=column, changes=changes)
    return column
