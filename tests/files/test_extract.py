"""Complete extraction (issue 20, item 2; 政府信息公开条例 第十五条: a third party's personal information is not
published): whatever a file holds where a reader does not look is read for the privacy check, and a file that
cannot be read is refused with its reason, never passed."""

from __future__ import annotations

import io

import pytest

from zhengtong import privacy
from zhengtong.files import extract

from . import hidden


def kinds(kind: str, data: bytes) -> set[str]:
    return {f.kind.value for f in privacy.scan(extract.file_text(kind, data))}


# Formulas of literals that work out to a number, saved without their results (outside attack, session 62)
_TIMES = f"={hidden.MOBILE[:7]}*10000+{int(hidden.MOBILE[7:])}"
_JOINED = f'={hidden.ID[:6]}&{hidden.ID[6:14]}&"{hidden.ID[14:]}"'
_BRACKETED = f"=({hidden.MOBILE[:6]}+0)&({hidden.MOBILE[6:]})"


@pytest.mark.parametrize(
    ("kind", "build", "found"),
    [
        ("pdf", hidden.pdf_annotation, "mobile"),
        ("pdf", hidden.pdf_link, "mobile"),
        ("pdf", hidden.pdf_form_field, "id_number"),
        ("pdf", hidden.pdf_metadata, "mobile"),
        ("pdf", hidden.pdf_embedded_sheet, "id_number"),
        ("docx", hidden.docx_tracked_deletion, "mobile"),
        ("docx", hidden.docx_field_code, "mobile"),
        ("docx", hidden.docx_alt_text, "id_number"),
        ("docx", hidden.docx_text_box, "id_number"),
        ("docx", hidden.docx_custom_property, "mobile"),
        ("docx", hidden.docx_core_property, "id_number"),
        ("docx", hidden.docx_embedded_sheet, "id_number"),
        ("xlsx", lambda: hidden.xlsx(veryhidden=True), "id_number"),
        ("xlsx", lambda: hidden.xlsx(defined_name=True), "mobile"),
        ("xlsx", lambda: hidden.xlsx(header=True), "mobile"),
        ("xlsx", lambda: hidden.xlsx(formula=True), "mobile"),
        ("xlsx", lambda: hidden.xlsx(title=True), "mobile"),
        # found by the review of the first reader
        ("pdf", hidden.pdf_outline, "mobile"),
        ("pdf", hidden.pdf_xmp, "mobile"),
        ("pdf", hidden.pdf_attachment_annotation, "id_number"),
        ("docx", hidden.docx_simple_field, "mobile"),
        ("docx", hidden.docx_deleted_field_code, "mobile"),
        ("docx", hidden.docx_link_target, "mobile"),
        ("docx", hidden.docx_glossary, "id_number"),
        ("docx", hidden.docx_custom_xml, "mobile"),
        ("docx", hidden.docx_vml_alt_text, "id_number"),
        ("xlsx", hidden.xlsx_data_validation, "mobile"),
        ("xlsx", hidden.xlsx_sheet_link, "mobile"),
        ("xlsx", hidden.xlsx_pivot_cache, "id_number"),
        ("xlsx", hidden.xlsx_external_link, "mobile"),
        ("xlsx", hidden.xlsx_threaded_comment, "mobile"),
        ("xlsx", hidden.xlsx_chart_cache, "mobile"),
        ("xlsx", hidden.xlsx_unused_shared_string, "id_number"),
        # found by the outside attack
        ("pdf", hidden.pdf_stamp_appearance, "mobile"),
        ("pdf", hidden.pdf_stamp_appearance, "id_number"),
        ("xlsx", hidden.xlsx_number_format, "mobile"),
        ("xlsx", hidden.xlsx_number_format, "id_number"),
        ("xlsx", hidden.xlsx_formula_literals, "mobile"),
        # found by the review of session 38
        ("pdf", hidden.pdf_integer, "mobile"),
        ("pdf", hidden.pdf_private_stream, "mobile"),
        ("docx", hidden.docx_wmf_thumbnail, "mobile"),
        ("xlsx", hidden.xlsx_unlisted_sheet, "mobile"),
        # found by the outside attack of session 62: what an XML parser reports apart from elements' text
        ("docx", hidden.docx_xml_comment, "id_number"),
        ("docx", hidden.docx_processing_instruction, "mobile"),
        ("docx", hidden.docx_text_between_runs, "id_number"),
        ("xlsx", lambda: hidden.xlsx_formula_arithmetic(_TIMES), "mobile"),
        ("xlsx", lambda: hidden.xlsx_formula_arithmetic(_JOINED), "id_number"),
        ("xlsx", lambda: hidden.xlsx_formula_arithmetic(_BRACKETED), "mobile"),
    ],
    ids=lambda value: getattr(value, "__name__", str(value)),
)
def test_personal_data_in_a_hidden_part_is_read(kind, build, found):
    assert found in kinds(kind, build())


