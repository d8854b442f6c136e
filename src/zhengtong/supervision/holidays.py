"""Entering a year's official schedule (国务院办公厅关于X年部分节假日安排的通知) from a CSV or xlsx file.

Columns: 日期 (YYYY-MM-DD), 类型 (放假 / 调休上班), 名称 (e.g. 春节). One row per day. The whole year is replaced in
one transaction; every bad row is reported with its line number and nothing is saved.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _

from zhengtong.audit.services import audit_record
from zhengtong.core.errors import InvalidInput
from zhengtong.workdays.calendar import FIRST_DATE, LAST_DATE
from zhengtong.workdays.models import CalendarDay, CalendarYear
from zhengtong.workdays.signals import table_changed

KINDS = {
    "放假": CalendarDay.Kind.HOLIDAY,
    "holiday": CalendarDay.Kind.HOLIDAY,
    "调休上班": CalendarDay.Kind.WORKDAY,
    "上班": CalendarDay.Kind.WORKDAY,
    "workday": CalendarDay.Kind.WORKDAY,
}


def read_rows(path: Path) -> list[list[str]]:
    if path.suffix.lower() == ".xlsx":
        from openpyxl import load_workbook

        sheet = load_workbook(path, read_only=True, data_only=True).active
        return [
            ["" if v is None else (v.date().isoformat() if isinstance(v, dt.datetime) else str(v)).strip() for v in row]
            for row in sheet.iter_rows(values_only=True)
        ]
    text = path.read_bytes().decode("utf-8-sig")
    return [[c.strip() for c in row] for row in csv.reader(io.StringIO(text))]


def parse(rows: list[list[str]], year: int) -> tuple[list[tuple[dt.date, str, str]], list[str]]:
    days, problems, seen = [], [], set()
    body = rows[1:] if rows and rows[0] and not rows[0][0][:1].isdigit() else rows
    offset = 2 if body is not rows else 1
    for n, row in enumerate(body, start=offset):
        if not any(row):
            continue
        if len(row) < 3:
            problems.append(_("第%(n)d行：应有日期、类型、名称三列") % {"n": n})
            continue
        try:
            day = dt.date.fromisoformat(row[0])
        except ValueError:
            problems.append(_("第%(n)d行：日期“%(v)s”格式应为 YYYY-MM-DD") % {"n": n, "v": row[0]})
            continue
        kind = KINDS.get(row[1])
        if day.year != year:
            problems.append(_("第%(n)d行：日期 %(d)s 不在 %(y)d 年") % {"n": n, "d": day, "y": year})
        elif kind is None:
            problems.append(_("第%(n)d行：类型应为“放假”或“调休上班”") % {"n": n})
        elif kind == CalendarDay.Kind.WORKDAY and day.weekday() < 5:
            problems.append(_("第%(n)d行：%(d)s 本是工作日，不需要调休上班") % {"n": n, "d": day})
        elif not row[2]:
            problems.append(_("第%(n)d行：缺少节日名称") % {"n": n})
        elif day in seen:
            problems.append(_("第%(n)d行：%(d)s 重复") % {"n": n, "d": day})
        else:
            seen.add(day)
            days.append((day, kind, row[2][:50]))
    if not days and not problems:
        problems.append(_("文件中没有任何日期"))
    return days, problems


@transaction.atomic(durable=True)
def calendar_year_import(*, year: int, notice: str, rows: list[list[str]]) -> CalendarYear:
    if not FIRST_DATE.year <= year <= LAST_DATE.year:
        raise InvalidInput(_("年份超出支持范围（2004至2099）。"), code="CALENDAR_YEAR_RANGE")
    if not notice.strip():
        raise InvalidInput(_("请填写依据文件（国务院办公厅通知的名称或文号）。"), code="CALENDAR_NOTICE_REQUIRED")
    days, problems = parse(rows, year)
    if problems:
        raise InvalidInput(
            "；".join(problems),
            code="CALENDAR_ROWS_INVALID",
            fields={"rows": [{"code": "CALENDAR_ROWS_INVALID", "message": p} for p in problems]},
        )
    existing = CalendarYear.objects.filter(year=year).first()
    before = existing.days.count() if existing else 0
    if existing:
        existing.delete()
    row = CalendarYear.objects.create(year=year, notice=notice.strip()[:200], source="导入")
    CalendarDay.objects.bulk_create(CalendarDay(date=d, kind=k, name=n, year=row) for d, k, n in days)
    audit_record(
        action="workdays.year.import", obj=row, changes={"days": [before, len(days)], "notice": [None, row.notice]}
    )
    table_changed()  # bulk_create sends no model signals
    return row
