"""The public calculator's answers (办事期限计算器), shared by the portal page and the API."""

from __future__ import annotations

import datetime as dt

from . import calendar

MAX_DAYS = 3650


class CalculatorError(ValueError):
    def __init__(self, code: str, message: str, field: str):
        self.code, self.message, self.field = code, message, field
        super().__init__(message)


def parse_date(value: str, field: str) -> dt.date:
    try:
        day = dt.date.fromisoformat((value or "").strip())
    except ValueError:
        raise CalculatorError("DATE_FORMAT", "日期格式应为 YYYY-MM-DD，如 2026-03-02。", field) from None
    if not calendar.FIRST_DATE <= day <= calendar.LAST_DATE:
        raise CalculatorError("DATE_OUT_OF_RANGE", "日期超出支持范围（2004-01-01 至 2099-12-31）。", field)
    return day


def parse_days(value: str) -> int:
    try:
        days = int((value or "").strip())
    except ValueError:
        raise CalculatorError("DAYS_FORMAT", "工作日数应为整数。", "days") from None
    if not 0 <= days <= MAX_DAYS:
        raise CalculatorError("DAYS_RANGE", f"工作日数应在 0 至 {MAX_DAYS} 之间。", "days")
    return days


def add_answer(start: dt.date, days: int) -> dict:
    try:
        due = calendar.add_working_days(start, days)
    except calendar.CalendarRangeError:
        raise CalculatorError("DATE_OUT_OF_RANGE", "计算结果超出支持范围（2099年底）。", "days") from None
    return {
        "start": start.isoformat(),
        "days": days,
        "due": due.isoformat(),
        "provisional": calendar.is_provisional(start, due),
        "last_published_year": calendar.last_published_year(),
        "skipped": [d for d in calendar.skipped_days(start, due) if d["kind"] == "holiday"],
        "weekend_days_skipped": sum(1 for d in calendar.skipped_days(start, due) if d["kind"] == "weekend"),
        "makeup_working_days": calendar.makeup_days(start, due),
    }


def between_answer(start: dt.date, end: dt.date) -> dict:
    if end < start:
        raise CalculatorError("END_BEFORE_START", "结束日期不能早于开始日期。", "end")
    return {
        "start": start.isoformat(),
        "end": end.isoformat(),
        "working_days": calendar.working_days_between(start, end),
        "provisional": calendar.is_provisional(start, end),
    }
