"""A table a department uploads as open data: a CSV file (UTF-8, or GBK as Excel in a Chinese locale saves it) or
an Excel workbook's first visible sheet. Read into its headings and its rows as text, or refused with the reason,
on the form's `table` field. Nothing of the file is kept but these cells: the dataset's CSV, JSON and XLSX are made
from them, so a hidden sheet, a comment or a property never reaches the public."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from openpyxl import load_workbook

from zhengtong.core.errors import ZtError, refuse_on
from zhengtong.files.intake import MAX_BYTES, FileRefused, clean

from . import errors

MAX_ROWS = 200_000
MAX_LINES = MAX_ROWS + 1_000  # blank lines are skipped, but counted: a sheet of a million blank rows is no table
MAX_COLUMNS = 100
MAX_CELL = 2_000
MAX_HEADING = 100
STYLES_MAX = 5 * 1024 * 1024  # a workbook's style table, read whole even in read-only mode: real ones are KBs


@dataclass(frozen=True)
class Table:
    headings: list[str]
    rows: list[str]  # each row's cells as a JSON list: one string a row, not one object a cell (a 20 MB table)

    def cells(self, start: int, stop: int) -> list[list[str]]:
        return [json.loads(row) for row in self.rows[start:stop]]


def _refused(reason: str) -> ZtError:
    return refuse_on("table", errors.TABLE_UNREADABLE, reason=reason)


def read_table(name: str, data: bytes) -> Table:
    if not data:
        raise _refused("文件是空的，没有数据。")
    if len(data) > MAX_BYTES:
        raise _refused(f"文件超过 {MAX_BYTES // 1024 // 1024} MB，请拆分后分别上传。")
    suffix = Path(name or "").suffix.lower()
    if suffix == ".csv":
        lines = _csv_lines(data)
    elif suffix == ".xlsx":
        lines = _sheet_lines(data)
    else:
        raise _refused("只接受 CSV 或 Excel（.xlsx）表格。")
    headings, rows = _checked(lines)
    # Read whole before the caller's transaction opens: on SQLite a write transaction holds the database's one
    # write lock, and every other writer waited on a table being parsed (an outside attack, session 42).
    return Table(headings, [json.dumps(row, ensure_ascii=False) for row in rows])


def open_workbook(data: bytes):
    """An uploaded .xlsx opened read-only for its values, after the upload intake's zip checks (entries, expansion,
    macros): a workbook of repeated shared strings took 535 MB through openpyxl unchecked."""
    try:
        cleaned = clean(data)
    except FileRefused as exc:
        raise _refused(f"无法作为 Excel 表格读取：{exc.message}") from exc
    if cleaned.kind != "xlsx":
        raise _refused("文件不是 Excel（.xlsx）表格。")
    with zipfile.ZipFile(io.BytesIO(cleaned.content)) as parts:
        styles = next((p.file_size for p in parts.infolist() if p.filename == "xl/styles.xml"), 0)
    if styles > STYLES_MAX:
        raise _refused("工作簿的样式表异常庞大，请把数据复制到新的工作簿后再上传。")
    try:
        return load_workbook(io.BytesIO(cleaned.content), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds on a damaged workbook
        raise _refused("无法作为 Excel 表格读取：文件已损坏。") from exc


def _csv_lines(data: bytes) -> Iterator[list[str]]:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise _refused("无法识别文件的编码，请在 Excel 中另存为“CSV UTF-8”或 GBK 编码的 CSV。")
    if "\x00" in text:
        raise _refused("文件含有二进制内容，不是 CSV 表格。")
    try:
        yield from csv.reader(io.StringIO(text, newline=""))
    except csv.Error as exc:
        raise _refused(f"CSV 格式有误（{exc}）。") from exc


def _sheet_lines(data: bytes) -> Iterator[list[str]]:
    book = open_workbook(data)
    try:
        sheet = next((s for s in book.worksheets if s.sheet_state == "visible"), None)
        if sheet is None:
            raise _refused("工作簿没有可见的工作表。")
        for row in bounded_rows(sheet, columns=MAX_COLUMNS + 1, lines=MAX_LINES):
            yield [_cell_text(value) for value in row]
    finally:
        book.close()


def bounded_rows(sheet, *, columns: int, lines: int) -> Iterator[tuple]:
    """A read-only sheet's rows of values, never read past `columns` and `lines`. Read-only mode fills each row
    out to the sheet's recorded range: one formatted cell in the last column made every row 16,384 cells wide. A
    range recorded past the bounds is refused before a row is read."""
    if (sheet.max_column or 0) > columns:
        raise _refused(
            f"工作表的范围到第 {sheet.max_column} 列，超过 {columns} 列：请删去多余的列（含只设了格式的空列）后再上传。"
        )
    if (sheet.max_row or 0) > lines:
        raise _refused(f"工作表的范围到第 {sheet.max_row} 行，超过 {lines} 行：请删去多余的行或拆分后再上传。")
    yield from sheet.iter_rows(values_only=True, max_col=columns, max_row=lines)


def _cell_text(value) -> str:
    """A cell as the sheet shows it: 8 not 8.0, a date without its midnight."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _checked(lines: Iterator[list[str]]) -> tuple[list[str], Iterator[list[str]]]:
    """The first non-blank line is the headings: none blank, none repeated; trailing blank columns (an Excel
    habit) are dropped. The rows follow as they are read (`_rows`)."""
    numbered = enumerate(lines, start=1)
    for number, line in numbered:
        cells = [str(c).strip() for c in line]
        if any(cells):
            headings = _headings(cells, number)
            return headings, _rows(numbered, len(headings))
        if number > MAX_LINES:
            break
    raise _refused("文件是空的，没有数据。")


def _rows(numbered: Iterator[tuple[int, list[str]]], width: int) -> Iterator[list[str]]:
    """Each line after the headings, padded to their width. Blank lines are skipped; a line with data past the
    headings, a cell too long, or too many lines is refused, as is a table with no row at all."""
    count = 0
    for number, line in numbered:
        if number > MAX_LINES or count == MAX_ROWS:
            raise _refused(f"表格超过 {MAX_ROWS} 行，请拆分后分别上传。")
        cells = [str(c).strip() for c in line]
        if not any(cells):
            continue
        if any(cells[width:]):
            raise _refused(f"第 {number} 行的数据超出了表头的 {width} 列。")
        if any(len(c) > MAX_CELL for c in cells):
            raise _refused(f"第 {number} 行有超过 {MAX_CELL} 个字的单元格。")
        count += 1
        yield (cells + [""] * width)[:width]
    if not count:
        raise _refused("表格只有表头，没有数据。")


def _headings(cells: list[str], number: int) -> list[str]:
    while cells and not cells[-1]:
        cells.pop()
    if len(cells) > MAX_COLUMNS:
        raise _refused(f"表头有 {len(cells)} 列，最多 {MAX_COLUMNS} 列。")
    for column, heading in enumerate(cells, start=1):
        if not heading:
            raise _refused(f"第 {number} 行（表头）第 {column} 列没有列名。")
        if len(heading) > MAX_HEADING:
            raise _refused(f"第 {number} 行（表头）第 {column} 列的列名超过 {MAX_HEADING} 个字。")
        if cells.index(heading) != column - 1:
            raise _refused(f"表头中“{heading[:20]}”出现了两次，每列的列名须不同。")
    return cells
