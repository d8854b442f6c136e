"""Catalogue maintenance: versioned guide edits, Excel round trip, row-level errors, nothing half-imported."""

from __future__ import annotations

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from zhengtong.approvals.models import GuideVersion, ServiceItem

from .. import factories as f
from ..downloads import body


def _head_of_a(district):
    role = f.role("dept_head", "department_and_below")
    return f.staff("head_a", "赵六", district["A"], role)


def _edit_data(page) -> dict:
    """What the edit page would post back unchanged: the guide, and both formsets with their rows."""
    form = page.context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None and k in form.fields}
    for flag in ("for_citizens", "for_legal_persons", "for_investors", "online", "published"):
        if not data.get(flag):
            data.pop(flag, None)
    for key in ("materials", "fields"):
        formset = page.context[key]
        for name, value in formset.management_form.initial.items():
            data[f"{formset.prefix}-{name}"] = value
        for sub in formset.forms:
            for name, field in sub.fields.items():
                value = sub.initial.get(name, field.initial)
                if hasattr(value, "pk"):
                    value = value.pk
                if value is not None and value is not False and value != "":  # 0 is a value (the order)
                    data[f"{sub.prefix}-{name}"] = value
    return data


def test_a_guide_edit_is_a_new_version_and_the_old_one_is_kept(verified_client, district, item):
    client = verified_client(_head_of_a(district))
    page = client.get(reverse("workbench_approvals:item", args=[item.code]))
    data = _edit_data(page)
    data.update({"committed_limit": 8, "fee": "不收费（依据：浙价费〔2026〕1号）"})
    response = client.post(reverse("workbench_approvals:item", args=[item.code]), data)
    assert response.status_code == 302, response.context["form"].errors if response.context else ""
    item.refresh_from_db()
    assert item.version == 2 and item.committed_limit == 8
    versions = list(GuideVersion.objects.filter(item=item).order_by("version"))
    assert [v.version for v in versions] == [1, 2]
    assert versions[0].snapshot["committed_limit"] == 10 and versions[1].snapshot["committed_limit"] == 8


def test_materials_and_fields_are_edited_in_the_workbench_and_versioned(verified_client, district, item):
    client = verified_client(_head_of_a(district))
    page = client.get(reverse("workbench_approvals:item", args=[item.code]))
    assert "有需要修改的地方" not in page.content.decode(), "a form not yet sent has nothing to correct"
    data = _edit_data(page)
    extra = page.context["materials"].forms[-1].prefix  # the empty row for a new material
    data.update(
        {
            f"{extra}-name": "食品安全管理制度",
            f"{extra}-form": "original",
            f"{extra}-copies": 1,
            f"{extra}-medium": "electronic",
            f"{extra}-order": 3,
            f"{extra}-required": "on",
        }
    )
    response = client.post(reverse("workbench_approvals:item", args=[item.code]), data)
    assert response.status_code == 302, response.context["materials"].errors if response.context else ""
    item.refresh_from_db()
    assert item.materials.filter(name="食品安全管理制度", required=True).exists() and item.version == 2
    latest = GuideVersion.objects.filter(item=item).order_by("-version").first()
    assert "食品安全管理制度" in [m["name"] for m in latest.snapshot["materials"]]


def test_export_then_import_round_trips(verified_client, district, item):
    client = verified_client(_head_of_a(district))
    exported = client.get(reverse("workbench_approvals:catalogue"), {"format": "xlsx"})
    book = load_workbook(io.BytesIO(body(exported)))
    assert book["事项"].cell(2, 1).value == item.code
    assert {r[1] for r in book["材料"].iter_rows(min_row=2, values_only=True)} == {"营业执照", "场所平面图"}
    book["事项"].cell(2, 2).value = "食品经营许可（含网络经营）"
    buffer = io.BytesIO()
    book.save(buffer)
    response = client.post(
        reverse("workbench_approvals:catalogue"), {"file": SimpleUploadedFile("c.xlsx", buffer.getvalue())}
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.name == "食品经营许可（含网络经营）" and item.version == 2
    assert item.materials.count() == 2 and item.co_departments.get().code == "B"


def test_a_bad_row_imports_nothing_and_is_reported_by_sheet_row_and_column(verified_client, district, item):
    client = verified_client(_head_of_a(district))
    template = load_workbook(io.BytesIO(body(client.get(reverse("workbench_approvals:catalogue"), {"format": "xlsx"}))))
    sheet = template["事项"]
    new_row = [c.value for c in sheet[2]]
    new_row[0] = "330206-NEW-1"
    new_row[9] = "二十"  # 法定办结时限 must be a number
    sheet.append(new_row)
    other = [c.value for c in sheet[2]]
    other[0], other[5] = "330206-NEW-2", "B"  # department B is outside this head's scope
    sheet.append(other)
    buffer = io.BytesIO()
    template.save(buffer)
    response = client.post(
        reverse("workbench_approvals:catalogue"), {"file": SimpleUploadedFile("c.xlsx", buffer.getvalue())}
    )
    page = response.content.decode()
    assert "CATALOGUE_ROWS_INVALID" in page and "应为非负整数" in page and "无权维护该部门的事项" in page
    assert not ServiceItem.objects.filter(code__startswith="330206-NEW").exists()
    report = client.get(reverse("workbench_approvals:catalogue"), {"format": "errors"})
    rows = list(load_workbook(io.BytesIO(body(report))).active.iter_rows(min_row=2, values_only=True))
    assert ("事项", 3, "legal_limit", "应为非负整数") in rows


def test_the_template_has_the_headers_and_instructions(verified_client, district):
    client = verified_client(_head_of_a(district))
    book = load_workbook(io.BytesIO(body(client.get(reverse("workbench_approvals:catalogue"), {"format": "template"}))))
    assert book.sheetnames == ["事项", "材料", "表单字段", "填写说明"]
    assert book["事项"].cell(1, 1).value == "事项编码" and book["事项"].max_row == 1


def test_a_clerk_sees_only_his_departments_items(verified_client, district, item, wangwu):
    client = verified_client(wangwu)
    assert item.code not in client.get(reverse("workbench_approvals:catalogue")).content.decode()
    assert client.get(reverse("workbench_approvals:item", args=[item.code])).status_code == 404


def test_a_workbook_over_the_limit_is_refused_by_its_size_not_read_cut_short(verified_client, district, item):
    """An outside attack (session 66): uploads are kept to one byte past the 20 MB limit, and the import read the
    cut workbook and said it was no workbook."""
    client = verified_client(_head_of_a(district))
    big = SimpleUploadedFile("c.xlsx", b"PK\x03\x04" + b"\0" * (20 * 1024 * 1024 + 10))
    page = client.post(reverse("workbench_approvals:catalogue"), {"file": big}).content.decode()
    assert "文件超过20MB" in page and "无法读取该文件" not in page