@pytest.mark.parametrize(
    ("kind", "build"),
    [
        ("png", hidden.id_card_png),
        ("pdf", hidden.scanned_pdf),
        ("docx", hidden.docx_picture),
        ("xlsx", lambda: hidden.xlsx(picture=True)),
        ("docx", hidden.docx_thumbnail),
        ("pdf", hidden.pdf_stamp_picture),
    ],
    ids=["picture", "scanned-pdf", "picture-in-word", "picture-in-sheet", "thumbnail-outside-media", "stamp-picture"],
)
def test_a_scanned_id_card_is_read_through_ocr_and_flagged(kind, build):
    assert "id_number" in kinds(kind, build())


def test_the_visible_text_is_still_read_and_a_clean_file_finds_nothing():
    text = extract.file_text("docx", hidden.docx("本办法自发布之日起施行。"))
    assert "本办法自发布之日起施行" in text
    assert privacy.scan(text) == []


def test_an_emf_picture_that_paints_a_bitmap_is_unreadable():
    """Review of issue 20: only the EMF's text records were read, so a scan pasted as EMF passed unread."""
    import struct

    emf = struct.pack("<II", 1, 8) + struct.pack("<II", 81, 16) + b"\x00" * 8 + struct.pack("<II", 14, 8)
    with pytest.raises(extract.Unreadable, match="位图"):
        extract.emf_text(emf)


def test_an_emf_picture_s_drawn_text_is_read():
    import struct

    words = f"联系电话{hidden.MOBILE}".encode("utf-16-le")
    chars, start = len(words) // 2, 76
    record = struct.pack("<II", 84, start + len(words)) + b"\x00" * 36 + struct.pack("<II", chars, start)
    record += b"\x00" * (start - len(record)) + words
    emf = struct.pack("<II", 1, 8) + record + struct.pack("<II", 14, 8)
    assert hidden.MOBILE in extract.emf_text(emf)


@pytest.mark.parametrize(
    ("kind", "data", "reason"),
    [
        ("png", hidden.id_card_png()[:200], "图片无法解码"),
        ("docx", hidden.docx_wmf(), "位图"),
        ("docx", hidden.docx(parts={"word/embeddings/oleObject1.bin": b"\xd0\xcf\x11\xe0" + b"\x00" * 60}), "嵌入文件"),
        ("docx", hidden.docx(parts={"word/notes.dat": b"\x00\x01\x02 13805740001"}), "notes.dat"),
    ],
    ids=["truncated-picture", "wmf", "ole-object", "unknown-part"],
)
def test_what_cannot_be_read_is_refused_with_its_reason(kind, data, reason):
    with pytest.raises(extract.Unreadable, match=reason):
        extract.file_text(kind, data)


def test_an_encrypted_pdf_is_refused():
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=100, height=100)
    writer.encrypt("secret")
    out = io.BytesIO()
    writer.write(out)
    with pytest.raises(extract.Unreadable, match="加密"):
        extract.file_text("pdf", out.getvalue())


def test_more_pictures_than_can_be_read_one_by_one_refuse_the_file(monkeypatch):
    monkeypatch.setattr(extract.base, "MAX_PICTURES", 2)
    parts = {f"word/media/image{i}.png": hidden.id_card_png(name) for i, name in enumerate(["张伟", "李娜", "王芳"])}
    with pytest.raises(extract.Unreadable, match="图片超过2张"):
        extract.file_text("docx", hidden.docx(parts=parts))


def test_text_layers_are_read_at_once_and_pictures_left_for_later_counted_once():
    card = hidden.id_card_png()
    repeated = hidden.docx(parts={"word/media/image1.png": card, "word/media/logo.png": card})
    quick = extract.read("docx", repeated, ocr=False)
    assert quick.pictures == 1 and hidden.ID not in quick.text
    seen = []
    full = extract.read("docx", repeated, progress=seen.append)
    assert hidden.ID in full.text and seen == [1]


