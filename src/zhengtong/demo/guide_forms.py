"""Blank application forms and filled-in samples for the demo's service guides (办事指南: 空白表格 and 示例样表),
made as real spreadsheets and stored through the files intake like any upload."""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side

from zhengtong.approvals.models import Material, ServiceItem
from zhengtong.files.services import file_store

APPLICATION_FORMS = ("申请书", "申请表")
SAMPLE_VALUES = {
    "unit_name": "宁波港城贸易有限公司",
    "address": "北仑区新碶街道明州路***号",
    "scale": "12",
    "reason": "因工作调动，申请办理相关手续。",
}
# A sample is published with the guide, so its example person and address are written masked, as the guide check
# requires (approvals/guide_privacy.py): a realistic name, mobile or house number here would keep the sample from
# being served (明州路 188 号, spaced out, was read as an address from session 44 on).
COMMON_ROWS = [("申请人（签名或盖章）", "王**"), ("联系电话", "138****0000"), ("申请日期", "2026年11月20日")]


def _sheet(item: ServiceItem, values: dict[str, str] | None) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "申请表"
    title = f"{item.name}申请表" + ("（示例）" if values is not None else "")
    sheet.append([title])
    sheet.merge_cells("A1:C1")
    sheet["A1"].font = Font(size=14, bold=True)
    sheet["A1"].alignment = Alignment(horizontal="center")
    sheet.append(["事项编码", item.code, ""])
    sheet.append(["项目", "填写内容", "填写说明"])
    thin = Side(style="thin")
    rows = [(f.label, (values or {}).get(f.key, ""), "必填" if f.required else "选填") for f in item.fields.all()]
    rows += [(label, example if values is not None else "", "必填") for label, example in COMMON_ROWS]
    for row in rows:
        sheet.append(list(row))
    for line in sheet.iter_rows(min_row=3, max_row=sheet.max_row):
        for cell in line:
            cell.border = Border(left=thin, right=thin, top=thin, bottom=thin)
    sheet.column_dimensions["A"].width, sheet.column_dimensions["B"].width, sheet.column_dimensions["C"].width = (
        24,
        40,
        12,
    )
    sheet.append([])
    sheet.append([f"受理部门：{item.lead_department.name}　咨询电话：{item.phone}"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def attach_forms(items: list[ServiceItem]) -> int:
    """Every item's application form material gets a blank form and a sample; returns how many materials."""
    done = 0
    for material in Material.objects.filter(
        item__in=items, name__in=APPLICATION_FORMS, blank_form__isnull=True
    ).select_related("item__lead_department"):
        item = material.item
        material.blank_form = file_store(data=_sheet(item, None), name=f"{item.name}申请表（空白）.xlsx")
        material.sample = file_store(data=_sheet(item, SAMPLE_VALUES), name=f"{item.name}申请表（示例）.xlsx")
        material.save(update_fields=["blank_form", "sample"])
        done += 1
    return done
