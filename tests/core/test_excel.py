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


def _read(response):
    return load_workbook(io.BytesIO(b"".join(response.streaming_content))).active


def test_an_export_is_streamed_and_its_first_bytes_leave_before_its_rows_are_read():
    """Issue 26 (exports streamed): the download starts at once and grows as the rows are read, so a long export
    shows its progress in the browser instead of a page that waits."""
    from zhengtong.core.excel import xlsx_response

    read = []

    def rows():
        for n in range(3000):
            read.append(n)
            yield {"no": f"BL{n}", "n": n}

    response = xlsx_response("办件", [("no", "编号"), ("n", "序号")], rows())
    assert response.streaming and response["Content-Disposition"].startswith("attachment; filename*=UTF-8''")
    parts = iter(response.streaming_content)
    assert next(parts) and not read
    rest = b"".join(parts)
    assert len(read) == 3000 and rest


def test_a_streamed_export_reads_back_in_excel_types():
    from zhengtong.core.excel import xlsx_response

    at = timezone.make_aware(dt.datetime(2026, 3, 1, 9, 30, 5), timezone.get_fixed_timezone(480))
    row = {"text": "=1+1 <b>&", "n": 42, "rate": 97.5, "day": dt.date(2026, 3, 1), "at": at, "none": None, "ok": True}
    row["json"] = {"状态": ["待受理", "已受理"]}
    row["bad"] = "控制\x01字符"
    columns = [(k, k) for k in row]
    sheet = _read(xlsx_response("导出/测试:[1]", columns, [row]))
    values = [c.value for c in sheet[2]]
    assert values[:5] == ["=1+1 <b>&", 42, 97.5, dt.datetime(2026, 3, 1), dt.datetime(2026, 3, 1, 9, 30, 5)]
    assert values[5] is None and values[6] is True
    assert values[7] == '{"状态": ["待受理", "已受理"]}' and values[8] == "控制字符"
    assert sheet[1][0].font.b and sheet.title == "导出测试1"


def test_a_querysets_export_reads_nothing_before_the_download_starts(db, django_assert_num_queries):
    from zhengtong.core.excel import xlsx_response
    from zhengtong.org.models import Department

    with django_assert_num_queries(0):
        response = xlsx_response("部门", [("name", "名称")], Department.objects.order_by("pk"))
    assert _read(response).max_row == 1 + Department.objects.count()
