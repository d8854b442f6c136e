"""Staff's Excel exports (core/excel.py): one write-only workbook each, Chinese headers, Beijing time."""

from __future__ import annotations

import datetime as dt
import io

from django.utils import timezone
from openpyxl import load_workbook


def test_exports_are_written_through_lxml():
    """Issue 26: openpyxl writes a write-only workbook through lxml when it is installed and through the standard
    library's slower XML writer when not (decision 0020 has the figures)."""
    from openpyxl.xml import LXML

    assert LXML


def test_a_workbook_holds_the_headers_and_the_wall_clock_time():
    from zhengtong.core.excel import build_workbook

    at = timezone.make_aware(dt.datetime(2026, 3, 1, 9, 30), timezone.get_fixed_timezone(480))
    book = build_workbook("办件", [("no", "编号"), ("at", "时间")], [{"no": "BL1", "at": at}])
    saved = io.BytesIO()
    book.save(saved)
    sheet = load_workbook(io.BytesIO(saved.getvalue())).active
    assert [c.value for c in sheet[1]] == ["编号", "时间"]
    assert [c.value for c in sheet[2]] == ["BL1", dt.datetime(2026, 3, 1, 9, 30)]
