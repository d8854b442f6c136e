"""Every readable word in a file, including what a viewer does not show (issue 20, item 2; DOMAIN.md §2).

Personal data hides where nobody looks: a hidden spreadsheet sheet (a council was fined after 2,375 residents'
details sat in one), a Word deletion still tracked in the file, a field code, a picture's alt text, a PDF
annotation or form field, a file embedded in another, a scanned ID card. The privacy check reads what this module
returns, so what it leaves out is published unchecked. It reads:

- PDF: each page's text, its annotations (comments, links' addresses) and form fields, the document information,
  embedded files, and the text in every picture on a page (a scanned page has nothing else);
- docx: body, headers and footers, comments, foot- and endnotes, tracked insertions and deletions, field codes,
  text boxes, alt text, the core, custom and app properties, charts and drawings, pictures and embedded files;
- xlsx: every sheet, hidden and very hidden ones included, each row labelled by its header row, comments,
  formulas, defined names, headers and footers, properties, charts and drawings, pictures and embedded files;
- JPEG and PNG: the text in the picture (files.ocr).

What cannot be read is not guessed at: `Unreadable` names the reason, and the caller refuses the file for
publication.
"""

from __future__ import annotations

import hashlib
import io
import re
import struct
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from xml.etree import ElementTree

from openpyxl import load_workbook
from pypdf import PdfReader

from . import ocr
from .intake import FileRefused, clean

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
S = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
WORD_PARTS = re.compile(r"^word/(document|comments|footnotes|endnotes|header\d*|footer\d*)\.xml$")
PROPERTY_PARTS = ("docProps/core.xml", "docProps/app.xml", "docProps/custom.xml")
DRAWING_PARTS = re.compile(r"^(word|xl)/(charts|drawings|diagrams)/[^/]+\.xml$")
MEDIA = re.compile(r"^(word|xl)/media/[^/]+$")
EMBEDDED = re.compile(r"^(word|xl)/embeddings/[^/]+$")
SHEET_PARTS = re.compile(r"^xl/worksheets/[^/]+\.xml$")
HEADER_FOOTER = {S + t for t in ("oddHeader", "oddFooter", "evenHeader", "evenFooter", "firstHeader", "firstFooter")}
MAX_CELLS = 2_000_000
# Pictures are read one by one (about half a second each): a file with more is refused, not half-checked.
MAX_PICTURES = 30
MAX_DEPTH = 3  # a file embedded in a file embedded in a file


class Unreadable(ValueError):
    """The file, or a part of it, cannot be read; the message names what and why, in Chinese."""


@dataclass
class _Reading:
    """What one file's reading has spent, across the files embedded in it. With `ocr` off, pictures are counted and
    decoded but not read: a caller reads the text layers at once and leaves the pictures to a task."""

    ocr: bool = True
    progress: Callable[[int], None] | None = None
    seen: dict[str, str] = field(default_factory=dict)  # a picture repeated on every page is read once
    depth: int = 0

    def picture(self, data: bytes, where: str) -> str:
        digest = hashlib.sha256(data).hexdigest()
        if digest in self.seen:
            return ""
        if len(self.seen) >= MAX_PICTURES:
            raise Unreadable(f"图片超过{MAX_PICTURES}张，无法逐张识别，请拆分文件")
        try:
            text = ocr.image_text(data) if self.ocr else ocr.decodable(data)
        except ocr.Unreadable as exc:
            raise Unreadable(f"{where}：{exc}") from exc
        self.seen[digest] = text
        if self.progress is not None:
            self.progress(len(self.seen))
        return text

    def embedded(self, name: str, data: bytes) -> str:
        if self.depth >= MAX_DEPTH:
            raise Unreadable(f"嵌入文件“{name}”层级过深")
        try:
            kind = clean(data).kind
        except FileRefused as exc:
            raise Unreadable(f"嵌入文件“{name}”无法读取：{exc.message}") from exc
        self.depth += 1
        try:
            return f"【嵌入文件 {name}】\n" + _read(kind, data, self)
        finally:
            self.depth -= 1


# --- PDF ----------------------------------------------------------------------------------------------------------


