"""A guide's limits obey the licensing law (issue 23 item 1): 行政许可法 第四十二条 — a licence is decided within 20
working days, 45 for joint or unified handling (联合办理、统一办理、集中办理), "法律、法规另有规定的，依照其规定": a
longer statutory limit needs the law or regulation that sets it written beside it. The committed limit
(承诺时限) never exceeds the statutory one, for any kind of item. Refused with a code naming the field, nothing
changed, on the page, in the service and in the Excel import."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from zhengtong.approvals.models import ItemType, ServiceItem
from zhengtong.approvals.services.catalogue import catalogue_import, catalogue_workbook, item_save
from zhengtong.core.errors import InvalidInput

from .conftest import make_item


def _refused(item, by, **values) -> InvalidInput:
    with pytest.raises(InvalidInput) as refused:
        item_save(item=item, values=values, by=by)
    return refused.value


def test_the_committed_limit_never_exceeds_the_statutory_one(district, lisi):
    item = make_item(district, parallel=False)
    error = _refused(item, lisi, committed_limit=25)
    assert error.code == "COMMITTED_OVER_STATUTORY" and "committed_limit" in error.fields
    assert ServiceItem.objects.get(pk=item.pk).committed_limit == 10 and item.versions.count() == 0


def test_a_licence_is_decided_within_twenty_days_unless_a_law_says_otherwise(district, lisi):
    item = make_item(district, parallel=False)
    error = _refused(item, lisi, legal_limit=30)
    assert error.code == "STATUTORY_OVER_LAW" and "legal_limit" in error.fields
    assert ServiceItem.objects.get(pk=item.pk).legal_limit == 20
    item_save(item=item, values={"legal_limit": 30, "limit_basis": "《某某条例》第十二条"}, by=lisi)
    assert ServiceItem.objects.get(pk=item.pk).legal_limit == 30


def test_joint_handling_allows_forty_five_days(district, lisi):
    item = make_item(district, parallel=True)
    item_save(item=item, values={"legal_limit": 45}, by=lisi)
    assert _refused(item, lisi, legal_limit=46).code == "STATUTORY_OVER_LAW"


def test_other_kinds_of_item_are_not_bound_by_the_licensing_limit(district, lisi):
    item = make_item(district, parallel=False)
    item_save(item=item, values={"item_type": ItemType.PUBLIC_SERVICE, "legal_limit": 60}, by=lisi)
    assert ServiceItem.objects.get(pk=item.pk).legal_limit == 60


def test_the_excel_import_names_the_row_and_imports_nothing(district, lisi):
    item = make_item(district, parallel=False)
    book = load_workbook(io.BytesIO(_saved(catalogue_workbook(ServiceItem.objects.all()))))
    sheet = book["事项"]
    header = [c.value for c in sheet[1]]
    sheet.cell(row=2, column=header.index("承诺办结时限") + 1, value=30)
    with pytest.raises(InvalidInput) as refused:
        catalogue_import(book=book, by=lisi, allowed_departments=[district["A"]])
    rows = refused.value.fields["rows"]
    assert any(r["row"] == 2 and r["column"] == "committed_limit" for r in rows)
    assert ServiceItem.objects.get(pk=item.pk).committed_limit == 10


def _saved(book) -> bytes:
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_a_workbook_from_before_the_limit_basis_column_still_imports(district, lisi):
    item = make_item(district, parallel=False)
    item_save(item=item, values={"legal_limit": 30, "limit_basis": "《某某条例》第十二条"}, by=lisi)
    book = load_workbook(io.BytesIO(_saved(catalogue_workbook(ServiceItem.objects.all()))))
    sheet = book["事项"]
    header = [c.value for c in sheet[1]]
    sheet.delete_cols(header.index("法定时限依据") + 1)
    assert catalogue_import(book=book, by=lisi, allowed_departments=[district["A"]]) == {"created": 0, "updated": 1}
    assert ServiceItem.objects.get(pk=item.pk).limit_basis == "《某某条例》第十二条"  # kept, not blanked


_BASIS = {"limit_basis": "《某某条例》第十二条"}  # a longer statutory limit's law, so that only the bound refuses


@pytest.mark.parametrize(
    ("field", "values"),
    [
        ("visits", {"visits": 13805741234}),
        ("legal_limit", {"legal_limit": 330206198503152017, **_BASIS}),
        ("committed_limit", {"legal_limit": 13805741234, "committed_limit": 13805741234, **_BASIS}),
        ("accept_limit", {"accept_limit": 86881234}),
        ("review_limit", {"review_limit": 1000}),
    ],
)
def test_a_guides_counts_and_limits_hold_no_number_larger_than_a_guide_needs(district, lisi, field, values):
    """Outside attack, session 63 (issue 20; 条例 Art. 15): a mobile or an ID number typed as 到现场次数 or as a time
    limit was published on the guide, in the catalogue and in the API (330206198001011230次), and stored in clear
    in its versions; on PostgreSQL it was a server error. A guide's counts and limits have bounds no such number
    fits in, checked on the page, in the service and in the Excel import."""
    item = make_item(district, parallel=False)
    error = _refused(item, lisi, **values)
    assert error.code == "GUIDE_FIGURE_OUT_OF_RANGE" and field in error.fields
    assert getattr(ServiceItem.objects.get(pk=item.pk), field) == getattr(item, field)


def test_a_materials_copies_are_bounded_in_the_import(district, lisi):
    item = make_item(district, parallel=False)
    book = load_workbook(io.BytesIO(_saved(catalogue_workbook(ServiceItem.objects.all()))))
    for sheet, column, value in (
        ("事项", "到现场次数", 13805741234),
        ("材料", "份数", "13605741234"),
        ("事项", "受理时限", "1e400"),
    ):
        header = [c.value for c in book[sheet][1]]
        book[sheet].cell(row=2, column=header.index(column) + 1, value=value)
    with pytest.raises(InvalidInput) as refused:
        catalogue_import(book=book, by=lisi, allowed_departments=[district["A"]])
    columns = {(r["sheet"], r["column"]) for r in refused.value.fields["rows"]}
    assert {("事项", "visits"), ("材料", "copies"), ("事项", "accept_limit")} <= columns  # 1e400 was a 500
    assert ServiceItem.objects.get(pk=item.pk).visits == item.visits
    assert item.materials.filter(copies__gt=99).count() == 0


def test_the_import_changes_no_other_departments_item(district, lisi):
    """Outside attack, session 63: a clerk's workbook with another department's item code rewrote that item (its
    name, its counts) while the row named the clerk's own department as the item's. An item is changed only by
    staff who may maintain the department it belongs to."""
    item = make_item(district, parallel=False)
    item.lead_department = district["B"]
    item.save()
    book = load_workbook(io.BytesIO(_saved(catalogue_workbook(ServiceItem.objects.all()))))
    sheet = book["事项"]
    header = [c.value for c in sheet[1]]
    sheet.cell(row=2, column=header.index("事项名称") + 1, value="被改写的他局事项")
    sheet.cell(row=2, column=header.index("实施主体（机构编码）") + 1, value=district["A"].code)
    with pytest.raises(InvalidInput) as refused:
        catalogue_import(book=book, by=lisi, allowed_departments=[district["A"]])
    assert any(r["column"] == "code" and "无权" in r["message"] for r in refused.value.fields["rows"])
    assert ServiceItem.objects.get(pk=item.pk).name == item.name
