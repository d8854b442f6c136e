"""The dispatch centre maintains the responsibility catalogue and the handling limits (issue: "a responsibility
catalogue (category → department) maintained by the dispatch centre"; DOMAIN §5 "limits per kind, configurable").
Each change is audited; other staff are refused and the attempt audited."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from zhengtong.audit.models import OperationLog
from zhengtong.core.errors import InvalidInput, PermissionDenied
from zhengtong.letters.models import Kind, Limit, Responsibility
from zhengtong.letters.services import limit_save, responsibility_save
from zhengtong.letters.services.common import handling_limit
from zhengtong.letters.suggest import suggest
from zhengtong.supervision.models import Unit

from ..downloads import body
from .conftest import submit


def test_the_centre_adds_a_category_and_the_suggestion_uses_it(hotline, district):
    row = responsibility_save(
        by=hotline["operator"], code="noise", name="噪声扰民", keywords="噪声 噪音 广场舞", department=district["B"]
    )
    assert OperationLog.objects.filter(action="letters.responsibility.create", object_id=str(row.pk)).exists()
    s = suggest(submit(title="广场舞噪音", content="小区广场舞噪音太大，晚上十点还在跳。").letter)
    assert s.department == district["B"] and "噪声扰民" in s.reason


def test_a_new_fallback_replaces_the_old_one(hotline, district):
    old = Responsibility.objects.get(is_fallback=True)
    row = responsibility_save(
        by=hotline["operator"],
        row=Responsibility.objects.get(code="food"),
        code="food",
        name="食品安全",
        keywords="食品 餐馆",
        department=district["A"],
        is_fallback=True,
    )
    old.refresh_from_db()
    assert row.is_fallback and not old.is_fallback
    change = OperationLog.objects.get(action="letters.responsibility.update", object_id=str(row.pk))
    assert "is_fallback" in change.changes and "keywords" in change.changes


def test_the_last_fallback_cannot_be_removed(hotline, district):
    fallback = Responsibility.objects.get(is_fallback=True)
    with pytest.raises(InvalidInput) as refused:
        responsibility_save(
            by=hotline["operator"],
            row=fallback,
            code=fallback.code,
            name=fallback.name,
            keywords="",
            department=fallback.department,
            is_fallback=False,
        )
    assert refused.value.code == "LETTER_FALLBACK_REQUIRED"


@pytest.mark.parametrize(
    ("values", "code"),
    [
        ({"code": "food"}, "LETTER_CATEGORY_EXISTS"),
        ({"code": "坏 代码"}, "LETTER_CATEGORY_CODE_INVALID"),
        ({"name": " "}, "LETTER_CATEGORY_NAME_REQUIRED"),
    ],
)
def test_bad_catalogue_rows_are_refused(hotline, district, values, code):
    fields = {"code": "noise", "name": "噪声扰民", "keywords": "噪声", "department": district["B"], **values}
    with pytest.raises(InvalidInput) as refused:
        responsibility_save(by=hotline["operator"], **fields)
    assert refused.value.code == code


@pytest.mark.parametrize(
    ("field", "value"),
    [("name", "张建国（手机13905741234）专项投诉"), ("keywords", "噪声 身份证330206198503120018")],
)
def test_personal_data_in_a_category_is_refused_naming_the_field(hotline, district, field, value):
    """Outside attack (issue 20 item 1): a category's name and keywords are published as typed (Open311's
    services, every published letter of the category) and were saved with a mobile in them, in clear."""
    fields = {"code": "special", "name": "专项投诉", "keywords": "专项", "department": district["B"], field: value}
    with pytest.raises(InvalidInput) as refused:
        responsibility_save(by=hotline["operator"], **fields)
    assert refused.value.code == "PERSONAL_DATA" and field in refused.value.fields
    assert not Responsibility.objects.filter(code="special").exists()


def test_place_names_as_keywords_are_kept(hotline, district):
    """Beilun's towns as keywords read as a list of names (白峰): the fresh-eyes review saw them refused."""
    row = responsibility_save(
        by=hotline["operator"], code="towns", name="乡镇环境", keywords="柴桥 白峰 郭巨", department=district["B"]
    )
    assert row.keywords == "柴桥 白峰 郭巨"