def _pdf(data: bytes, reading: _Reading) -> str:
    reader = PdfReader(io.BytesIO(data))
    if reader.is_encrypted:
        raise Unreadable("PDF已加密")
    out = []
    for number, page in enumerate(reader.pages, 1):
        out.append(page.extract_text() or "")
        for annotation in page.get("/Annots") or ():
            out += _annotation(annotation.get_object())
        for image in page.images:
            out.append(reading.picture(image.data, f"第{number}页的图片"))
    for name, form_field in (reader.get_fields() or {}).items():
        value = form_field.get("/V")
        if value is not None:
            out.append(f"{form_field.get('/TU') or name}：{value}")
    for key, value in (reader.metadata or {}).items():
        out.append(f"{str(key).lstrip('/')}：{value}")
    for name, contents in reader.attachments.items():
        out += [reading.embedded(name, content) for content in contents]
    return "\n".join(line for line in out if line)


def _annotation(annotation) -> list[str]:
    """A comment's text and author, a link's address (tel:, mailto:), a form widget's value."""
    lines = [str(annotation[key]) for key in ("/T", "/Subj", "/Contents", "/RC", "/V") if annotation.get(key)]
    action = annotation.get("/A")
    if action is not None and action.get_object().get("/URI"):
        lines.append(str(action.get_object()["/URI"]))
    return lines


# --- Office packages (docx and xlsx) ------------------------------------------------------------------------------


def _xml(archive: zipfile.ZipFile, name: str) -> ElementTree.Element | None:
    """The part's tree; a part that is not well-formed is read word by word between its tags instead."""
    raw = archive.read(name)
    try:
        return ElementTree.fromstring(raw)
    except ElementTree.ParseError:
        words = re.sub(r"<[^>]*>", " ", raw.decode("utf-8", "replace"))
        return ElementTree.fromstring("<x>" + words.replace("&", "&amp;").replace("<", "&lt;") + "</x>")


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _alt_texts(root: ElementTree.Element) -> list[str]:
    """A picture's or shape's description and title (wp:docPr in Word, xdr:cNvPr in a sheet's drawing)."""
    return [
        f"替代文字：{value}"
        for element in root.iter()
        if _local(element.tag) in ("docPr", "cNvPr")
        for value in (element.get("descr"), element.get("title"))
        if value
    ]


def _properties(archive: zipfile.ZipFile, names: set[str]) -> list[str]:
    """The core properties (title, subject, author, keywords…), the app properties (company, manager) and every
    custom property, each as `name：value`."""
    out = []
    for part in (p for p in PROPERTY_PARTS if p in names):
        for element in _xml(archive, part).iter():
            if _local(element.tag) == "property":  # custom: the name is an attribute, the value its child
                out.append(f"{element.get('name')}：{''.join(element.itertext()).strip()}")
            elif part != "docProps/custom.xml" and len(element) == 0 and (element.text or "").strip():
                out.append(f"{_local(element.tag)}：{element.text.strip()}")
    return out


def _package(archive: zipfile.ZipFile, reading: _Reading) -> list[str]:
    """What docx and xlsx share: properties, charts and drawings (their text and alt text), pictures, embedded
        files. The text of EMF and SVG pictures is read as drawn, every other picture through OCR; a picture that cannot
    be decoded (WMF among them) makes the file unreadable."""
    names = set(archive.namelist())
    out = _properties(archive, names)
    for name in sorted(n for n in names if DRAWING_PARTS.match(n)):
        root = _xml(archive, name)
        out += ["".join(p.itertext()) for p in root.iter(A + "p")]
        out += _alt_texts(root)
    for name in sorted(n for n in names if MEDIA.match(n)):
        data, short = archive.read(name), name.rsplit("/", 1)[-1]
        if short.lower().endswith(".emf"):
            out.append(emf_text(data))
        elif short.lower().endswith(".svg"):
            out.append(" ".join(_xml(archive, name).itertext()))
        elif short.lower().endswith(".wmf"):
            raise Unreadable(f"图片 {short} 为WMF格式，无法识别，请换成PNG或JPG")
        else:
            out.append(reading.picture(data, f"图片 {short}"))
    for name in sorted(n for n in names if EMBEDDED.match(n)):
        out.append(reading.embedded(name.rsplit("/", 1)[-1], archive.read(name)))
    return out


