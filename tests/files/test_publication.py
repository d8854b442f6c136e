"""The publishing check on files (issue 20, items 1 and 2; 政府信息公开条例 第十五条), as a fresh attack on the
guides' uploads found it (session 65): what a part holds in character references, text read while the pictures
wait, and the name a file is served under."""

from __future__ import annotations

import io

from PIL import Image

from zhengtong import privacy
from zhengtong.files import extract
from zhengtong.files.publication import in_files
from zhengtong.files.services import file_store

from . import hidden


def _blank_png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 20), (255, 255, 255)).save(out, "PNG")
    return out.getvalue()


def test_character_references_in_a_part_that_is_not_well_formed_are_read():
    """A VML drawing read word by word (it is not well-formed XML) kept `&#51;&#51;…` as written, which a reader
    shows as the digits: the ID number was served in a guide's sample."""
    spelt = "".join(f"&#{ord(c)};" for c in hidden.ID)
    vml = f'<xml xmlns:v="urn:schemas-microsoft-com:vml"><v:shape alt="身份证号{spelt}"><br></v:shape></xml>'
    data = hidden.docx(parts={"word/drawings/vmlDrawing1.vml": vml})
    assert hidden.ID in extract.read("docx", data, ocr=False).text


def test_text_read_while_the_pictures_wait_is_checked_at_once(db):
    """A file with an ID number in its text and a picture in it was only "still reading" until the picture was
    read: the check now names what the text already read holds."""
    stored = file_store(
        data=hidden.docx(body=f"申请人身份证号{hidden.ID}", parts={"word/media/image1.png": _blank_png()}),
        name="示例.docx",
    )
    found = in_files([("示例样表", stored, None)], pictures_need_a_person=False)
    assert any(f.blocking for f in found)  # still not published until the picture is read
    assert any(f.kind == privacy.Kind.ID_NUMBER.label and not f.blocking for f in found)


def test_a_stored_file_is_named_with_the_extension_of_what_it_is(db):
    """A workbook uploaded as `a.html` was served as `a.html`; a name cut to fit lost its extension."""
    assert file_store(data=hidden.xlsx(), name="a.html").original_name == "a.xlsx"
    assert file_store(data=hidden.xlsx(), name="表").original_name == "表.xlsx"
    assert file_store(data=hidden.xlsx(), name="x" * 300 + ".xlsx").original_name.endswith(".xlsx")
    assert len(file_store(data=hidden.xlsx(), name="x" * 300 + ".xlsx").original_name) <= 200
    assert file_store(data=hidden.id_card_png(), name="证.PNG").original_name == "证.PNG"


def test_an_attribute_in_single_quotes_or_none_in_a_part_that_is_not_well_formed_is_read():
    """The second attack: the loose reader read only double-quoted attributes."""
    for alt in (f"'身份证号{hidden.ID}'", f"身份证号{hidden.ID}"):
        vml = f'<xml xmlns:v="urn:schemas-microsoft-com:vml"><v:shape alt={alt}><br></v:shape></xml>'
        data = hidden.docx(parts={"word/drawings/vmlDrawing1.vml": vml})
        assert hidden.ID in extract.read("docx", data, ocr=False).text


def test_what_follows_a_names_last_dot_is_kept_unless_it_is_an_extension(db):
    """The review: `通知（2024.3）` was stored as `通知（2024.xlsx`, the text after its dot taken for an extension."""
    assert file_store(data=hidden.xlsx(), name="通知（2024.3）").original_name == "通知（2024.3）.xlsx"
    assert file_store(data=hidden.xlsx(), name="报告1.2").original_name == "报告1.2.xlsx"
    assert file_store(data=hidden.xlsx(), name="附件.王芳").original_name == "附件.王芳.xlsx"
