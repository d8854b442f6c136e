"""PDFs with `ID` or `MOBILE` in one hidden place each."""

from __future__ import annotations

import io

from .common import ID, MOBILE, id_card_png
from .office import xlsx


def scanned_pdf() -> bytes:
    """A PDF with no text layer: one page that is a picture of an ID card."""
    from PIL import Image

    out = io.BytesIO()
    Image.open(io.BytesIO(id_card_png())).save(out, "PDF", resolution=150)
    return out.getvalue()


def _pdf(build) -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=300, height=300)
    build(writer)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def pdf_annotation() -> bytes:
    from pypdf.annotations import Text

    return _pdf(lambda w: w.add_annotation(0, Text(rect=(10, 10, 50, 50), text=f"联系人电话 {MOBILE}")))


def pdf_link() -> bytes:
    from pypdf.annotations import Link

    return _pdf(lambda w: w.add_annotation(0, Link(rect=(10, 10, 50, 50), url=f"tel:{MOBILE}")))


def pdf_form_field() -> bytes:
    from pypdf.generic import ArrayObject, DictionaryObject, NameObject, TextStringObject

    def build(writer):
        field = DictionaryObject(
            {
                NameObject("/FT"): NameObject("/Tx"),
                NameObject("/T"): TextStringObject("身份证号"),
                NameObject("/V"): TextStringObject(ID),
                NameObject("/Type"): NameObject("/Annot"),
                NameObject("/Subtype"): NameObject("/Widget"),
            }
        )
        ref = writer._add_object(field)
        writer.pages[0][NameObject("/Annots")] = ArrayObject([ref])
        writer._root_object[NameObject("/AcroForm")] = DictionaryObject({NameObject("/Fields"): ArrayObject([ref])})

    return _pdf(build)


def pdf_metadata() -> bytes:
    return _pdf(lambda w: w.add_metadata({"/Subject": f"申请人手机 {MOBILE}"}))


def pdf_embedded_sheet() -> bytes:
    return _pdf(lambda w: w.add_attachment("名单.xlsx", xlsx(veryhidden=True)))


def pdf_outline() -> bytes:
    return _pdf(lambda w: w.add_outline_item(title=f"附：联系人手机 {MOBILE}", page_number=0))


def _stream(writer, data: bytes, **entries):
    from pypdf.generic import DecodedStreamObject, NameObject

    stream = DecodedStreamObject()
    stream.set_data(data)
    for key, value in entries.items():
        stream[NameObject(f"/{key}")] = value
    return writer._add_object(stream)


def pdf_revised() -> bytes:
    """A PDF whose incremental update removed an annotation with a mobile in it: the earlier revision, and the
    number, are still in the file (a redaction done by deleting)."""
    from pypdf import PdfWriter
    from pypdf.annotations import Text

    noted = _pdf(lambda w: w.add_annotation(0, Text(rect=(10, 10, 50, 50), text=f"tel {MOBILE}")))
    update = PdfWriter(io.BytesIO(noted), incremental=True)
    del update.pages[0]["/Annots"]
    out = io.BytesIO()
    update.write(out)
    return out.getvalue()


def pdf_xmp() -> bytes:
    from pypdf.generic import NameObject

    xmp = (
        '<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/">'
        f"<dc:description>申请人手机 {MOBILE}</dc:description></x:xmpmeta>"
    ).encode()

    def build(writer):
        ref = _stream(writer, xmp, Type=NameObject("/Metadata"), Subtype=NameObject("/XML"))
        writer._root_object[NameObject("/Metadata")] = ref

    return _pdf(build)


def pdf_attachment_annotation() -> bytes:
    """A file pinned to the page as an annotation (a paper clip icon), not listed among the document's files."""
    from pypdf.generic import ArrayObject, DictionaryObject, FloatObject, NameObject, TextStringObject

    def build(writer):
        sheet = _stream(writer, xlsx(veryhidden=True), Type=NameObject("/EmbeddedFile"))
        spec = DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Filespec"),
                NameObject("/F"): TextStringObject("名单.xlsx"),
                NameObject("/EF"): DictionaryObject({NameObject("/F"): sheet}),
            }
        )
        annotation = DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Annot"),
                NameObject("/Subtype"): NameObject("/FileAttachment"),
                NameObject("/Rect"): ArrayObject([FloatObject(v) for v in (10, 10, 30, 30)]),
                NameObject("/FS"): writer._add_object(spec),
            }
        )
        writer.pages[0][NameObject("/Annots")] = ArrayObject([writer._add_object(annotation)])

    return _pdf(build)


