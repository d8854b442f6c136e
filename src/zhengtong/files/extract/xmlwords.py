"""The words of an XML part, streamed (issue 20, item 2): every element's text, run text joined per paragraph (a name
split across runs stays one name), text between elements, comments and processing instructions, and every
attribute that can carry personal data; markup that is not
well-formed is read between and inside its tags. Office packages are read so, and a PDF's XMP and XFA packets."""

from __future__ import annotations

import html
import io
import re
import zipfile
from urllib.parse import unquote
from xml.etree import ElementTree

from zhengtong import privacy

from .formulas import worked_out

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
S = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
HEADER_FOOTER = {S + t for t in ("oddHeader", "oddFooter", "evenHeader", "evenFooter", "firstHeader", "firstFooter")}

RUN_TEXT = {
    W + "t": "",
    A + "t": "",
    S + "t": "",
    W + "delText": "（修订删除）",
    W + "instrText": "（域代码）",
    W + "delInstrText": "（修订删除的域代码）",
}
PARAGRAPHS = {W + "p", A + "p", S + "si", S + "is", S + "text"}
CELL, ROW = W + "tc", W + "tr"
LABELS = {S + "f": "公式：", **dict.fromkeys(HEADER_FOOTER, "页眉页脚：")}


def worth_reading(value: str) -> str:
    """An attribute's value, percent-decoded (mailto:zhangwei%40qq.com), when it can carry personal data: structure
    (ids, sizes, styles, colours, schema addresses) is ASCII with fewer than seven digits; "" when not."""
    value = unquote(value)
    return value if privacy.may_hold(value) else ""


def words(source, *, values: bool = True) -> list[str]:
    """Every word of an XML part, streamed: the text of every element (run text joined per paragraph) and every
    attribute worth reading. `values=False` leaves out the cell values of a sheet, read with their headers."""
    out, runs = [], {}
    cells, cell = [], []  # a table row's cells' text so far, and the paragraphs of the cell being read
    previous = None  # the element ended last: its tail may be read in only after its end event (a chunk's edge)
    for event, element in ElementTree.iterparse(source, events=("start", "end", "comment", "pi")):
        tag, text = element.tag, element.text
        if previous is not None and previous.tail and previous.tail.strip():
            out.append(previous.tail.strip())
        previous = None
        if event in ("comment", "pi"):  # no application shows them; the file holds them all the same
            out += [text.strip()] if text and text.strip() else []
            continue
        if event == "start":  # only where a cell begins matters: what stood before it is not its text
            if tag == CELL:
                cell = []
            continue
        if tag == CELL:
            cells.append("".join(cell))
            cell = []
        elif tag == ROW:  # a number printed one digit to a cell (an ID number's 18 boxes) is read as one
            out += privacy.boxed(cells)
            cells = []
        if tag in RUN_TEXT:
            runs.setdefault(RUN_TEXT[tag], []).append(text or "")
        elif text and text.strip() and (values or tag != S + "v"):
            out.append(LABELS.get(tag, "") + text.strip())
            if tag == S + "f":  # a formula saved without its result: the pieces it joins ("138"&"0574"&"0001")
                out.append("".join(re.findall(r'"([^"]*)"', text)))
                out += [shown] if (shown := worked_out(text)) else []  # and what it works out to (=1380574*10000+1)
        out += [kept for v in element.attrib.values() if (kept := worth_reading(v))]
        if element.tail and element.tail.strip():  # text between elements (between runs): held, never shown
            out.append(element.tail.strip())
        previous = element
        if tag in PARAGRAPHS and runs:
            out += [label + "".join(parts) for label, parts in runs.items()]
            cell += runs.get("", [])
            runs = {}
        element.clear()  # a large part is streamed, not held
    return out + [label + "".join(parts) for label, parts in runs.items()]


def part_words(archive: zipfile.ZipFile, name: str, **options) -> list[str]:
    """The part's words; a part that is not well-formed (VML often is not) is read between and inside its tags."""
    try:
        with archive.open(name) as source:
            return words(source, **options)
    except ElementTree.ParseError:
        return loose_words(archive.read(name).decode("utf-8", "replace"))


# A tag is matched up to the next < as well as >: with [^>]* alone, a part of many < and no > cost quadratic time
# (a 3 KB docx held an upload for 28 s).
_TAG = re.compile(r"<[^<>]*>")


# what stands in double quotes, and an attribute's value in single quotes or none (alt='…', alt=…), as a lenient
# reader takes it
_QUOTED = re.compile(r'"([^"<>]*)"')
_OTHER_VALUE = re.compile(r"""=\s*(?:'([^'<>]*)'|([^\s"'<>=`]+))""")


def loose_words(raw: str) -> list[str]:
    """What stands between the tags and inside their attributes, for markup that is not well-formed, with
    its character references read as what they stand for (`&#51;&#51;` is "33" to whoever reads the part)."""
    pieces = _TAG.sub("\n", raw).split("\n") + _QUOTED.findall(raw)
    pieces += [m.group(m.lastindex) for m in _OTHER_VALUE.finditer(raw)]
    return [html.unescape(piece) for piece in pieces]


def xml_words(data: bytes) -> list[str]:
    """The words of an XML packet held in memory (a PDF's XMP or XFA stream)."""
    try:
        return words(io.BytesIO(data))
    except ElementTree.ParseError:
        return loose_words(data.decode("utf-8", "replace"))


def xml_tree(archive: zipfile.ZipFile, name: str) -> ElementTree.Element:
    """The part's tree; a part that is not well-formed is read word by word between its tags instead."""
    raw = archive.read(name)
    try:
        return ElementTree.fromstring(raw)
    except ElementTree.ParseError:
        words = " ".join(loose_words(raw.decode("utf-8", "replace")))
        return ElementTree.fromstring("<x>" + words.replace("&", "&amp;").replace("<", "&lt;") + "</x>")


def local_name(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]
