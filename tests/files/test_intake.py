"""Upload intake: type by magic bytes, size and zip limits, no macros, metadata stripped, stored by hash."""

from __future__ import annotations

import pytest

from zhengtong.files import intake
from zhengtong.files.services import file_open, file_store

from . import samples


def _refused(data: bytes) -> str:
    with pytest.raises(intake.FileRefused) as info:
        intake.clean(data)
    return info.value.code


def test_an_executable_renamed_pdf_is_refused():
    assert _refused(samples.EXE) == "FILE_TYPE"


def test_oversize_is_refused(monkeypatch):
    monkeypatch.setattr(intake, "MAX_BYTES", 100)
    assert _refused(samples.pdf()) == "FILE_TOO_LARGE"


def test_a_zip_bomb_is_refused():
    assert _refused(samples.zip_bomb()) == "FILE_ZIP_BOMB"


def test_a_macro_document_is_refused():
    assert _refused(samples.docx(macro=True)) == "FILE_MACRO"


def test_empty_and_corrupt_files_are_refused():
    assert _refused(b"") == "FILE_EMPTY"
    assert _refused(b"%PDF-1.7 nonsense") == "FILE_CORRUPT"
    assert _refused(b"PK\x03\x04broken") == "FILE_CORRUPT"


def test_pdf_metadata_is_stripped():
    from io import BytesIO

    from pypdf import PdfReader

    cleaned = intake.clean(samples.pdf(author="张三"))
    assert cleaned.kind == "pdf"
    meta = PdfReader(BytesIO(cleaned.content)).metadata
    assert not meta or "/Author" not in meta


def test_jpeg_exif_and_png_text_are_stripped():
    jpeg = intake.clean(samples.jpeg_with_exif())
    assert jpeg.kind == "jpeg" and b"GPS" not in jpeg.content and b"JFIF" in jpeg.content
    png = intake.clean(samples.png_with_text())
    assert png.kind == "png" and b"Zhang San" not in png.content and b"IDAT" in png.content


def test_docx_author_is_stripped_and_the_content_kept():
    import io
    import zipfile

    cleaned = intake.clean(samples.docx(creator="张三"))
    archive = zipfile.ZipFile(io.BytesIO(cleaned.content))
    assert "张三" not in archive.read("docProps/core.xml").decode()
    assert "营业执照复印件" in archive.read("word/document.xml").decode()


def test_every_document_property_a_person_may_be_named_in_is_stripped():
    """Issue 20 (outside attack, session 48): a docx published with its title, its manager and a custom property
    naming people the detector did not know as names; nothing of a file's properties is shown by the portal, so
    none is kept, rather than left to the detector."""
    import io
    import zipfile

    from .hidden.office import docx

    core = (
        "<cp:coreProperties><dc:title>雷星朵</dc:title><dc:subject>孟繁星</dc:subject><cp:category>刘星</cp:category>"
        "<cp:contentStatus>卓玛次仁</cp:contentStatus><dc:creator>张书豪</dc:creator></cp:coreProperties>"
    )
    app = "<Properties><Manager>张书豪</Manager><Company>某公司</Company><Pages>1</Pages></Properties>"
    custom = (
        '<Properties xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
        '<property name="作者"><vt:lpwstr>孟繁星</vt:lpwstr></property></Properties>'
    )
    cleaned = intake.clean(
        docx(parts={"docProps/core.xml": core, "docProps/app.xml": app, "docProps/custom.xml": custom})
    )
    archive = zipfile.ZipFile(io.BytesIO(cleaned.content))
    kept = "".join(archive.read(f"docProps/{part}.xml").decode() for part in ("core", "app", "custom"))
    for name in ("雷星朵", "孟繁星", "刘星", "卓玛次仁", "张书豪", "某公司", "作者"):
        assert name not in kept, name
    assert "<Pages>1</Pages>" in kept