def test_a_department_clerk_cannot_change_the_catalogue_and_the_attempt_is_audited(hotline, district, lisi):
    with pytest.raises(PermissionDenied):
        responsibility_save(by=lisi, code="noise", name="噪声扰民", keywords="", department=district["B"])
    with pytest.raises(PermissionDenied):
        limit_save(by=lisi, key=Kind.COMPLAINT, limit=1, unit=Unit.WORKING_DAYS)
    assert OperationLog.objects.filter(action="letters.denied.catalogue").count() == 2
    assert not Responsibility.objects.filter(code="noise").exists()


def test_the_centre_shortens_a_limit_and_new_letters_run_on_it(hotline):
    limit_save(by=hotline["operator"], key=Kind.COMPLAINT, limit=5, unit=Unit.WORKING_DAYS)
    assert handling_limit(submit().letter) == (5, Unit.WORKING_DAYS)
    assert OperationLog.objects.filter(action="letters.limit.update").exists()


@pytest.mark.parametrize(
    ("key", "limit", "unit", "code"),
    [
        ("nonsense", 5, Unit.WORKING_DAYS, "LETTER_LIMIT_KEY_INVALID"),
        (Kind.COMPLAINT, 0, Unit.WORKING_DAYS, "LETTER_LIMIT_INVALID"),
        (Kind.COMPLAINT, 400, Unit.WORKING_DAYS, "LETTER_LIMIT_INVALID"),
        (Kind.COMPLAINT, 5, "fortnights", "LETTER_LIMIT_INVALID"),
    ],
)
def test_bad_limits_are_refused(hotline, key, limit, unit, code):
    with pytest.raises(InvalidInput) as refused:
        limit_save(by=hotline["operator"], key=key, limit=limit, unit=unit)
    assert refused.value.code == code
    assert not Limit.objects.filter(key=key, limit=limit).exists()


def test_the_centre_edits_the_catalogue_and_a_limit_on_its_page(hotline, district, verified_client):
    client = verified_client(hotline["operator"])
    page = client.post(
        "/workbench/letters/catalogue/",
        {
            "code": "noise",
            "name": "噪声扰民",
            "keywords": "噪声、噪音",
            "department": district["B"].pk,
            "is_active": "on",
        },
        follow=True,
    )
    assert (
        "职责清单已保存" in page.content.decode() and Responsibility.objects.get(code="noise").keywords == "噪声 噪音"
    )
    food = Responsibility.objects.get(code="food")
    assert "食品 餐馆 过期" in client.get(f"/workbench/letters/catalogue/?edit={food.pk}").content.decode()
    refused = client.post(
        "/workbench/letters/catalogue/", {"code": "food", "name": "重复", "department": district["B"].pk}, follow=True
    ).content.decode()
    assert "LETTER_CATEGORY_EXISTS" in refused or "已被使用" in refused
    page = client.post("/workbench/letters/limits/complaint/", {"limit": "5", "unit": "working_days"}, follow=True)
    assert "此后的来信按新时限计算" in page.content.decode() and Limit.objects.get(key="complaint").limit == 5
    workbook = client.get("/workbench/letters/catalogue.xlsx")
    assert workbook.status_code == 200 and workbook["Content-Type"].startswith("application/vnd.openxmlformats")
    rows = list(load_workbook(io.BytesIO(body(workbook))).active.iter_rows(min_row=2, values_only=True))
    assert any("食品" in str(cell) for row in rows for cell in row)


def test_a_clerk_sees_the_catalogue_read_only(hotline, district, lisi, verified_client):
    client = verified_client(lisi)
    page = client.get("/workbench/letters/catalogue/").content.decode()
    assert "食品安全" in page and "由热线派单中心维护" in page and 'name="code"' not in page
    page = client.post(
        "/workbench/letters/limits/complaint/", {"limit": "1", "unit": "hours"}, follow=True
    ).content.decode()
    assert "只有热线派单中心的工作人员可以维护" in page and not Limit.objects.filter(key="complaint", limit=1).exists()
