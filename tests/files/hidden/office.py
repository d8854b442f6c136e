"""docx and xlsx with `ID` or `MOBILE` in one hidden place each, and Windows metafiles."""

from __future__ import annotations

import io
import zipfile

from .common import ID, MOBILE, id_card_png

W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
WP_NS = 'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"'
A_NS = 'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"'


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


def docx_xml_comment() -> bytes:
    return docx(document_extra=f"<!-- 申请人身份证号{ID} -->")


def docx_processing_instruction() -> bytes:
    return docx(document_extra=f"<?zt 手机{MOBILE}?>")


def docx_text_between_runs() -> bytes:
    """Text standing in a paragraph outside any run (mixed content): no word processor shows it, the file holds it."""
    return docx(document_extra=f"<w:p><w:r><w:t>见附件</w:t></w:r>身份证号{ID}</w:p>")


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


def wmf(*records: tuple[int, bytes]) -> bytes:
    """A WMF picture: the placeable header, the standard header (nine words), the records, the end record."""
    import struct

    body = b"".join(struct.pack("<IH", 3 + len(params) // 2, function) + params for function, params in records)
    body += struct.pack("<IH", 3, 0)
    header = struct.pack("<HHHIHIH", 1, 9, 0x0300, (18 + len(body)) // 2, 0, 0, 0)
    return b"\xd7\xcd\xc6\x9a" + b"\x00" * 18 + header + body


def wmf_text_record(text: str) -> tuple[int, bytes]:
    import struct

    raw = text.encode("gb18030")
    raw += b"\x00" * (len(raw) % 2)
    return 0x0521, struct.pack("<H", len(text.encode("gb18030"))) + raw + struct.pack("<HH", 10, 10)


def docx_wmf() -> bytes:
    """A WMF picture that paints a bitmap (META_STRETCHDIB): its pixels are no text."""
    return docx(parts={"word/media/image1.wmf": wmf((0x0F43, b"\x00" * 24))})


def docx_wmf_thumbnail() -> bytes:
    """Office's thumbnail as WMF, with a line of the first page drawn as text."""
    return docx(parts={"docProps/thumbnail.wmf": wmf(wmf_text_record(f"联系电话 {MOBILE}"))})


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


S_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"


LINK_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"


def with_parts(data: bytes, parts: dict) -> bytes:
    """The package with parts added or replaced."""
    source, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            if info.filename not in parts:
                target.writestr(info, source.read(info))
        for name, content in parts.items():
            target.writestr(name, content)
    return out.getvalue()


def docx_simple_field() -> bytes:
    field = f'<w:fldSimple w:instr=" HYPERLINK &quot;tel:{MOBILE}&quot; "><w:r><w:t>联系我们</w:t></w:r></w:fldSimple>'
    return docx(document_extra=f"<w:p>{field}</w:p>")


def docx_deleted_field_code() -> bytes:
    code = f'<w:delInstrText> HYPERLINK "tel:{MOBILE}</w:delInstrText></w:r><w:r><w:delInstrText>" </w:delInstrText>'
    return docx(document_extra=f"<w:p><w:del><w:r>{code}</w:r></w:del></w:p>")


def docx_link_target() -> bytes:
    rels = (
        f'<Relationships xmlns="{RELS_NS}"><Relationship Id="rId9" Type="{LINK_TYPE}" '
        f'Target="tel:{MOBILE}" TargetMode="External"/></Relationships>'
    )
    return docx(parts={"word/_rels/document.xml.rels": rels})


def docx_glossary() -> bytes:
    body = f"<w:docPartBody><w:p><w:r><w:t>身份证号：</w:t></w:r><w:r><w:t>{ID}</w:t></w:r></w:p></w:docPartBody>"
    return docx(parts={"word/glossary/document.xml": f"<w:glossaryDocument {W_NS}>{body}</w:glossaryDocument>"})


def docx_custom_xml() -> bytes:
    return docx(parts={"customXml/item1.xml": f"<申请表><联系电话>{MOBILE}</联系电话></申请表>"})


def docx_vml_alt_text() -> bytes:
    shape = f'<w:pict><v:shape xmlns:v="urn:schemas-microsoft-com:vml" alt="申请人身份证 {ID}"/></w:pict>'
    return docx(document_extra=f"<w:p><w:r>{shape}</w:r></w:p>")


def docx_thumbnail() -> bytes:
    """Office saves a picture of the first page as the file's thumbnail, outside word/media."""
    return docx(parts={"docProps/thumbnail.png": id_card_png()})


def xlsx_data_validation() -> bytes:
    from openpyxl import Workbook
    from openpyxl.worksheet.datavalidation import DataValidation

    book = Workbook()
    rule = DataValidation(type="list", formula1='"是,否"', prompt=f"不清楚请问经办人 {MOBILE}", showInputMessage=True)
    book.active.add_data_validation(rule)
    rule.add("B2")
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def xlsx_sheet_link() -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    book.active["A1"] = "联系我们"
    book.active["A1"].hyperlink = f"tel:{MOBILE}"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def xlsx_pivot_cache() -> bytes:
    """A pivot table keeps the rows it was made from, after the source sheet is deleted."""
    records = f'<pivotCacheRecords xmlns="{S_NS}"><r><s v="张伟"/><s v="{ID}"/></r></pivotCacheRecords>'
    return with_parts(xlsx(), {"xl/pivotCache/pivotCacheRecords1.xml": records})


def xlsx_external_link() -> bytes:
    cell = f'<cell r="A1" t="str"><v>{MOBILE}</v></cell>'
    book = f'<externalBook><sheetDataSet><sheetData sheetId="0"><row r="1">{cell}</row></sheetData></sheetDataSet>'
    part = f'<externalLink xmlns="{S_NS}">{book}</externalBook></externalLink>'
    return with_parts(xlsx(), {"xl/externalLinks/externalLink1.xml": part})


def xlsx_threaded_comment() -> bytes:
    ns = "http://schemas.microsoft.com/office/spreadsheetml/2018/threadedcomments"
    part = f'<ThreadedComments xmlns="{ns}"><threadedComment ref="A1"><text>回电 {MOBILE}</text></threadedComment>'
    return with_parts(xlsx(), {"xl/threadedComments/threadedComment1.xml": part + "</ThreadedComments>"})


def xlsx_chart_cache() -> bytes:
    ns = 'xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart"'
    cache = f'<c:strCache><c:pt idx="0"><c:v>{MOBILE}</c:v></c:pt></c:strCache>'
    part = (
        f"<c:chartSpace {ns}><c:chart><c:ser><c:tx><c:strRef>{cache}</c:strRef></c:tx></c:ser></c:chart></c:chartSpace>"
    )
    return with_parts(xlsx(), {"xl/charts/chart1.xml": part})


def xlsx_unused_shared_string() -> bytes:
    """Strings no cell points at (the workbook does not even list the part): Excel drops them on saving, another
    tool may not."""
    strings = f'<sst xmlns="{S_NS}" count="1" uniqueCount="1"><si><t>{ID}</t></si></sst>'
    return with_parts(xlsx(), {"xl/sharedStrings.xml": strings})


def xlsx_number_format() -> bytes:
    """Cells whose number format writes the first digits: Excel shows 13805740001 for 5740001."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["序号", "号码"])
    sheet.append([1, int(MOBILE[4:])])
    sheet["B2"].number_format = f'"{MOBILE[:4]}"0000000'
    sheet.append([2, int(ID[6:])])
    sheet["B3"].number_format = f'"{ID[:6]}"000000000000'
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def xlsx_formula_literals() -> bytes:
    """A formula that joins the pieces of a number, saved without its result (Excel works it out on opening)."""
    from openpyxl import Workbook

    book = Workbook()
    book.active["A1"] = f'=CONCATENATE("{MOBILE[:3]}","{MOBILE[3:7]}","{MOBILE[7:]}")'
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def xlsx_formula_arithmetic(formula: str) -> bytes:
    """A formula that computes a number from pieces, saved without its result (outside attack, session 62)."""
    from openpyxl import Workbook

    book = Workbook()
    book.active["A1"] = formula
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def xlsx_unlisted_sheet() -> bytes:
    """A worksheet part the workbook does not list: no spreadsheet program opens it, the file still holds it."""
    cells = f'<sheetData><row r="1"><c r="A1"><v>{MOBILE}</v></c></row></sheetData>'
    return with_parts(xlsx(), {"xl/worksheets/sheet9.xml": f'<worksheet xmlns="{S_NS}">{cells}</worksheet>'})


def docx_boxed_digits() -> bytes:
    """An ID number and a mobile printed one digit to a box, as a form's table prints them."""

    def row(label: str, value: str) -> str:
        cells = "".join(f"<w:tc><w:p><w:r><w:t>{c}</w:t></w:r></w:p></w:tc>" for c in [label, *value])
        return f"<w:tr>{cells}</w:tr>"

    return docx(document_extra=f"<w:tbl>{row('身份证号码', ID)}{row('联系电话', MOBILE)}</w:tbl>")


def xlsx_boxed_digits() -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["申请表"])
    sheet.append(["身份证号码", *ID])
    sheet.append(["联系电话", *MOBILE])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
