"""The resource catalogue (GB/T 21063; DOMAIN.md §6): the provider's staff catalogue their department's resources,
each edit a new version with the old kept; 不予共享 needs its legal basis; the catalogue goes out to Excel and back
with row-level errors and nothing half-imported."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from zhengtong.core.errors import InvalidInput, PermissionDenied
from zhengtong.sharing.models import Resource, ResourceVersion
from zhengtong.sharing.services.catalogue import resource_save

from ..downloads import body

VALUES = {
    "code": "A-0100",
    "name": "市场主体登记信息",
    "category_class": "基础信息资源",
    "category_item": "法人",
    "summary": "市场主体的登记信息。",
    "format": "database",
    "share_class": "conditional",
    "share_method": "interface",
    "open_class": "closed",
    "update_cycle": "daily",
    "published_on": dt.date(2026, 11, 1),
    "register": "legal_person",
}
ITEMS = [("uscc", "统一社会信用代码", "C"), ("name", "名称", "C")]


def test_an_edit_is_a_new_version_and_the_old_one_is_kept(registers, lisi):
    resource = resource_save(by=lisi, provider=registers["A"], values=VALUES, items=ITEMS)
    edited = resource_save(
        by=lisi,
        provider=registers["A"],
        values={**VALUES, "name": "市场主体登记基本信息"},
        items=ITEMS[:1],
        resource=resource,
    )
    assert edited.version == 2 and list(edited.items.values_list("key", flat=True)) == ["uscc"]
    old = ResourceVersion.objects.get(resource=resource, version=1)
    assert old.snapshot["name"] == "市场主体登记信息" and len(old.snapshot["items"]) == 2


def test_only_the_providers_staff_catalogue_and_not_shared_needs_a_basis(registers, lisi, wangwu):
    with pytest.raises(PermissionDenied):
        resource_save(by=wangwu, provider=registers["A"], values=VALUES, items=ITEMS)
    with pytest.raises(InvalidInput) as info:
        resource_save(by=lisi, provider=registers["A"], values={**VALUES, "share_class": "none"}, items=ITEMS)
    assert info.value.code == "SHARING_BASIS_REQUIRED" and "share_basis" in info.value.fields
    with pytest.raises(InvalidInput) as info:
        resource_save(by=lisi, provider=registers["A"], values=VALUES, items=[("salary", "工资", "N")])
    assert info.value.code == "SHARING_ITEM_UNKNOWN"


def test_the_catalogue_goes_to_excel_and_back(verified_client, registers, lisi):
    resource_save(by=lisi, provider=registers["A"], values=VALUES, items=ITEMS)
    client = verified_client(lisi)
    book = load_workbook(io.BytesIO(body(client.get("/workbench/sharing/catalogue.xlsx"))))
    sheet = book.worksheets[0]
    header = [c.value for c in sheet[1]]
    sheet.cell(row=2, column=header.index("资源名称") + 1, value="市场主体登记信息（第二版）")
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    buffer.name = "目录.xlsx"
    response = client.post("/workbench/sharing/catalogue/import/", {"book": buffer})
    assert response.status_code == 302
    resource = Resource.objects.get(code="A-0100")
    assert resource.name == "市场主体登记信息（第二版）" and resource.version == 2


def test_a_bad_row_imports_nothing_and_names_the_row(verified_client, registers, lisi):
    resource_save(by=lisi, provider=registers["A"], values=VALUES, items=ITEMS)
    client = verified_client(lisi)
    book = load_workbook(io.BytesIO(body(client.get("/workbench/sharing/catalogue.xlsx"))))
    sheet = book.worksheets[0]
    header = [c.value for c in sheet[1]]
    row = [c.value for c in sheet[2]]
    row[header.index("资源代码")] = "A-0101"
    row[header.index("资源名称")] = "新资源"
    sheet.append(row)
    sheet.cell(row=2, column=header.index("共享属性") + 1, value="不予共享")  # without a basis
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    buffer.name = "目录.xlsx"
    response = client.post("/workbench/sharing/catalogue/import/", {"book": buffer})
    assert response.status_code == 400 and "不予共享依据" in response.content.decode()
    assert not Resource.objects.filter(code="A-0101").exists()
    assert Resource.objects.get(code="A-0100").version == 1


def test_a_live_grant_keeps_its_items_and_register(registers, lisi, wangwu):
    from zhengtong.sharing.services.requests import share_request_grant, share_request_submit

    from .conftest import a_year

    resource = resource_save(by=lisi, provider=registers["A"], values=VALUES, items=ITEMS)
    request = share_request_submit(
        resource=resource, consumer=registers["B"], by=wangwu, purpose="核验", fields=["name"], period_until=a_year()
    )
    share_request_grant(request=request, by=lisi)
    with pytest.raises(InvalidInput) as info:
        resource_save(by=lisi, provider=registers["A"], values=VALUES, items=ITEMS[:1], resource=resource)
    assert info.value.code == "SHARING_IN_USE" and "name" in info.value.message
    with pytest.raises(InvalidInput):
        resource_save(
            by=lisi,
            provider=registers["A"],
            values={**VALUES, "register": "licence"},
            items=[("kind", "证照名称", "C")],
            resource=resource,
        )


def test_an_edited_resource_shows_its_versions_and_an_unchanged_import_makes_none(verified_client, registers, lisi):
    resource = resource_save(by=lisi, provider=registers["A"], values=VALUES, items=ITEMS)
    resource_save(by=lisi, provider=registers["A"], values={**VALUES, "name": "新名称"}, items=ITEMS, resource=resource)
    client = verified_client(lisi)
    page = client.get(f"/workbench/sharing/resources/{resource.code}/")
    assert page.status_code == 200 and "第1版" in page.content.decode()
    book = body(client.get("/workbench/sharing/catalogue.xlsx"))
    buffer = io.BytesIO(book)
    buffer.name = "目录.xlsx"
    assert client.post("/workbench/sharing/catalogue/import/", {"book": buffer}).status_code == 302
    assert Resource.objects.get(code="A-0100").version == 2  # imported as it was: no new version


def test_a_row_range_line_without_a_value_is_refused_beside_its_field(verified_client, legal_resource, wangwu):
    page = verified_client(wangwu).post(
        f"/workbench/sharing/resources/{legal_resource.code}/",
        {
            "consumer": wangwu.memberships.first().department_id,
            "purpose": "核验",
            "fields": ["uscc"],
            "row_filter": "district=",
            "period_until": "2027-06-30",
        },
    )
    assert (
        page.status_code == 200
        and "数据范围" in page.content.decode()
        and 'value="2027-06-30"' in page.content.decode()
    )
