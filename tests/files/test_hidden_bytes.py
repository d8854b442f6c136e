"""Bytes a picture carries that no viewer shows are not kept (issue 20, item 2): a published picture is reviewed
by its look, so what it holds beyond its pixels (an APP0 segment longer than JFIF's header, a private PNG chunk,
anything after the image's end) would be published unread. Outside attack, session 62: each held an ID number
and a mobile through review and publication."""

from __future__ import annotations

import struct
import zlib

from zhengtong.files import intake

from . import samples

SECRET = "身份证号330206199003071231 手机13805740001".encode()


def _jpeg(*segments: bytes, after: bytes = b"") -> bytes:
    jfif = b"\xff\xe0" + struct.pack(">H", 16) + b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    scan = b"\xff\xda" + struct.pack(">H", 8) + b"\x01\x01\x00\x00\x3f\x00" + b"\x12\xff\x00\x34" + b"\xff\xd9"
    return b"\xff\xd8" + jfif + b"".join(segments) + scan + after


def _chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def test_bytes_after_a_jpegs_end_are_dropped():
    cleaned = intake.clean(_jpeg(after=SECRET)).content
    assert SECRET not in cleaned and cleaned.endswith(b"\x12\xff\x00\x34\xff\xd9")


def test_an_app0_segment_carrying_more_than_jfifs_header_is_dropped():
    app0 = b"\xff\xe0" + struct.pack(">H", len(SECRET) + 7) + b"JFXX\x00" + SECRET
    cleaned = intake.clean(_jpeg(app0)).content
    assert SECRET not in cleaned and b"JFIF" in cleaned


def test_a_pngs_private_chunk_is_dropped_and_its_pixels_kept():
    png = (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0))
        + _chunk(b"prVt", SECRET)
        + _chunk(b"IDAT", zlib.compress(b"\x00\x00"))
        + _chunk(b"IEND", b"")
        + SECRET
    )
    cleaned = intake.clean(png).content
    assert SECRET not in cleaned and b"IDAT" in cleaned and cleaned.endswith(_chunk(b"IEND", b""))


def test_a_plain_jpeg_keeps_its_header_and_scan():
    assert intake.clean(samples.jpeg_with_exif()).content.endswith(b"\x12\x34\xff\xd9")


def test_an_office_files_zip_extra_fields_and_comments_are_dropped():
    """Outside attack, session 62: a zip entry's extra field (an ID 0xCAFE of the attacker's) was kept as written."""
    import io
    import zipfile

    from .hidden.office import docx

    source = zipfile.ZipFile(io.BytesIO(docx()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            info.extra = struct.pack("<HH", 0xCAFE, len(SECRET)) + SECRET
            info.comment = SECRET
            target.writestr(info, source.read(info))
        target.comment = SECRET
    assert SECRET not in intake.clean(out.getvalue()).content