def test_a_truncated_picture_is_refused_even_where_pillow_loads_truncated_images(monkeypatch):
    """WeasyPrint sets Pillow's LOAD_TRUNCATED_IMAGES for the whole process; a cut-off scan would then be read
    in part and passed."""
    from PIL import Image, ImageFile

    monkeypatch.setattr(ImageFile, "LOAD_TRUNCATED_IMAGES", True)
    card = hidden.id_card_png()
    out = io.BytesIO()
    Image.open(io.BytesIO(card)).convert("RGB").save(out, "JPEG")
    for kind, data in (("png", card[: len(card) // 2]), ("jpeg", out.getvalue()[: len(out.getvalue()) // 2])):
        with pytest.raises(extract.Unreadable, match="图片"):
            extract.file_text(kind, data)


def test_a_picture_too_thin_to_hold_a_line_is_not_given_to_the_detector(monkeypatch):
    """Review: an 85-byte 1000×1 PNG made the detector allocate gigabytes and the worker was killed."""
    from PIL import Image

    from zhengtong.files import ocr

    monkeypatch.setattr(ocr, "_engine", lambda: pytest.fail("the detector was run"))
    out = io.BytesIO()
    Image.new("RGB", (1000, 1), "white").save(out, "PNG")
    assert ocr.image_text(out.getvalue()) == ""


@pytest.mark.parametrize(
    ("value", "number_format"),
    [
        (5740001, '"1380"0000000'),
        (-5740001, '0;"1380"0000000'),
        ("5740001", '"1380"@'),
        (5740001, '[$-804]"1380"0000000'),
        (5740001, '[Color10]"1380"0000000'),
    ],
)
def test_what_a_number_format_shows_is_read_as_shown(value, number_format):
    """Review of issue 20: the negative section, a text section and a bracketed prefix holding a 0 each hid the
    mobile Excel shows."""
    assert extract.displayed(value, number_format) == hidden.MOBILE


def test_a_part_of_many_unclosed_tags_is_read_in_linear_time():
    """Review of issue 20: a 3 KB docx whose custom XML part held 80,000 "<" and no ">" held an upload for 28 s."""
    import time

    started = time.monotonic()
    extract.read("docx", hidden.docx(parts={"customXml/item1.xml": "<" * 300_000}), ocr=False)
    assert time.monotonic() - started < 5


@pytest.mark.parametrize(
    ("parts", "reason"),
    [
        ({"word/fonts/font1.ttf": f"身份证 {hidden.ID}".encode()}, "字体"),
        ({"word/printerSettings/printerSettings1.bin": b"\x00" * 64 + hidden.MOBILE.encode("utf-16-le")}, None),
        ({f"customXml/身份证{hidden.ID}.xml": "<a/>"}, None),
    ],
    ids=["text-named-as-a-font", "printer-settings-past-its-name", "a-part-s-name"],
)
def test_what_a_package_holds_outside_its_parts_words_is_read_or_refused(parts, reason):
    data = hidden.docx(parts=parts)
    if reason:
        with pytest.raises(extract.Unreadable, match=reason):
            extract.file_text("docx", data)
    else:
        assert kinds("docx", data) & {"mobile", "id_number"}


def test_duplicate_part_names_and_entry_comments_are_not_passed_unread():
    import io
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("word/document.xml", "<w:document/>")
        info = zipfile.ZipInfo("customXml/item1.xml")
        info.comment = f"手机 {hidden.MOBILE}".encode()
        z.writestr(info, "<a/>")
    assert "mobile" in kinds("docx", out.getvalue())
    with zipfile.ZipFile(out, "a") as z, pytest.warns(UserWarning):
        z.writestr("word/document.xml", f"<w:document>{hidden.ID}</w:document>")
    with pytest.raises(extract.Unreadable, match="重名"):
        extract.file_text("docx", out.getvalue())


@pytest.mark.parametrize(("kind", "build"), [("docx", hidden.docx_boxed_digits), ("xlsx", hidden.xlsx_boxed_digits)])
def test_a_number_printed_one_digit_to_a_box_is_read_as_one_number(kind, build):
    """Issue 20 (outside attack, session 44): a form's table printed an ID number and a mobile one digit to a cell;
    each cell was read as its own line and the review found nothing."""
    assert {"id_number", "mobile"} <= kinds(kind, build())


def test_boxes_after_text_before_the_table_are_still_read_as_one_number():
    """Review (session 44): the text before a table was read into its first cell, so a row starting with a box
    lost its first digit."""
    rows = "".join(f"<w:tc><w:p><w:r><w:t>{c}</w:t></w:r></w:p></w:tc>" for c in hidden.ID)
    body = f"<w:p><w:r><w:t>个人信息登记表</w:t></w:r></w:p><w:tbl><w:tr>{rows}</w:tr></w:tbl>"
    assert "id_number" in kinds("docx", hidden.docx(document_extra=body))
