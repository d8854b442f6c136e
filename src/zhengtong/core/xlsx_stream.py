"""One worksheet written as a stream of bytes while its rows are read: a list's Excel export (the staff's, and
an open dataset's workbook).

openpyxl writes a whole workbook before its first byte can leave (its write-only sheet is zipped on save), so a
long export was a page that waited seconds with no sign of progress. An .xlsx is a zip of XML parts, and the
standard library's zipfile writes to a stream it cannot seek (each member's sizes follow its data). The parts
here are the fewest a spreadsheet needs: the package's types and relations, the workbook, a style sheet (bold
headings, dates) and the sheet, its rows written as they come.

Text cells are inline strings, never formulas: a value such as "=HYPERLINK(...)" from a citizen's letter stays
text (an export written by openpyxl made it a formula). Characters XML 1.0 cannot hold (control characters, lone
surrogates) are dropped, a cell holds at most Excel's 32,767 characters, and a number Excel cannot hold (inf,
nan) is an empty cell (decision 0020)."""

from __future__ import annotations

import datetime as dt
import io
import math
import re
import zipfile
from collections.abc import Iterable, Iterator
from xml.sax.saxutils import escape, quoteattr

FLUSH_BYTES = 64 * 1024
MAX_CELL = 32_767
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")  # and lone surrogates
_NOT_IN_SHEET_NAME = re.compile(r"[\[\]:*?/\\]")
_EPOCH = dt.datetime(1899, 12, 30)
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
DOC_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
HEADING, DATETIME, DATE = 1, 2, 3  # the style sheet's cell formats, by position

STATIC_PARTS = {
    "[Content_Types].xml": (
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        '<Override PartName="/xl/styles.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>'
    ),
    "_rels/.rels": (
        f'<Relationships xmlns="{RELS}"><Relationship Id="rId1" '
        f'Type="{DOC_RELS}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
    ),
    "xl/_rels/workbook.xml.rels": (
        f'<Relationships xmlns="{RELS}">'
        f'<Relationship Id="rId1" Type="{DOC_RELS}/worksheet" Target="worksheets/sheet1.xml"/>'
        f'<Relationship Id="rId2" Type="{DOC_RELS}/styles" Target="styles.xml"/></Relationships>'
    ),
    "xl/styles.xml": (
        f'<styleSheet xmlns="{MAIN}">'
        '<numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy-mm-dd hh:mm:ss"/>'
        '<numFmt numFmtId="165" formatCode="yyyy-mm-dd"/></numFmts>'
        '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font>'
        '<font><b/><sz val="11"/><name val="Calibri"/></font></fonts>'
        '<fills count="2"><fill><patternFill patternType="none"/></fill>'
        '<fill><patternFill patternType="gray125"/></fill></fills>'
        '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
        '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
        '<cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
        '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>'
        '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
        '<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>'
        '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>'
    ),
}


class _Sink(io.RawIOBase):
    """What the zip writes, held until the generator hands it on."""

    def __init__(self):
        self.chunks: list[bytes] = []
        self.size = 0

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        self.chunks.append(bytes(data))
        self.size += len(data)
        return len(data)

    def take(self) -> bytes:
        out, self.chunks, self.size = b"".join(self.chunks), [], 0
        return out


def sheet_name(title: str) -> str:
    """Excel's rules for a sheet's name: 31 characters, none of []:*?/\\, no apostrophe at either end."""
    return _NOT_IN_SHEET_NAME.sub("", title)[:31].strip("'") or "Sheet1"


_ESCAPE_LIKE = re.compile(r"_(x[0-9A-Fa-f]{4})_")  # Excel reads _x0041_ in text as "A": kept as written


def _text(value: str, style: int = 0) -> str:
    value = _ESCAPE_LIKE.sub(r"_x005F_\1_", _NOT_XML.sub("", value)[:MAX_CELL])
    styled = f' s="{style}"' if style else ""
    return f'<c t="inlineStr"{styled}><is><t xml:space="preserve">{escape(value)}</t></is></c>'


def _cell(value) -> str:
    """One cell of a value core.excel.cell_value made plain (text, number, date, time, truth or nothing)."""
    if value is None:
        return "<c/>"
    if isinstance(value, bool):
        return f'<c t="b"><v>{int(value)}</v></c>'
    if isinstance(value, int):  # an IntegerChoices member too: its number, not its name
        return f"<c><v>{int(value)}</v></c>"
    if isinstance(value, float):
        return f"<c><v>{value!r}</v></c>" if math.isfinite(value) else "<c/>"  # Excel has no inf or nan
    if isinstance(value, dt.datetime):
        return f'<c s="{DATETIME}"><v>{(value - _EPOCH) / dt.timedelta(days=1)!r}</v></c>'
    if isinstance(value, dt.date):
        return f'<c s="{DATE}"><v>{(value - _EPOCH.date()).days}</v></c>'
    return _text(str(value))


def stream(title: str, headings: list[str], rows: Iterable[list]) -> Iterator[bytes]:
    """The workbook's bytes: its fixed parts first, then the sheet a chunk at a time while `rows` are read."""
    sink = _Sink()
    with zipfile.ZipFile(sink, "w", zipfile.ZIP_DEFLATED) as book:
        for name, xml in STATIC_PARTS.items():
            book.writestr(name, HEAD + xml)
        book.writestr(
            "xl/workbook.xml",
            f'{HEAD}<workbook xmlns="{MAIN}" xmlns:r="{DOC_RELS}"><sheets>'
            f'<sheet name={quoteattr(sheet_name(title))} sheetId="1" r:id="rId1"/></sheets></workbook>',
        )
        yield sink.take()
        with book.open("xl/worksheets/sheet1.xml", "w") as sheet:
            sheet.write(f'{HEAD}<worksheet xmlns="{MAIN}"><sheetData>'.encode())
            sheet.write(("<row>" + "".join(_text(str(h), HEADING) for h in headings) + "</row>").encode())
            for row in rows:
                sheet.write(("<row>" + "".join(_cell(v) for v in row) + "</row>").encode())
                if sink.size >= FLUSH_BYTES:
                    yield sink.take()
            sheet.write(b"</sheetData></worksheet>")
    yield sink.take()
