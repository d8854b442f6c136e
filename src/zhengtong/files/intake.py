"""Upload intake: what a citizen's file must pass before it is stored.

- the type is decided by the bytes (magic numbers), never by the name or the browser's content type, and only
  PDF, JPEG, PNG, DOCX and XLSX are accepted: an executable renamed ".pdf" is refused;
- size limit per file; for the zip-based office formats, limits on entries, total expanded size and ratio
  (zip bombs), and no macros (vbaProject.bin);
- metadata stripped: PDF document info, XMP and scripts (the PDF written afresh, so nothing unhooked stays), a
  JPEG's application segments and comments wherever they stand but one JFIF and one Adobe header written afresh
  (EXIF, XMP, GPS), a PNG's chunks but those that draw it, and whatever follows a picture's end; the author
  fields of docx/xlsx, a zip entry's extra field and comment; a picture inside a document (its media, a PDF's
  JPEG) loses its metadata as one uploaded alone does.
"""

from __future__ import annotations

import contextvars
import io
import re
import struct
import zipfile
import zlib
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

MAX_BYTES = 20 * 1024 * 1024
TOO_LARGE = _("文件超过20MB，请压缩后上传。")
MAX_ZIP_ENTRIES = 2000
MAX_ZIP_EXPANDED = 200 * 1024 * 1024
MAX_ZIP_RATIO = 100

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "jpeg": "image/jpeg",
    "png": "image/png",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
EXTENSIONS = {"pdf": ".pdf", "jpeg": ".jpg", "png": ".png", "docx": ".docx", "xlsx": ".xlsx"}


class FileRefused(ValueError):
    def __init__(self, code: str, message):
        self.code, self.message = code, message
        super().__init__(str(message))


@dataclass(frozen=True)
class CleanFile:
    kind: str
    content: bytes

    @property
    def content_type(self) -> str:
        return CONTENT_TYPES[self.kind]


def read_uploads(files) -> list[tuple[str, bytes]]:
    """(name, bytes) of each uploaded file, read one byte past the limit so an oversize file is refused by
    `clean` with its code rather than cut short here."""
    return [(f.name, f.read(MAX_BYTES + 1)) for f in files or ()]


def sniff(head: bytes) -> str | None:
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"PK\x03\x04"):
        return "zip"
    return None


def _office_kind(data: bytes) -> str:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise FileRefused("FILE_CORRUPT", _("文件已损坏，无法打开。")) from None
    infos = archive.infolist()
    if len(infos) > MAX_ZIP_ENTRIES:
        raise FileRefused("FILE_ZIP_BOMB", _("文件内部结构异常（条目过多），已拒收。"))
    expanded = sum(i.file_size for i in infos)
    if expanded > MAX_ZIP_EXPANDED or expanded > MAX_ZIP_RATIO * max(len(data), 1):
        raise FileRefused("FILE_ZIP_BOMB", _("文件解压后体积异常，已拒收。"))
    try:
        # every member read once against its CRC (bounded by the checks above): a broken one would fail later,
        # when its text is read for the privacy check, as a 500
        broken = archive.testzip()
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError):
        broken = "?"
    if broken is not None:
        raise FileRefused("FILE_CORRUPT", _("文件已损坏，无法打开。"))
    names = {i.filename for i in infos}
    if any(n.lower().endswith("vbaproject.bin") for n in names):
        raise FileRefused("FILE_MACRO", _("文件含有宏，存在安全风险，请另存为不含宏的格式后上传。"))
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    raise FileRefused("FILE_TYPE", _("只接受 PDF、JPG、PNG、Word（docx）和 Excel（xlsx）文件。"))


def _strip_pdf(data: bytes) -> bytes:
    from pypdf import PdfReader, PdfWriter

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise FileRefused("FILE_ENCRYPTED", _("文件已加密，请去除密码后上传。"))
        return _rewritten(PdfWriter(clone_from=reader))
    except FileRefused:
        raise
    except Exception:  # a crafted file breaks the parser in many ways (nesting, reference chains, limits)
        raise FileRefused("FILE_CORRUPT", _("文件已损坏，无法打开。")) from None


