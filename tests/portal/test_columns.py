"""The home page's columns (issue 22 item 1; 国办发〔2017〕47号 信息发布: 要闻动态, 通知公告, 政策解读 on the home
page) are columns of the document library, so that news and notices pass the same 保密审查 and personal-data guard
as every other publication (条例 Art. 17; decision 0007). The site's editors (a role marked 网站编辑) configure the
columns, which appear on the home page and how often each must be updated (the inspection indicators' 栏目更新
periods, DOMAIN §9); every change is audited; nothing else may change them."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from zhengtong.audit.models import OperationLog as AuditLog
from zhengtong.disclosure import services
from zhengtong.disclosure.models import Category, Column, Document
from zhengtong.workbench import inspection

from .. import factories as f
from ..disclosure.conftest import CHECKLIST, draft


@pytest.fixture(autouse=True)
def no_columns(db):
    """Each test sets the columns it needs (a site starts with the three of migration disclosure/0008)."""
    Column.objects.all().delete()


def test_a_site_starts_with_the_home_page_columns():
    """国办发〔2017〕47号: 信息发布 and 解读回应 on the home page; an upgraded site keeps news on its home page."""
    from importlib import import_module

    from django.apps import apps

    import_module("zhengtong.disclosure.migrations.0008_home_columns").create(apps, None)
    on_home = set(Column.objects.filter(on_home=True).values_list("name", flat=True))
    assert on_home == {"要闻动态", "通知公告", "政策解读"} and Column.objects.get(code="news").update_days == 14


@pytest.fixture
def reviewer(district):
    return f.staff("shenhe", "审核人", district["A"])


@pytest.fixture
def editor(district):
    role = f.role("site-editor", "department")
    role.edits_site = True
    role.save(update_fields=["edits_site"])
    return f.staff("bianji", "编辑", district["A"], role)


def _published(department, by, reviewer, column, title, days_ago=0):
    document = draft(department, by, title=title, category=Category.OTHER, column=column)
    services.document_submit(document=document, by=by)
    document = services.document_review(document=document, by=reviewer, approve=True, **CHECKLIST)
    Document.objects.filter(pk=document.pk).update(published_at=timezone.now() - dt.timedelta(days=days_ago))
    return document


def test_the_home_page_shows_the_columns_marked_for_it_with_their_latest_published_items(client, district, reviewer):
    clerk = f.staff("wangwu", "王五", district["A"])
    news = Column.objects.create(code="news", name="要闻动态", on_home=True, sort_order=1)
    notices = Column.objects.create(code="notices", name="通知公告", on_home=True, sort_order=2)
    hidden = Column.objects.create(code="land", name="征地信息")
    _published(district["A"], clerk, reviewer, news, "区政府召开常务会议")
    _published(district["A"], clerk, reviewer, notices, "关于元旦放假的通知")
    _published(district["A"], clerk, reviewer, hidden, "征地补偿方案公告")
    draft(district["A"], clerk, title="尚未审核的动态", column=news)
    page = client.get("/").content.decode()
    assert (
        page.index("要闻动态")
        < page.index("区政府召开常务会议")
        < page.index("通知公告")
        < page.index("关于元旦放假的通知")
    )
    assert 'href="/disclosure/column/news/"' in page
    assert "尚未审核的动态" not in page and "征地信息" not in page


def test_an_editor_configures_a_column_and_the_change_is_audited(verified_client, editor):
    client = verified_client(editor)
    response = client.post(
        "/workbench/disclosure/columns/new/",
        {"code": "news", "name": "要闻动态", "sort_order": "1", "update_days": "14", "on_home": "on"},
    )
    assert response.status_code == 302
    column = Column.objects.get(code="news")
    assert column.update_days == 14 and column.on_home
    assert AuditLog.objects.filter(action="disclosure.column.create", actor_id=editor.pk).exists()
    response = client.post(
        f"/workbench/disclosure/columns/{column.pk}/",
        {"code": "news", "name": "今日要闻", "sort_order": "1", "update_days": "7"},
    )
    column.refresh_from_db()
    assert response.status_code == 302 and column.name == "今日要闻" and column.update_days == 7 and not column.on_home
    assert AuditLog.objects.filter(action="disclosure.column.update", actor_id=editor.pk).exists()


def test_a_bad_update_period_is_refused_naming_the_field_and_nothing_changes(verified_client, editor):
    client = verified_client(editor)
    page = client.post(
        "/workbench/disclosure/columns/new/",
        {"code": "news", "name": "要闻动态", "sort_order": "1", "update_days": "0"},
    ).content.decode()
    assert "更新周期" in page and not Column.objects.exists()


def test_a_column_name_with_personal_data_is_refused_naming_the_field(verified_client, editor):
    """Issue 20 (outside attack): a column's name is printed on the home page and the disclosure pages, and was
    published as typed: 张三专栏 13905740071."""
    page = verified_client(editor).post(
        "/workbench/disclosure/columns/new/",
        {"code": "zs", "name": "张三专栏 13905740071", "sort_order": "1", "update_days": "7"},
    )
    errors = page.context["form"].errors.as_data()["name"]
    assert errors[0].code == "PERSONAL_DATA" and "13905740071" not in errors[0].message
    assert not Column.objects.exists()


def test_staff_who_are_not_editors_cannot_change_columns(verified_client, district):
    clerk = f.staff("wangwu", "王五", district["A"])
    column = Column.objects.create(code="news", name="要闻动态")
    client = verified_client(clerk)
    assert client.post("/workbench/disclosure/columns/new/", {"code": "x", "name": "x"}).status_code == 403
    assert client.post(f"/workbench/disclosure/columns/{column.pk}/", {"code": "news", "name": "改"}).status_code == 403
    assert Column.objects.get(pk=column.pk).name == "要闻动态" and Column.objects.count() == 1
    assert AuditLog.objects.filter(action="disclosure.denied.column", actor_id=clerk.pk).exists()


def test_inspection_finds_a_column_past_its_update_period_and_an_empty_one(district, reviewer):
    """栏目不更新 (the inspection indicators: 动态、要闻类 two weeks; 通知公告、政策文件类 six months) and 空白栏目."""
    clerk = f.staff("wangwu", "王五", district["A"])
    news = Column.objects.create(code="news", name="要闻动态", update_days=14)
    notices = Column.objects.create(code="notices", name="通知公告", update_days=180)
    Column.objects.create(code="empty", name="征地信息", update_days=365)
    Column.objects.create(code="free", name="专题专栏")  # no period: never stale
    _published(district["A"], clerk, reviewer, news, "二十天前的动态", days_ago=20)
    _published(district["A"], clerk, reviewer, notices, "二十天前的通知", days_ago=20)
    stale = [x for x in inspection.inspect(crawl=False) if x.check == "column_stale"]
    details = " ".join(x.detail for x in stale)
    assert len(stale) == 2 and "要闻动态" in details and "征地信息" in details
    assert "通知公告" not in details and "专题专栏" not in details


def test_the_editors_see_the_inspection_report_and_are_alerted(district, verified_client, editor):
    """网站自查: "a report in the workbench and alerts to the editors" (issue 22 item 7)."""
    from zhengtong.notifications.models import Message

    Column.objects.create(code="news", name="要闻动态", update_days=14)
    inspection.run_and_alert()
    assert Message.objects.filter(recipient=editor, title__contains="网站自查").exists()
    assert verified_client(editor).get("/workbench/inspection/").status_code == 200
