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

from collections.abc import Callable
from dataclasses import dataclass

from .base import MAX_PICTURES, Reading, Unreadable
from .metafile import emf_text, wmf_text
from .office import displayed, docx, xlsx
from .pdf import pdf

__all__ = [
    "MAX_PICTURES",
    "VERSION",
    "Extracted",
    "Unreadable",
    "displayed",
    "emf_text",
    "file_text",
    "read",
    "wmf_text",
]

# Raised whenever the reader reads more than before: readings kept from an earlier version are made again
# (files/reading.py). 2: every part of an Office package, every object of a PDF. 3: form XObjects' text, what a
# number format shows, the pieces a formula joins. 4: every picture of a PDF, numbers, names and streams of no
# declared kind, part names and entry comments, EMF's ANSI text and WMF's text. 5: an XML part's comments,
# processing instructions and text between elements, and what a formula of literals works out to. 6: character
# references, and attributes in single quotes or none, in a part that is not well-formed.
VERSION = 6


def _image(data: bytes, reading: Reading) -> str:
    return reading.picture(data, "图片")


READERS = {"pdf": pdf, "docx": docx, "xlsx": xlsx, "jpeg": _image, "png": _image}


def _read(kind: str, data: bytes, reading: Reading) -> str:
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
    reading = Reading(_read, ocr=ocr, progress=progress)
    text = _read(kind, data, reading)
    return Extracted(text, len(reading.seen))


def file_text(kind: str, data: bytes) -> str:
    return read(kind, data).text
