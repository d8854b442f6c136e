"""Files that carry personal data where a reader of the page does not see it, built in memory (issue 20, item 2):
each builder puts `ID` or `MOBILE` in one hidden place of one format."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

ID = "330206199003071231"  # a valid check digit: the detector reads no other
MOBILE = "13805740001"
FONT = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")  # fonts-noto-cjk, installed by .ci/run

W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
WP_NS = 'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"'
A_NS = 'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"'


def id_card_png(name: str = "张伟") -> bytes:
    """A scanned ID card, as far as OCR is concerned: the six lines of its face."""
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype(str(FONT), 28)
    image = Image.new("RGB", (856, 540), (235, 240, 245))
    draw = ImageDraw.Draw(image)
    lines = [f"姓名 {name}", "性别 男  民族 汉", "出生 1990年3月7日", "住址 浙江省宁波市北仑区", "新碶街道明州路188号"]
    for i, line in enumerate([*lines, f"公民身份号码 {ID}"]):
        draw.text((40, 40 + i * 70), line, fill=(20, 20, 20), font=font)
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


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


def docx(body: str = "请各单位按时报送。", *, document_extra: str = "", parts: dict | None = None) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr(
            "word/document.xml",
            f"<w:document {W_NS} {WP_NS} {A_NS}><w:body><w:p><w:r><w:t>{body}</w:t></w:r></w:p>"
            f"{document_extra}</w:body></w:document>",
        )
        for name, content in (parts or {}).items():
            z.writestr(name, content)
    return out.getvalue()


def docx_tracked_deletion() -> bytes:
    return docx(document_extra=f"<w:p><w:del><w:r><w:delText>联系电话{MOBILE}</w:delText></w:r></w:del></w:p>")


def docx_field_code() -> bytes:
    return docx(document_extra=f'<w:p><w:r><w:instrText> HYPERLINK "tel:{MOBILE}" </w:instrText></w:r></w:p>')


def docx_alt_text() -> bytes:
    return docx(document_extra=f'<w:p><w:r><wp:docPr id="1" name="图片 1" descr="申请人身份证 {ID}"/></w:r></w:p>')


def docx_text_box() -> bytes:
    box = f"<w:txbxContent><w:p><w:r><w:t>身份证号：{ID}</w:t></w:r></w:p></w:txbxContent>"
    return docx(document_extra=f"<w:p><w:r>{box}</w:r></w:p>")


def docx_custom_property() -> bytes:
    custom = (
        '<Properties xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
        f'<property name="经办人手机"><vt:lpwstr>{MOBILE}</vt:lpwstr></property></Properties>'
    )
    return docx(parts={"docProps/custom.xml": custom})


def docx_core_property() -> bytes:
    core = f"<cp:coreProperties><dc:subject>身份证号 {ID}</dc:subject></cp:coreProperties>"
    return docx(parts={"docProps/core.xml": core})


def docx_picture() -> bytes:
    return docx(parts={"word/media/image1.png": id_card_png()})


def docx_embedded_sheet() -> bytes:
    return docx(parts={"word/embeddings/Microsoft_Excel_Worksheet.xlsx": xlsx(veryhidden=True)})


def docx_wmf() -> bytes:
    return docx(parts={"word/media/image1.wmf": b"\xd7\xcd\xc6\x9a" + b"\x00" * 40})


def xlsx(*, veryhidden=False, defined_name=False, header=False, formula=False, title=False, picture=False) -> bytes:
    from openpyxl import Workbook
    from openpyxl.drawing.image import Image as SheetImage
    from openpyxl.workbook.defined_name import DefinedName

    book = Workbook()
    sheet = book.active
    sheet.append(["事项", "数量"])
    sheet.append(["低保", 3])
    if veryhidden:
        hidden = book.create_sheet("名单")
        hidden.append(["姓名", "身份证号"])
        hidden.append(["张伟", ID])
        hidden.sheet_state = "veryHidden"
    if defined_name:
        book.defined_names["联系人"] = DefinedName("联系人", attr_text=f'"{MOBILE}"')
    if header:
        sheet.oddFooter.center.text = f"经办人 {MOBILE}"
    if formula:
        sheet["C2"] = f'=IF(B2>0,"{MOBILE}","")'
    if title:
        book.properties.title = f"联系人手机 {MOBILE}"
    if picture:
        sheet.add_image(SheetImage(io.BytesIO(id_card_png())), "E5")
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