def test_stored_outside_the_web_root_by_hash(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    stored = file_store(data=samples.png_with_text(), name="../../etc/照片.png")
    assert stored.original_name == "照片.png"  # no path from the client survives
    assert stored.path.startswith("uploads/") and stored.sha256 in stored.path
    assert file_open(stored).startswith(b"\x89PNG")


def test_a_document_with_a_bad_checksum_is_refused_not_a_500():
    """Issue 21, item 6 and issue 20 (bad input): a docx whose member fails its CRC answered 500 when its text was
    read; what cannot be read is refused with its reason."""
    data = samples.docx()
    assert "营业执照".encode() in data  # stored, not deflated: one changed character breaks the CRC
    assert _refused(data.replace("营业执照".encode(), "营业执造".encode(), 1)) == "FILE_CORRUPT"


def test_a_truncated_document_is_refused():
    assert _refused(samples.docx()[:-40]) == "FILE_CORRUPT"


def _kinds_read(kind: str, data: bytes) -> set[str]:
    from zhengtong import privacy
    from zhengtong.files import extract

    return {f.kind.value for f in privacy.scan(extract.file_text(kind, data))}


def test_what_stripping_takes_from_a_pdf_is_gone_from_its_bytes():
    """Review of issue 20: the XMP packet was unhooked from the catalogue but its object still written, where any
    PDF tool finds it and the privacy reader, following the catalogue, did not."""
    from . import hidden

    assert hidden.MOBILE.encode() not in intake.clean(hidden.pdf_xmp()).content


def test_an_earlier_revision_of_a_pdf_is_not_stored():
    """A PDF saved with an incremental update keeps what the update removed (a redaction done by deleting an
    annotation); the stored file is written afresh from the last revision."""
    from . import hidden

    revised = hidden.pdf_revised()
    assert hidden.MOBILE.encode() in revised
    assert hidden.MOBILE.encode() not in intake.clean(revised).content


def test_a_pdf_s_attached_files_stay_and_are_read():
    """They used to be unhooked from the catalogue (with the scripts beside them) but stay in the bytes, unread."""
    from . import hidden

    cleaned = intake.clean(hidden.pdf_embedded_sheet()).content
    assert "id_number" in _kinds_read("pdf", cleaned)


def test_a_pdf_s_scripts_are_removed():
    import io

    from pypdf import PdfReader
    from pypdf.generic import ArrayObject, DictionaryObject, NameObject, TextStringObject

    from . import hidden

    def build(writer):
        script = DictionaryObject(
            {NameObject("/S"): NameObject("/JavaScript"), NameObject("/JS"): TextStringObject("app.alert(1);")}
        )
        tree = DictionaryObject(
            {NameObject("/Names"): ArrayObject([TextStringObject("on"), writer._add_object(script)])}
        )
        writer._root_object[NameObject("/Names")] = DictionaryObject({NameObject("/JavaScript"): tree})

    cleaned = intake.clean(hidden._pdf(build)).content
    assert b"app.alert" not in cleaned
    names = PdfReader(io.BytesIO(cleaned)).trailer["/Root"].get("/Names")
    assert names is None or "/JavaScript" not in names.get_object()


def test_a_pdf_built_to_break_the_parser_is_refused_not_a_500():
    """Review of issue 20: a chain of 1,500 references made the rewrite recurse past Python's limit, and the
    error escaped as a 500."""
    from pypdf.generic import ArrayObject, NameObject

    from . import hidden

    def build(writer):
        ref = writer._add_object(ArrayObject())
        for _ in range(1500):
            ref = writer._add_object(ArrayObject([ref]))
        writer._root_object[NameObject("/Chain")] = ref

    assert _refused(hidden._pdf(build)) == "FILE_CORRUPT"


def test_a_file_embedded_in_another_is_stored_as_it_would_be_alone():
    """Review of issue 20: a PDF whose incremental update removed an ID number was written afresh when uploaded
    alone, but kept its earlier revision when embedded in a docx, where the reader, reading the newest revision,
    did not see it."""
    import io
    import zipfile

    from pypdf import PdfReader

    from . import hidden

    revised = hidden.pdf_revised()
    in_word = intake.clean(hidden.docx(parts={"word/embeddings/report.pdf": revised})).content
    assert hidden.MOBILE.encode() not in zipfile.ZipFile(io.BytesIO(in_word)).read("word/embeddings/report.pdf")
    in_pdf = intake.clean(hidden._pdf(lambda w: w.add_attachment("report.pdf", revised))).content
    (attached,) = PdfReader(io.BytesIO(in_pdf)).attachments["report.pdf"]
    assert attached.startswith(b"%PDF") and hidden.MOBILE.encode() not in attached


def _with_media(office: bytes, media: dict[str, bytes]) -> bytes:
    import io
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(office)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            target.writestr(info, source.read(info))
        for name, data in media.items():
            target.writestr(name, data)
    return out.getvalue()


def test_pictures_inside_a_document_lose_their_metadata_as_uploaded_pictures_do():
    """Issue 20 (outside attack, session 44): a picture in a docx kept its EXIF and PNG text (an ID number, a
    mobile, a name), published with the document; only a picture uploaded alone was stripped."""
    import io
    import zipfile

    office = _with_media(
        samples.docx(),
        {"word/media/image1.jpeg": samples.jpeg_with_exif(), "word/media/image2.png": samples.png_with_text()},
    )
    with zipfile.ZipFile(io.BytesIO(intake.clean(office).content)) as stored:
        assert b"GPS" not in stored.read("word/media/image1.jpeg")
        assert b"Zhang San" not in stored.read("word/media/image2.png")
        assert b"IDAT" in stored.read("word/media/image2.png")


@pytest.mark.parametrize("as_array", [False, True])
def test_a_jpeg_picture_inside_a_pdf_loses_its_metadata(as_array):
    import io

    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import (
        ArrayObject,
        DecodedStreamObject,
        DictionaryObject,
        NameObject,
        NumberObject,
        StreamObject,
    )

    writer = PdfWriter()
    page = writer.add_blank_page(200, 200)
    picture = StreamObject()
    picture._data = samples.jpeg_with_exif()
    picture.update(
        {
            NameObject("/Type"): NameObject("/XObject"),
            NameObject("/Subtype"): NameObject("/Image"),
            NameObject("/Width"): NumberObject(1),
            NameObject("/Height"): NumberObject(1),
            NameObject("/ColorSpace"): NameObject("/DeviceGray"),
            NameObject("/BitsPerComponent"): NumberObject(8),
            NameObject("/Filter"): ArrayObject([NameObject("/DCTDecode")]) if as_array else NameObject("/DCTDecode"),
        }
    )
    page[NameObject("/Resources")] = DictionaryObject(
        {NameObject("/XObject"): DictionaryObject({NameObject("/Im1"): writer._add_object(picture)})}
    )
    drawing = DecodedStreamObject()
    drawing.set_data(b"q 1 0 0 1 0 0 cm /Im1 Do Q")
    page[NameObject("/Contents")] = writer._add_object(drawing)
    out = io.BytesIO()
    writer.write(out)
    assert b"GPS" in out.getvalue()
    stored = intake.clean(out.getvalue()).content
    assert b"GPS" not in stored
    image = PdfReader(io.BytesIO(stored)).pages[0]["/Resources"]["/XObject"]["/Im1"].get_object()
    assert image._data.startswith(b"\xff\xd8") and b"JFIF" in image._data
