"""Excel export: a list streamed as it is read (xlsx_stream.py), or a workbook openpyxl builds (several sheets);
Chinese headers, Beijing time."""

from __future__ import annotations

import datetime as dt
import itertools
import json
from collections.abc import Iterable, Iterator
from urllib.parse import quote

from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone
from openpyxl import Workbook

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


def _text_stays_text(book: Workbook) -> None:
    """openpyxl makes any text starting with "=" a formula. What these workbooks hold is what people typed (a
    guide's note, a request's description): "=HYPERLINK(…)" must not run in the exporting clerk's Excel."""
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    cell.data_type = "s"


def workbook_response(title: str, book: Workbook) -> HttpResponse:
    """Any workbook openpyxl built (several sheets, widths) as a download, every text as text."""
    _text_stays_text(book)
    response = _named(HttpResponse(content_type=XLSX), title)
    book.save(response)
    return response


def _values(columns: list[tuple[str, str]], rows: Iterable) -> Iterator[list]:
    """Each row's cells; a queryset's rows are fetched in chunks as the file is written, never all held at once
    (on PostgreSQL outside a transaction the cursor is held, so its query runs whole at the first fetch)."""
    for row in rows.iterator(chunk_size=CHUNK) if hasattr(rows, "iterator") else rows:
        yield [cell_value(_field(row, name)) for name, _label in columns]


def xlsx_bytes(title: str, columns: list[tuple[str, str]], rows: Iterable) -> Iterator[bytes]:
    """A list as one-sheet workbook's bytes, written while the rows are read (core/xlsx_stream.py)."""
    return _written(title, columns, _values(columns, rows))


def _written(title: str, columns: list[tuple[str, str]], values: Iterator[list]) -> Iterator[bytes]:
    return xlsx_stream.stream(title, [str(label) for _name, label in columns], values)


def xlsx_response(title: str, columns: list[tuple[str, str]], rows: Iterable) -> StreamingHttpResponse:
    """A list's export, streamed while its rows are read: its first bytes leave at once. The first row is read
    here, in the view, so that a query that fails is the request's error (a 500, logged), not a file cut off
    after a 200."""
    values = _values(columns, rows)
    first = list(itertools.islice(values, 1))
    body = _written(title, columns, itertools.chain(first, values))
    return _named(StreamingHttpResponse(body, content_type=XLSX), title)