def emf_text(data: bytes) -> str:
    """The text an EMF picture draws (its EMR_EXTTEXTOUTW records, UTF-16): a logo pasted from Office is EMF."""
    out, offset = [], 0
    while offset + 8 <= len(data):
        kind, size = struct.unpack_from("<II", data, offset)
        if size < 8:
            break
        if kind == 84 and size >= 76:  # EMR_EXTTEXTOUTW: the EMRTEXT at byte 36 gives chars and offString
            chars, start = struct.unpack_from("<II", data, offset + 44)
            out.append(data[offset + start : offset + start + 2 * chars].decode("utf-16-le", "replace"))
        offset += size
    return "".join(out)


def _docx(data: bytes, reading: _Reading) -> str:
    out = []
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in sorted(n for n in archive.namelist() if WORD_PARTS.match(n)):
            root = _xml(archive, name)
            for para in root.iter(W + "p"):
                out.append("".join(t.text or "" for t in para.iter(W + "t")))
                deleted = "".join(t.text or "" for t in para.iter(W + "delText"))
                if deleted:
                    out.append(f"（修订删除）{deleted}")
                codes = "".join(t.text or "" for t in para.iter(W + "instrText"))
                if codes:
                    out.append(f"（域代码）{codes}")
            out += _alt_texts(root)
            if _local(root.tag) == "x":  # not well-formed: every word between the tags
                out.append(root.text or "")
        out += _package(archive, reading)
    return "\n".join(line for line in out if line)


def _xlsx(data: bytes, reading: _Reading) -> str:
    """Each sheet (hidden ones too), each row as `header：value` pairs when the first row looks like headers, so
    a column titled 身份证号 or 姓名 labels its values for the detectors; then the comments, and from the package
    itself the formulas, headers and footers and defined names the cell values do not show."""
    book = load_workbook(io.BytesIO(data), read_only=False, data_only=True)
    out, cells = [], 0
    for sheet in book.worksheets:
        state = "" if sheet.sheet_state == "visible" else "（隐藏工作表）"
        out.append(f"【{sheet.title}】{state}")
        header = None
        for row in sheet.iter_rows(values_only=True):
            cells += len(row)
            if cells > MAX_CELLS:
                raise Unreadable(f"表格超过{MAX_CELLS}个单元格")
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
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in sorted(n for n in archive.namelist() if SHEET_PARTS.match(n)):
            for _event, element in ElementTree.iterparse(archive.open(name)):
                if element.tag == S + "f" and element.text:
                    out.append(f"公式：{element.text}")
                elif element.tag in HEADER_FOOTER and element.text:
                    out.append(f"页眉页脚：{element.text}")
                if element.tag == S + "row":
                    element.clear()  # a large sheet is streamed, not held
        workbook = _xml(archive, "xl/workbook.xml")
        out += [f"名称 {d.get('name')}：{d.text}" for d in workbook.iter(S + "definedName") if d.text]
        out += _package(archive, reading)
    return "\n".join(out)


def _image(data: bytes, reading: _Reading) -> str:
    return reading.picture(data, "图片")


READERS = {"pdf": _pdf, "docx": _docx, "xlsx": _xlsx, "jpeg": _image, "png": _image}


def _read(kind: str, data: bytes, reading: _Reading) -> str:
    reader = READERS.get(kind)
    if reader is None:
        raise Unreadable(f"不支持的文件类型 {kind}")
    return reader(data, reading)


@dataclass(frozen=True)
class Extracted:
    text: str
    pictures: int  # distinct pictures met; with ocr off, the ones a later reading must read


def read(kind: str, data: bytes, *, ocr: bool = True, progress: Callable[[int], None] | None = None) -> Extracted:
    """Everything readable in the file, as one text for the privacy check. Raises `Unreadable` with its reason;
    any other exception is a parser's failure on a broken file, which the caller refuses alike. `progress` is
    told how many pictures have been read so far."""
    reading = _Reading(ocr=ocr, progress=progress)
    text = _read(kind, data, reading)
    return Extracted(text, len(reading.seen))


def file_text(kind: str, data: bytes) -> str:
    return read(kind, data).text
