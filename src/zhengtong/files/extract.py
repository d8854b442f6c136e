"""Every readable word in a file, including what a viewer does not show (issue 20, item 2; DOMAIN.md §2).

Personal data hides where nobody looks: a hidden spreadsheet sheet (a council was fined after 2,375 residents'
details sat in one), a Word deletion still tracked in the file, a field code, a picture's alt text, a PDF
annotation or form field, a file embedded in another, a scanned ID card. The privacy check reads what this module
returns, so what it leaves out is published unchecked. A list of places always misses the next one, so it reads
everything a file holds (decision 0021):

- PDF: each page's text and every object in the file: the strings, numbers and names in each (annotations of any
  kind, links, bookmarks, form fields, the document information), embedded files wherever they hang, XML packets
  (XMP, XFA), the text every form XObject draws, streams of no declared kind, and every picture, through OCR;
- docx and xlsx: every part of the package: each XML part's text and every attribute that can carry personal data
  (a Word paragraph's runs joined, tracked deletions and field codes labelled), properties, part names and entry
  comments, pictures wherever they are (EMF and WMF as drawn, the rest through OCR), embedded files; and for a
  workbook, every sheet with each row labelled by its header row, comments, and what a number format shows;
- JPEG and PNG: the text in the picture (files.ocr).

A part or a picture it cannot read (a bitmap inside a metafile, an unknown part, an encrypted PDF, a truncated
picture) makes the file unreadable.

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
from urllib.parse import unquote
from xml.etree import ElementTree

from openpyxl import load_workbook
from pypdf import PdfReader
from pypdf.generic import (
    ArrayObject,
    ByteStringObject,
    DictionaryObject,
    IndirectObject,
    NameObject,
    StreamObject,
    TextStringObject,
)

from zhengtong import privacy

from . import ocr
from .intake import FileRefused, clean

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
S = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
PROPERTY_PARTS = ("docProps/core.xml", "docProps/app.xml", "docProps/custom.xml")
EMBEDDED = re.compile(r"^(word|xl)/embeddings/[^/]+$")
HEADER_FOOTER = {S + t for t in ("oddHeader", "oddFooter", "evenHeader", "evenFooter", "firstHeader", "firstFooter")}
MAX_CELLS = 2_000_000
# Pictures are read one by one (about half a second each): a file with more is refused, not half-checked.
MAX_PICTURES = 30
MAX_DEPTH = 3  # a file embedded in a file embedded in a file
# Raised whenever the reader reads more than before: readings kept from an earlier version are made again
# (files/reading.py). 2: every part of an Office package, every object of a PDF. 3: form XObjects' text, what a
# number format shows, the pieces a formula joins. 4: every picture of a PDF, numbers, names and streams of no
# declared kind, part names and entry comments, EMF's ANSI text and WMF's text.
VERSION = 4


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
    out = [page.extract_text() or "" for page in reader.pages]
    for name, form_field in (reader.get_fields() or {}).items():  # a value beside its field's label
        value = form_field.get("/V")
        if value is not None:
            out.append(f"{form_field.get('/TU') or name}：{value}")
    out += _pdf_objects(reader, reading)
    return "\n".join(line for line in out if line)


# Dates in annotations and file specifications: digits, no one's data, and long enough to look like a number.
PDF_DATES = {"/M", "/CreationDate", "/ModDate"}


def _pdf_objects(reader: PdfReader, reading: _Reading) -> list[str]:
    """Every object the file holds, not the ones a viewer reaches: the strings in each (any annotation's text and
    author, a link's address, bookmarks, the document information, file names…), each embedded file wherever it is
    attached (the document's list or a page's paper clip), the XML packets (XMP metadata, XFA forms), and the text
    every form XObject draws (an annotation's appearance: a stamp shows what it draws, whatever its own text says).
    The pages' content streams are read as text above."""
    numbers = sorted({(n, g) for g, ids in reader.xref.items() for n in ids} | {(n, 0) for n in reader.xref_objStm})
    objects = [(n, reader.get_object(IndirectObject(n, g, reader))) for n, g in numbers]
    named = {}  # an embedded file's stream → the name its file specification gives it
    masks, contents = set(), set()  # an image's transparency (no picture of its own); the pages' text, read above
    for _n, obj in objects:
        if isinstance(obj, DictionaryObject) and isinstance(obj.get("/EF"), DictionaryObject):
            for ref in obj["/EF"].values():
                named[getattr(ref, "idnum", None)] = str(obj.get("/UF") or obj.get("/F") or "")
        if isinstance(obj, DictionaryObject):
            masks |= {ref.idnum for key in ("/SMask", "/Mask") if isinstance(ref := obj.get(key), IndirectObject)}
    for page in reader.pages:
        drawn = page.get("/Contents")
        contents |= {getattr(ref, "idnum", None) for ref in (drawn if isinstance(drawn, ArrayObject) else [drawn])}
    xfa = _xfa_streams(reader)
    out = []
    for number, obj in objects:
        out += _pdf_strings(obj)
        if not isinstance(obj, StreamObject):
            continue
        kind, subtype = obj.get("/Type"), obj.get("/Subtype")
        if kind == "/EmbeddedFile":
            out.append(reading.embedded(named.get(number) or f"对象{number}", obj.get_data()))
        elif kind == "/Metadata" or subtype == "/XML" or number in xfa:
            out += _xml_words(obj.get_data())
        elif subtype == "/Form" and reader.pages:  # drawn by an annotation (a stamp), not a page
            out.append(reader.pages[0].extract_xform_text(obj))
        elif subtype == "/Image" and number not in masks:  # on a page, in a stamp, a thumbnail: every picture
            out.append(reading.picture(_picture_bytes(obj), f"图片（对象{number}）"))
        elif kind is None and subtype is None and number not in contents:
            out.append(_stream_text(obj.get_data()))  # a stream of no declared kind: private data, a stray page
    return out


def _picture_bytes(image: StreamObject) -> bytes:
    """An image XObject as a file the OCR reads: a JPEG as it is stored, any other decoded into a PNG."""
    filters = image.get("/Filter")
    if "/DCTDecode" in (filters if isinstance(filters, ArrayObject) else [filters]):
        return image.get_data()  # the JPEG's own bytes: pypdf leaves DCT data encoded
    out = io.BytesIO()
    image.decode_as_image().save(out, "PNG")
    return out.getvalue()


def _stream_text(data: bytes) -> str:
    """A stream's bytes as text when they are text (nine in ten printable); a font's outlines, a colour profile or
    compressed pictures read as nothing."""
    if not data:
        return ""
    printable = sum(32 <= b < 127 or b in (9, 10, 13) or b >= 0x80 for b in data[:4096])
    if printable < 0.9 * min(len(data), 4096):
        return ""
    return data.decode("gb18030", "replace")


def _xfa_streams(reader: PdfReader) -> set[int]:
    form = reader.trailer["/Root"].get("/AcroForm")
    xfa = form.get_object().get("/XFA") if form is not None else None
    refs = xfa if isinstance(xfa, ArrayObject) else [xfa]
    return {ref.idnum for ref in refs if isinstance(ref, IndirectObject)}


def _pdf_strings(obj, depth: int = 0) -> list[str]:
    """The strings inside one object, through its direct dictionaries and arrays (each indirect one is read on its
    own). A string that is not PDF text is read as GB18030, which Chinese tools write and which keeps ASCII."""
    if depth > 32:
        return []
    if isinstance(obj, TextStringObject):
        return [str(obj)]
    if isinstance(obj, ByteStringObject):
        return [bytes(obj).decode("gb18030", "replace")]
    if isinstance(obj, (NameObject, int)) and not isinstance(obj, bool):  # /Phone 13805740001, /张三
        text = str(obj).lstrip("/")
        return [text] if privacy.may_hold(text) else []
    if isinstance(obj, DictionaryObject):
        keys = [key.lstrip("/") for key in obj if privacy.may_hold(key.lstrip("/"))]
        return keys + [s for key, value in obj.items() if key not in PDF_DATES for s in _pdf_strings(value, depth + 1)]
    if isinstance(obj, ArrayObject):
        return [s for value in obj for s in _pdf_strings(value, depth + 1)]
    return []


def _xml_words(data: bytes) -> list[str]:
    try:
        return _words(io.BytesIO(data))
    except ElementTree.ParseError:
        return _loose_words(data.decode("utf-8", "replace"))


# --- Office packages (docx and xlsx) ------------------------------------------------------------------------------
# Every part of the package is read, not a list of the parts Office usually writes: the review of the first reader
# found a dozen places it had not listed (pivot caches, external links, link targets, data validation prompts,
# threaded comments, glossaries, custom XML, VML alt text, chart caches, a thumbnail outside media/).

# Run text, joined per paragraph (a name split across runs stays one name); the label says what a reader does not
# see on the page.
RUN_TEXT = {
    W + "t": "",
    A + "t": "",
    S + "t": "",
    W + "delText": "（修订删除）",
    W + "instrText": "（域代码）",
    W + "delInstrText": "（修订删除的域代码）",
}
PARAGRAPHS = {W + "p", A + "p", S + "si", S + "is", S + "text"}
LABELS = {S + "f": "公式：", **dict.fromkeys(HEADER_FOOTER, "页眉页脚：")}
XML_PARTS = (".xml", ".rels", ".vml")
PICTURES = (".png", ".jpg", ".jpeg", ".jpe", ".jfif", ".gif", ".bmp", ".tif", ".tiff", ".wdp", ".emf", ".wmf", ".svg")
GLYPHS = (".odttf", ".ttf", ".otf", ".fntdata")  # embedded fonts: outlines, no words
PRINTER = re.compile(r"printerSettings\d*\.bin$")


def _worth_reading(value: str) -> str:
    """An attribute's value, percent-decoded (mailto:zhangwei%40qq.com), when it can carry personal data: structure
    (ids, sizes, styles, colours, schema addresses) is ASCII with fewer than seven digits; "" when not."""
    value = unquote(value)
    return value if privacy.may_hold(value) else ""


def _words(source, *, values: bool = True) -> list[str]:
    """Every word of an XML part, streamed: the text of every element (run text joined per paragraph) and every
    attribute worth reading. `values=False` leaves out the cell values of a sheet, read with their headers."""
    out, runs = [], {}
    for _event, element in ElementTree.iterparse(source):
        tag, text = element.tag, element.text
        if tag in RUN_TEXT:
            runs.setdefault(RUN_TEXT[tag], []).append(text or "")
        elif text and text.strip() and (values or tag != S + "v"):
            out.append(LABELS.get(tag, "") + text.strip())
            if tag == S + "f":  # a formula saved without its result: the pieces it joins ("138"&"0574"&"0001")
                out.append("".join(re.findall(r'"([^"]*)"', text)))
        out += [kept for v in element.attrib.values() if (kept := _worth_reading(v))]
        if tag in PARAGRAPHS and runs:
            out += [label + "".join(parts) for label, parts in runs.items()]
            runs = {}
        element.clear()  # a large part is streamed, not held
    return out + [label + "".join(parts) for label, parts in runs.items()]


def _part_words(archive: zipfile.ZipFile, name: str, **options) -> list[str]:
    """The part's words; a part that is not well-formed (VML often is not) is read between and inside its tags."""
    try:
        with archive.open(name) as source:
            return _words(source, **options)
    except ElementTree.ParseError:
        return _loose_words(archive.read(name).decode("utf-8", "replace"))


# A tag is matched up to the next < as well as >: with [^>]* alone, a part of many < and no > cost quadratic time
# (a 3 KB docx held an upload for 28 s).
_TAG = re.compile(r"<[^<>]*>")


def _loose_words(raw: str) -> list[str]:
    """What stands between the tags and inside their quoted attributes, for markup that is not well-formed."""
    return _TAG.sub("\n", raw).split("\n") + re.findall(r'"([^"<>]*)"', raw)


def _xml(archive: zipfile.ZipFile, name: str) -> ElementTree.Element:
    """The part's tree; a part that is not well-formed is read word by word between its tags instead."""
    raw = archive.read(name)
    try:
        return ElementTree.fromstring(raw)
    except ElementTree.ParseError:
        words = " ".join(_loose_words(raw.decode("utf-8", "replace")))
        return ElementTree.fromstring("<x>" + words.replace("&", "&amp;").replace("<", "&lt;") + "</x>")


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


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


def _listed_sheets(archive: zipfile.ZipFile, names: set[str]) -> set[str]:
    """The worksheet parts the workbook lists, whose cell values are read with their headers; a sheet part it does
    not list is read whole here, its values included."""
    rels = "xl/_rels/workbook.xml.rels"
    if rels not in names:
        return set()
    targets = {element.get("Target", "") for element in _xml(archive, rels).iter() if element.get("Target")}
    return {t.lstrip("/") if t.startswith("/") else f"xl/{t}" for t in targets} & names


def _picture(archive: zipfile.ZipFile, name: str, reading: _Reading) -> list[str]:
    """EMF, WMF and SVG pictures' text as drawn, every other picture through OCR."""
    short = name.rsplit("/", 1)[-1]
    if short.lower().endswith(".emf"):
        return [emf_text(archive.read(name), short)]
    if short.lower().endswith(".svg"):
        return _part_words(archive, name)
    if short.lower().endswith(".wmf"):
        return [wmf_text(archive.read(name), short)]
    return [reading.picture(archive.read(name), f"图片 {short}")]


def _package(archive: zipfile.ZipFile, reading: _Reading, *, sheets: bool = False) -> list[str]:
    """Every part of a docx or xlsx: properties labelled, XML parts word by word, pictures wherever they are,
    embedded files; a part of any other kind makes the file unreadable, since what is not read is not passed.
    `sheets`: the worksheets' cell values are read elsewhere, with their headers."""
    listed = archive.namelist()
    if len(listed) != len(set(listed)):  # two entries of one name: which one a reader opens is anyone's guess
        raise Unreadable("文件内有重名的部件，无法确定其内容")
    names = set(listed)
    out = _properties(archive, names)
    out += [f"部件 {name}" for name in listed if privacy.may_hold(name)]  # a part's name is in the file too
    out += [info.comment.decode("utf-8", "replace") for info in archive.infolist() if info.comment]
    listed_sheets = _listed_sheets(archive, names) if sheets else set()
    for name in sorted(names - set(PROPERTY_PARTS)):
        lower = name.lower()
        if archive.getinfo(name).file_size == 0:  # an empty part (a folder, a signature's origin marker)
            continue
        if name.endswith("/"):
            raise Unreadable(f"文件中的部件“{name}”无法识别，无法检查其中内容")
        if EMBEDDED.match(name):
            out.append(reading.embedded(name.rsplit("/", 1)[-1], archive.read(name)))
        elif lower.endswith(PICTURES):
            out += _picture(archive, name, reading)
        elif lower.endswith(XML_PARTS):
            out += _part_words(archive, name, values=name not in listed_sheets)
        elif PRINTER.search(name):  # a DEVMODE: the printer's name and whatever a driver keeps, as UTF-16
            out += archive.read(name).decode("utf-16-le", "replace").split("\0")
        elif lower.endswith(GLYPHS):
            _font(archive.read(name), name)
        else:
            raise Unreadable(f"文件中的部件“{name}”无法识别，无法检查其中内容")
    return out


# A font: TrueType, OpenType or a collection. Office's obfuscated font (.odttf, named by a GUID) has its first 32
# bytes XORed with that GUID's bytes in reverse order (ECMA-376 Part 2 / [MS-OFFCRYPTO] font obfuscation).
_FONT_TAGS = (b"\x00\x01\x00\x00", b"OTTO", b"true", b"ttcf")


def _font(data: bytes, name: str) -> None:
    """A part named as a font that is not one holds something else, unread: it makes the file unreadable."""
    head = data[:4]
    if name.lower().endswith(".odttf"):
        guid = re.sub(r"[^0-9A-Fa-f]", "", name.rsplit("/", 1)[-1].rsplit(".", 1)[0])
        if len(guid) != 32:
            raise Unreadable(f"文件中的字体“{name}”无法识别")
        key = bytes.fromhex(guid)[::-1]
        head = bytes(b ^ key[i % 16] for i, b in enumerate(data[:4]))
    if head not in _FONT_TAGS:
        raise Unreadable(f"文件中的字体“{name}”无法识别")


# Records that paint a bitmap: its pixels would need OCR, which a metafile's records do not give.
EMF_BITMAPS = {76, 77, 78, 79, 80, 81, 114, 116}  # BITBLT … STRETCHDIBITS, ALPHABLEND, TRANSPARENTBLT
WMF_BITMAPS = {0x0922, 0x0B23, 0x0940, 0x0B41, 0x0D33, 0x0F43}  # BITBLT, STRETCHBLT, DIB…, SETDIBTODEV


def emf_text(data: bytes, name: str = "EMF图片") -> str:
    """The text an EMF picture draws: EMR_EXTTEXTOUTW (UTF-16) and EMR_EXTTEXTOUTA (ANSI, read as GB18030). A logo
    pasted from Office is EMF. One that paints a bitmap is unreadable: its pixels are not text."""
    out, offset = [], 0
    while offset + 8 <= len(data):
        kind, size = struct.unpack_from("<II", data, offset)
        if size < 8:
            break
        if kind in EMF_BITMAPS:
            raise Unreadable(f"图片 {name} 含位图，无法识别，请换成PNG或JPG")
        if kind in (83, 84) and size >= 76:  # the EMRTEXT at byte 36 gives chars and offString
            chars, start = struct.unpack_from("<II", data, offset + 44)
            if kind == 84:
                out.append(data[offset + start : offset + start + 2 * chars].decode("utf-16-le", "replace"))
            else:
                out.append(data[offset + start : offset + start + chars].decode("gb18030", "replace"))
        offset += size
    return "".join(out)


def wmf_text(data: bytes, name: str = "WMF图片") -> str:
    """The text a WMF picture draws (META_TEXTOUT, META_EXTTEXTOUT; ANSI, read as GB18030): Office writes a
    document's thumbnail so. One that paints a bitmap is unreadable."""
    offset = 22 if data[:4] == b"\xd7\xcd\xc6\x9a" else 0  # the placeable header
    if len(data) < offset + 18:
        raise Unreadable(f"图片 {name} 无法解码")
    offset += struct.unpack_from("<H", data, offset + 2)[0] * 2  # the header's own size, in words
    out = []
    while offset + 6 <= len(data):
        size, function = struct.unpack_from("<IH", data, offset)
        if size < 3 or function == 0:  # the end record
            break
        params = data[offset + 6 : offset + size * 2]
        if function in WMF_BITMAPS:
            raise Unreadable(f"图片 {name} 含位图，无法识别，请换成PNG或JPG")
        if function == 0x0521 and len(params) >= 2:  # META_TEXTOUT: count, string
            count = struct.unpack_from("<H", params)[0]
            out.append(params[2 : 2 + count].decode("gb18030", "replace"))
        elif function == 0x0A32 and len(params) >= 8:  # META_EXTTEXTOUT: y, x, count, options, [rect], string
            count, options = struct.unpack_from("<HH", params, 4)
            start = 8 + (8 if options & 0x0006 else 0)
            out.append(params[start : start + count].decode("gb18030", "replace"))
        offset += size * 2
    return "".join(out)


def _docx(data: bytes, reading: _Reading) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return "\n".join(line for line in _package(archive, reading) if line)


def _xlsx(data: bytes, reading: _Reading) -> str:
    """Each sheet (hidden ones too), each row as `header：value` pairs when the first row looks like headers, so
    a column titled 身份证号 or 姓名 labels its values for the detectors; then the comments, and every part of the
    package: formulas, headers and footers, defined names, shared strings no cell uses any more, pivot caches…"""
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
                shown = _displayed(cell.value, cell.number_format)
                if shown:
                    out.append(f"显示为：{shown}")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        out += _package(archive, reading, sheets=True)
    return "\n".join(line for line in out if line)


_FORMAT_PARTS = re.compile(r'("[^"]*"|\\.)')
_FORMAT_BRACKETS = re.compile(r"\[[^\]]*\]")  # a colour, a locale or a condition: [Red], [$-804], [>0]


def _displayed(value, number_format: str) -> str:
    """What Excel shows for a cell whose format writes text around its value: "1380"0000000 shows 5740001 as
    13805740001, "1380"@ shows the text 5740001 so too. The section for the value's sign (positive;negative;zero;
    text), its literals, and the value (zero-padded to the format's zeros) in place of its placeholders; "" for any
    other cell."""
    if isinstance(value, bool) or not isinstance(value, (int, float, str)) or not value:
        return ""
    if '"' not in number_format and "\\" not in number_format:
        return ""
    sections = _FORMAT_BRACKETS.sub("", number_format).split(";")
    if isinstance(value, str):
        section = next((part for part in sections if "@" in part), "")
        digits = value
    else:
        index = 1 if value < 0 and len(sections) > 1 else 2 if value == 0 and len(sections) > 2 else 0
        section = sections[min(index, len(sections) - 1)]
        zeros = _FORMAT_PARTS.sub("", section).count("0")  # the placeholders, not a 0 inside a literal
        digits = str(abs(int(value))).zfill(zeros)
    out = []
    for part in _FORMAT_PARTS.split(section):
        if part.startswith('"'):
            out.append(part[1:-1])
        elif part.startswith("\\"):
            out.append(part[1:])
        elif re.search("[0#?@]", part) and digits:
            out.append(digits)
            digits = ""  # one value per cell: the placeholders after the first group are its decimals
    return "".join(out)


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