def _rewritten(writer) -> bytes:
    from pypdf.generic import StreamObject

    writer._info = None  # the document information dictionary (author, creator tool …)
    root = writer._root_object
    for key in ("/Metadata", "/OpenAction", "/AA"):  # XMP, and anything that runs on open
        root.pop(key, None)
    names = root.get("/Names")
    if names is not None:  # scripts go; the attached files stay, read for the privacy check like the pages
        names.get_object().pop("/JavaScript", None)
    for page in writer.pages:
        page.pop("/AA", None)
    for obj in writer._objects:
        if isinstance(obj, StreamObject) and obj.get("/Subtype") == "/Image" and _jpeg_stream(obj.get("/Filter")):
            obj._data = _picture_stripped(obj._data)  # a JPEG picture's bytes as they stand: its EXIF goes too
    for obj in writer._objects:  # each attached file as it would be stored alone
        if isinstance(obj, StreamObject) and obj.get("/Type") == "/EmbeddedFile":
            inside = obj.get_data()
            cleaned = _cleaned_inside(inside)
            if cleaned != inside:
                obj.set_data(cleaned)
    # What was unhooked above is still among the objects: written, any PDF tool would find it, and the privacy
    # reader reads the objects the stored file holds. The file is written afresh from the last revision only.
    writer.compress_identical_objects(remove_duplicates=False, remove_unreferenced=True)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


# The application segments a decoder needs, written afresh as their standards have them: one JFIF header (its
# pixel density kept, its version and thumbnail the standard's) and Adobe's colour transform (without it a CMYK
# picture's colours change). Every other one, and every comment, is a place to carry bytes no viewer shows (EXIF,
# XMP, GPS, a JFXX extension, a maker's notes), wherever it stands: before the first scan, between a progressive
# picture's scans, or before its end.
_JFIF = b"JFIF\x00"
_ADOBE = b"Adobe"
_END_OF_IMAGE = b"\xff\xd9"
_STANDALONE = frozenset((0x01, *range(0xD0, 0xD8)))  # TEM and the restart markers: no length, no body


def _jpeg_segment(marker: int, segment: bytes, jfif_kept: bool) -> bytes:
    """What is kept of a segment: b"" for none."""
    body = segment[4:]
    if marker == 0xE0:
        if jfif_kept or not body.startswith(_JFIF) or len(body) < 14:
            return b""
        units, density = body[7], body[8:12]
        if units > 2:  # no unit the standard knows: its bytes are no density
            units, density = 0, b"\x00\x01\x00\x01"
        return b"\xff\xe0" + struct.pack(">H", 16) + _JFIF + b"\x01\x02" + bytes([units]) + density + b"\x00\x00"
    if marker == 0xEE:
        if not body.startswith(_ADOBE) or len(body) < 12:
            return b""
        return b"\xff\xee" + struct.pack(">H", 14) + _ADOBE + b"\x00\x64\x00\x00\x00\x00" + body[11:12]
    return b"" if 0xE1 <= marker <= 0xEF or marker == 0xFE else segment


def _coded_data_end(data: bytes, i: int) -> int:
    """Where a scan's coded data ends: at the first marker that is neither a stuffed 0xFF nor a restart."""
    while True:
        i = data.find(b"\xff", i)
        if i < 0 or i + 1 >= len(data):
            return len(data)
        following = data[i + 1]
        if following != 0x00 and not 0xD0 <= following <= 0xD7:
            return i  # a marker, or a fill byte before one
        i += 2


def _strip_jpeg(data: bytes) -> bytes:
    out, i, jfif_kept = bytearray(data[:2]), 2, False
    while i + 2 <= len(data):
        if data[i] != 0xFF:
            raise FileRefused("FILE_CORRUPT", _("文件已损坏，无法打开。"))
        marker = data[i + 1]
        if marker == 0xFF:  # fill bytes before a marker
            i += 1
            continue
        if marker == 0xD9:  # the end: nothing after it is kept
            return bytes(out + _END_OF_IMAGE)
        if marker in _STANDALONE:
            out += data[i : i + 2]
            i += 2
            continue
        if i + 4 > len(data):
            break
        length = struct.unpack(">H", data[i + 2 : i + 4])[0]
        segment = data[i : i + 2 + length]
        kept = _jpeg_segment(marker, segment, jfif_kept)
        jfif_kept = jfif_kept or (marker == 0xE0 and bool(kept))
        out += kept
        i += 2 + length
        if marker == 0xDA:  # a scan: its coded data follows, up to the next marker
            end = _coded_data_end(data, i)
            out += data[i:end]
            i = end
    if len(out) > 2 and i >= len(data):  # a picture cut short after its data: kept as read, the reader decides
        return bytes(out)
    raise FileRefused("FILE_CORRUPT", _("文件已损坏，无法打开。"))


