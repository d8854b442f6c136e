"""Every readable word in an attachment, including what a viewer does not show: hidden sheets, hidden rows and
columns, cell comments, Word comments, headers and footers. Personal data hides there (a council was fined
after 2,375 residents' details sat in a hidden spreadsheet sheet)."""

from __future__ import annotations

import io
import re
import zipfile
from xml.etree import ElementTree

from openpyxl import load_workbook
from pypdf import PdfReader

WORD_PARTS = re.compile(r"^word/(document|comments|footnotes|endnotes|header\d*|footer\d*)\.xml$")
W_TEXT = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}t"
W_PARA = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}p"
MAX_CELLS = 2_000_000


def pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return "\n".join((page.extract_text() or "") for page in reader.pages)


def docx_text(data: bytes) -> str:
    out = []
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in sorted(n for n in archive.namelist() if WORD_PARTS.match(n)):
            xml = archive.read(name)
            try:
                root = ElementTree.fromstring(xml)
            except ElementTree.ParseError:  # not well-formed: still read every word between the tags
                out.append(re.sub(r"<[^>]*>", " ", xml.decode("utf-8", "replace")))
                continue
            for para in root.iter(W_PARA):
                out.append("".join(t.text or "" for t in para.iter(W_TEXT)))
    return "\n".join(line for line in out if line)


def xlsx_text(data: bytes) -> str:
    """Each sheet (hidden ones too), each row as `header：value` pairs when the first row looks like headers, so
    a column titled 身份证号 or 姓名 labels its values for the detectors; then the cell comments."""
    book = load_workbook(io.BytesIO(data), read_only=False, data_only=True)
    out, cells = [], 0
    for sheet in book.worksheets:
        state = "" if sheet.sheet_state == "visible" else "（隐藏工作表）"
        out.append(f"【{sheet.title}】{state}")
        header = None
        for row in sheet.iter_rows(values_only=True):
            cells += len(row)
            if cells > MAX_CELLS:
                break
            values = ["" if v is None else str(v) for v in row]
            if not any(values):
                continue
            if header is None:
                header = values
                out.append("\t".join(values))
                continue
            out.append("，".join(f"{h}：{v}" if h else v for h, v in zip(header + [""] * len(values), values) if v))
        for row in sheet.iter_rows():
            for cell in row:
                if cell.comment is not None:
                    out.append(f"批注：{cell.comment.text}")
    return "\n".join(out)


EXTRACTORS = {"pdf": pdf_text, "docx": docx_text, "xlsx": xlsx_text}


def attachment_text(kind: str, data: bytes) -> str | None:
    """The text, or None for a kind with no text layer to read (an image): a person must look at it."""
    extractor = EXTRACTORS.get(kind)
    return extractor(data) if extractor else None
