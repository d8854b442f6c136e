"""PDF (issue 20, item 2): each page's text and every object the file holds."""

from __future__ import annotations

import io

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

from .base import Reading, Unreadable
from .xmlwords import xml_words


def pdf(data: bytes, reading: Reading) -> str:
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


def _pdf_objects(reader: PdfReader, reading: Reading) -> list[str]:
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
            out += xml_words(obj.get_data())
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