# The chunks that draw the picture (PNG's critical chunks, transparency, colour and gamma, pixel size, the frames
# of an animated PNG); every other one, text, EXIF and private chunks, is a place for bytes no viewer shows.
# An ICC profile (iCCP) goes, as a JPEG's does: its name is the writer's text.
_PNG_DRAWN = frozenset(
    (b"IHDR", b"PLTE", b"IDAT", b"IEND", b"tRNS", b"gAMA", b"cHRM", b"sRGB", b"sBIT", b"bKGD", b"pHYs")
    + (b"acTL", b"fcTL", b"fdAT")
)


def _strip_png(data: bytes) -> bytes:
    out, i = bytearray(data[:8]), 8
    while i + 8 <= len(data):
        length, ctype = struct.unpack(">I4s", data[i : i + 8])
        chunk = data[i : i + 12 + length]
        if ctype in _PNG_DRAWN:
            out += chunk
        i += 12 + length
        if ctype == b"IEND":  # nothing after the end is kept either
            return bytes(out)
    raise FileRefused("FILE_CORRUPT", _("文件已损坏，无法打开。"))


def _jpeg_stream(filters) -> bool:
    """A PDF stream whose bytes are a JPEG file: /DCTDecode, alone or as the one filter of an array."""
    if isinstance(filters, list) and len(filters) == 1:
        filters = filters[0]
    return filters == "/DCTDecode"


def _picture_stripped(data: bytes) -> bytes:
    """A picture inside a document (a docx's or xlsx's media, a PDF's JPEG) stripped as one uploaded alone; one that
    cannot be parsed is kept as it is, and the privacy reader refuses it when it cannot decode it."""
    strip = _strip_jpeg if data.startswith(b"\xff\xd8") else _strip_png if data.startswith(b"\x89PNG") else None
    if strip is None:
        return data
    try:
        return strip(data)
    except FileRefused:
        return data


_MEDIA = re.compile(r"^(word|xl|ppt)/media/")
# Every property a person may be named in: the portal shows none of a file's properties, so none is kept, rather
# than left to the detector (a title or a manager naming someone it does not know as a name was published).
_CORE_FIELDS = re.compile(
    rb"<(dc:creator|cp:lastModifiedBy|cp:keywords|dc:description|cp:lastPrinted|dc:title|dc:subject|cp:category"
    rb"|cp:contentStatus|dc:identifier|cp:version)(?:\s[^>]*)?>.*?</\1>",
    re.S,
)
_APP_FIELDS = re.compile(rb"<(Company|Manager|HyperlinkBase)>.*?</\1>", re.S)
_CUSTOM_PROPERTY = re.compile(rb"<property\b.*?</property>|<property\b[^>]*/>", re.S)


_EMBEDDINGS = re.compile(r"^(word|xl)/embeddings/")
_inside = contextvars.ContextVar("inside", default=0)


def _cleaned_inside(content: bytes) -> bytes:
    """A file embedded in another, stored as it would be if uploaded alone (its metadata stripped, a PDF written
    afresh without its earlier revisions), so that what the privacy reader reads of it is what is stored. One that
    would be refused, or nested deeper than the reader goes, is kept as it is: the reader refuses it, with its file."""
    if _inside.get() >= 3:
        return content
    token = _inside.set(_inside.get() + 1)
    try:
        return clean(content).content
    except FileRefused:
        return content
    finally:
        _inside.reset(token)


def _strip_office(data: bytes) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info)
            if info.filename == "docProps/core.xml":
                content = _CORE_FIELDS.sub(b"", content)
            elif info.filename == "docProps/app.xml":
                content = _APP_FIELDS.sub(b"", content)
            elif info.filename == "docProps/custom.xml":
                content = _CUSTOM_PROPERTY.sub(b"", content)
            elif _EMBEDDINGS.match(info.filename):
                content = _cleaned_inside(content)
            elif _MEDIA.match(info.filename):
                content = _picture_stripped(content)
            info.extra, info.comment = b"", b""  # no application reads them; a writer can put anything there
            target.writestr(info, content)
    return out.getvalue()


STRIPPERS = {"pdf": _strip_pdf, "jpeg": _strip_jpeg, "png": _strip_png, "docx": _strip_office, "xlsx": _strip_office}


def clean(data: bytes) -> CleanFile:
    if not data:
        raise FileRefused("FILE_EMPTY", _("文件是空的。"))
    if len(data) > MAX_BYTES:
        raise FileRefused("FILE_TOO_LARGE", TOO_LARGE)
    kind = sniff(data[:16])
    if kind is None:
        raise FileRefused("FILE_TYPE", _("只接受 PDF、JPG、PNG、Word（docx）和 Excel（xlsx）文件。"))
    if kind == "zip":
        kind = _office_kind(data)
    return CleanFile(kind, STRIPPERS[kind](data))