def pdf_stamp_appearance() -> bytes:
    """A stamp annotation with no text of its own, whose appearance draws the numbers: a viewer shows them."""
    from pypdf.generic import ArrayObject, DictionaryObject, FloatObject, NameObject

    def build(writer):
        font = DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Font"),
                NameObject("/Subtype"): NameObject("/Type1"),
                NameObject("/BaseFont"): NameObject("/Helvetica"),
            }
        )
        resources = DictionaryObject(
            {NameObject("/Font"): DictionaryObject({NameObject("/F1"): writer._add_object(font)})}
        )
        drawn = f"BT /F1 10 Tf 2 10 Td (Tel {MOBILE} ID {ID}) Tj ET".encode()
        box = ArrayObject([FloatObject(v) for v in (0, 0, 200, 30)])
        appearance = _stream(
            writer, drawn, Type=NameObject("/XObject"), Subtype=NameObject("/Form"), BBox=box, Resources=resources
        )
        annotation = DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Annot"),
                NameObject("/Subtype"): NameObject("/Stamp"),
                NameObject("/Rect"): ArrayObject([FloatObject(v) for v in (10, 10, 210, 40)]),
                NameObject("/AP"): DictionaryObject({NameObject("/N"): appearance}),
            }
        )
        writer.pages[0][NameObject("/Annots")] = ArrayObject([writer._add_object(annotation)])

    return _pdf(build)


def pdf_stamp_picture() -> bytes:
    """A stamp annotation whose appearance shows a picture of an ID card: no page uses the picture."""
    from PIL import Image
    from pypdf.generic import ArrayObject, DictionaryObject, FloatObject, NameObject, NumberObject

    jpeg = io.BytesIO()
    Image.open(io.BytesIO(id_card_png())).convert("RGB").save(jpeg, "JPEG", quality=90)

    def build(writer):
        card = _stream(
            writer,
            jpeg.getvalue(),
            Type=NameObject("/XObject"),
            Subtype=NameObject("/Image"),
            Width=NumberObject(856),
            Height=NumberObject(540),
            ColorSpace=NameObject("/DeviceRGB"),
            BitsPerComponent=NumberObject(8),
            Filter=NameObject("/DCTDecode"),
        )
        resources = DictionaryObject({NameObject("/XObject"): DictionaryObject({NameObject("/Im1"): card})})
        box = ArrayObject([FloatObject(v) for v in (0, 0, 856, 540)])
        appearance = _stream(
            writer,
            b"q 856 0 0 540 0 0 cm /Im1 Do Q",
            Type=NameObject("/XObject"),
            Subtype=NameObject("/Form"),
            BBox=box,
            Resources=resources,
        )
        annotation = DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Annot"),
                NameObject("/Subtype"): NameObject("/Stamp"),
                NameObject("/Rect"): ArrayObject([FloatObject(v) for v in (10, 10, 290, 190)]),
                NameObject("/AP"): DictionaryObject({NameObject("/N"): appearance}),
            }
        )
        writer.pages[0][NameObject("/Annots")] = ArrayObject([writer._add_object(annotation)])

    return _pdf(build)


def pdf_integer() -> bytes:
    from pypdf.generic import NameObject, NumberObject

    return _pdf(lambda w: w._root_object.__setitem__(NameObject("/Phone"), NumberObject(int(MOBILE))))


def pdf_private_stream() -> bytes:
    """A stream of no declared kind hung off the catalogue (an editor's private data)."""
    from pypdf.generic import NameObject

    def build(writer):
        writer._root_object[NameObject("/PieceInfo")] = _stream(writer, f"联系电话 {MOBILE}".encode())

    return _pdf(build)
