"""docx and xlsx (issue 20, item 2): every part of the package, read whole."""

from __future__ import annotations

import io
import re
import zipfile

from openpyxl import load_workbook

from zhengtong import privacy

from .base import Reading, Unreadable
from .metafile import emf_text, wmf_text
from .xmlwords import local_name, part_words, xml_tree

PROPERTY_PARTS = ("docProps/core.xml", "docProps/app.xml", "docProps/custom.xml")
EMBEDDED = re.compile(r"^(word|xl)/embeddings/[^/]+$")
MAX_CELLS = 2_000_000
# Every part of the package is read, not a list of the parts Office usually writes: the review of the first reader
# found a dozen places it had not listed (pivot caches, external links, link targets, data validation prompts,
# threaded comments, glossaries, custom XML, VML alt text, chart caches, a thumbnail outside media/).

# Run text, joined per paragraph (a name split across runs stays one name); the label says what a reader does not
# see on the page.
XML_PARTS = (".xml", ".rels", ".vml")
PICTURES = (".png", ".jpg", ".jpeg", ".jpe", ".jfif", ".gif", ".bmp", ".tif", ".tiff", ".wdp", ".emf", ".wmf", ".svg")
GLYPHS = (".odttf", ".ttf", ".otf", ".fntdata")  # embedded fonts: outlines, no words
PRINTER = re.compile(r"printerSettings\d*\.bin$")


def _properties(archive: zipfile.ZipFile, names: set[str]) -> list[str]:
    """The core properties (title, subject, author, keywords…), the app properties (company, manager) and every
    custom property, each as `name：value`."""
    out = []
    for part in (p for p in PROPERTY_PARTS if p in names):
        for element in xml_tree(archive, part).iter():
            if local_name(element.tag) == "property":  # custom: the name is an attribute, the value its child
                out.append(f"{element.get('name')}：{''.join(element.itertext()).strip()}")
            elif part != "docProps/custom.xml" and len(element) == 0 and (element.text or "").strip():
                out.append(f"{local_name(element.tag)}：{element.text.strip()}")
    return out


def _listed_sheets(archive: zipfile.ZipFile, names: set[str]) -> set[str]:
    """The worksheet parts the workbook lists, whose cell values are read with their headers; a sheet part it does
    not list is read whole here, its values included."""
    rels = "xl/_rels/workbook.xml.rels"
    if rels not in names:
        return set()
    targets = {element.get("Target", "") for element in xml_tree(archive, rels).iter() if element.get("Target")}
    return {t.lstrip("/") if t.startswith("/") else f"xl/{t}" for t in targets} & names


def _picture(archive: zipfile.ZipFile, name: str, reading: Reading) -> list[str]:
    """EMF, WMF and SVG pictures' text as drawn, every other picture through OCR."""
    short = name.rsplit("/", 1)[-1]
    if short.lower().endswith(".emf"):
        return [emf_text(archive.read(name), short)]
    if short.lower().endswith(".svg"):
        return part_words(archive, name)
    if short.lower().endswith(".wmf"):
        return [wmf_text(archive.read(name), short)]
    return [reading.picture(archive.read(name), f"图片 {short}")]


def _package(archive: zipfile.ZipFile, reading: Reading, *, sheets: bool = False) -> list[str]:
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
            out += part_words(archive, name, values=name not in listed_sheets)
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


def docx(data: bytes, reading: Reading) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return "\n".join(line for line in _package(archive, reading) if line)


def xlsx(data: bytes, reading: Reading) -> str:
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
            out += privacy.boxed(values)  # a number printed one digit to a cell (an ID number's 18 boxes)
            if header is None:
                header = values
                out.append("\t".join(values))
                continue
            out.append("，".join(f"{h}：{v}" if h else v for h, v in zip(header + [""] * len(values), values) if v))
        for row in sheet.iter_rows():
            for cell in row:
                if cell.comment is not None:
                    out.append(f"批注：{cell.comment.text}")
                shown = displayed(cell.value, cell.number_format)
                if shown:
                    out.append(f"显示为：{shown}")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        out += _package(archive, reading, sheets=True)
    return "\n".join(line for line in out if line)


_FORMAT_PARTS = re.compile(r'("[^"]*"|\\.)')
_FORMAT_BRACKETS = re.compile(r"\[[^\]]*\]")  # a colour, a locale or a condition: [Red], [$-804], [>0]


def displayed(value, number_format: str) -> str:
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
