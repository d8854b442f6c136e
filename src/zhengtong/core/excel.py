"""Excel export for staff: a list streamed as it is read (xlsx_stream.py), or a workbook openpyxl builds; Chinese
headers, Beijing time."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from urllib.parse import quote

from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from . import xlsx_stream

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CHUNK = 2000


def cell_value(value):
    if isinstance(value, dt.datetime):
        # Excel has no time zones: write the wall-clock time staff read on screen.
        return timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)
    if value is None or isinstance(value, (int, float, str, dt.date)):
        return value
    return str(value)


def build_workbook(title: str, columns: list[tuple[str, str]], rows: Iterable) -> Workbook:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title[:31])
    header = []
    for _name, label in columns:
        cell = WriteOnlyCell(sheet, value=str(label))
        cell.font = Font(bold=True)
        header.append(cell)
    sheet.append(header)
    for row in rows:
        sheet.append([cell_value(_field(row, name)) for name, _label in columns])
    return workbook


def _field(row, name: str):
    if isinstance(row, dict):
        return row[name]
    value = getattr(row, name)
    return value() if callable(value) else value  # e.g. get_outcome_display: the Chinese label, not the code


def _named(response: HttpResponse | StreamingHttpResponse, title: str):
    """A download named after its title and the Beijing time it was made."""
    stamp = timezone.localtime().strftime("%Y%m%d%H%M")
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(f'{title}-{stamp}.xlsx')}"
    return response


def workbook_response(title: str, book: Workbook) -> HttpResponse:
    """Any workbook openpyxl built (several sheets, widths) as a download."""
    response = _named(HttpResponse(content_type=XLSX), title)
    book.save(response)
    return response


def xlsx_response(title: str, columns: list[tuple[str, str]], rows: Iterable) -> StreamingHttpResponse:
    """A list's export, streamed while its rows are read (core/xlsx_stream.py): its first bytes leave at once,
    and a queryset is read in chunks as the file is written, not all before it (iterating a queryset would)."""

    def values():
        for row in rows.iterator(chunk_size=CHUNK) if hasattr(rows, "iterator") else rows:
            yield [cell_value(_field(row, name)) for name, _label in columns]

    body = xlsx_stream.stream(title, [str(label) for _name, label in columns], values())
    return _named(StreamingHttpResponse(body, content_type=XLSX), title)
