"""Bytes a picture carries that no viewer shows are not kept (issue 20, item 2): a published picture is reviewed
by its look, so what it holds beyond its pixels (an APP0 segment longer than JFIF's header, a private PNG chunk,
anything after the image's end) would be published unread. Outside attack, session 62: each held an ID number
and a mobile through review and publication."""

from __future__ import annotations

import struct
import zlib

import pytest

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


def _pillow(fmt: str, **options) -> bytes:
    import io

    from PIL import Image

    picture = Image.new("RGB", (64, 48), (200, 30, 30))
    picture.paste((20, 120, 220), (8, 8, 40, 30))
    if options.pop("cmyk", False):
        picture = picture.convert("CMYK")
    out = io.BytesIO()
    picture.save(out, fmt, **options)
    return out.getvalue()


def _pixels(data: bytes):
    import io

    from PIL import Image

    with Image.open(io.BytesIO(data)) as picture:
        picture.load()
        return picture.mode, picture.size, picture.tobytes()


def _comment(text: bytes) -> bytes:
    return b"\xff\xfe" + struct.pack(">H", len(text) + 2) + text


def test_a_segment_between_a_progressive_jpegs_scans_or_before_its_end_is_dropped():
    """Review (session 62): the stripper kept everything from the first scan to the end, so a comment or an APP1
    segment placed between two scans, or just before the end, was kept; the picture decodes the same without it."""
    progressive = _pillow("JPEG", progressive=True)
    second_scan = progressive.index(b"\xff\xda", progressive.index(b"\xff\xda") + 2)
    between = progressive[:second_scan] + _comment(SECRET) + progressive[second_scan:]
    baseline = _pillow("JPEG")
    app1 = b"\xff\xe1" + struct.pack(">H", len(SECRET) + 2) + SECRET
    before_end = baseline[:-2] + app1 + baseline[-2:]
    for original, hidden in ((progressive, between), (baseline, before_end)):
        cleaned = intake.clean(hidden).content
        assert SECRET not in cleaned and _pixels(cleaned) == _pixels(original)


def test_one_jfif_header_is_kept_written_afresh():
    """Review (session 62): two JFIF headers carried nine chosen bytes each; one is kept, its version and thumbnail
    written as the standard has them."""
    chosen = b"JFIF\x00" + b"\x33\x02\x06\x19\x90\x03\x07\x12\x31"
    header = b"\xff\xe0" + struct.pack(">H", 16) + chosen
    baseline = _pillow("JPEG")
    hidden = baseline[:2] + header + header + baseline[2:]
    cleaned = intake.clean(hidden).content
    assert cleaned.count(b"JFIF\x00") == 1 and b"\x19\x90\x03\x07" not in cleaned and b"\x33\x02" not in cleaned
    assert _pixels(cleaned) == _pixels(baseline)


def test_a_pngs_colour_profile_named_by_its_writer_is_dropped():
    """Review (session 62): an iCCP chunk's profile name is the writer's text; the JPEG side drops its profile too."""
    png = _pillow("PNG")
    icc = _chunk(b"iCCP", b"330206199003071231\x00\x00" + zlib.compress(b"profile"))
    hidden = png[:33] + icc + png[33:]
    cleaned = intake.clean(hidden).content
    assert b"330206199003071231" not in cleaned and _pixels(cleaned) == _pixels(png)


@pytest.mark.parametrize(
    ("fmt", "options"),
    [
        ("JPEG", {}),
        ("JPEG", {"progressive": True}),
        ("JPEG", {"cmyk": True}),
        ("JPEG", {"cmyk": True, "progressive": True}),
        ("JPEG", {"dpi": (300, 300)}),
        ("PNG", {}),
        ("PNG", {"optimize": True}),
    ],
)
def test_a_picture_decodes_the_same_after_it_is_stripped(fmt, options):
    picture = _pillow(fmt, **dict(options))
    assert _pixels(intake.clean(picture).content) == _pixels(picture)
