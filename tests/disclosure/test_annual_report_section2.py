"""The annual report's section 二 from data (issue 23 item 6; 条例 第五十条, format 国办公开办函〔2021〕30号 二):
第二十条第（一）项 规章 and 行政规范性文件 made, repealed and in force, told apart by the document's form and dated by
publication and repeal; 第二十条第（五）项 行政许可 decisions from licensing items only, 即办件 included, 不予受理 and
other kinds of item not. A year of documents and applications is built and counted by hand."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from zhengtong.approvals import services as hall
from zhengtong.approvals.models import ItemType, ServiceType
from zhengtong.disclosure import report, services
from zhengtong.disclosure.models import Category, Document, LegalForm

from .. import factories as f
from ..approvals.conftest import make_item
from ..files import samples
from .conftest import CHECKLIST, draft

YEAR = 2025


def _at(month: int, day: int = 10, year: int = YEAR) -> dt.datetime:
    return timezone.make_aware(dt.datetime(year, month, day, 10))


def _published(department, clerk, reviewer, form, published, *, repealed=None):
    document = draft(department, clerk, category=Category.REGULATIONS, legal_form=form, title=f"{form}{published}")
    services.document_submit(document=document, by=clerk)
    document = services.document_review(document=document, by=reviewer, approve=True, **CHECKLIST)
    Document.objects.filter(pk=document.pk).update(published_at=published)
    if repealed:
        services.document_repeal(document=document, by=clerk, reason="上位法已修改")
        Document.objects.filter(pk=document.pk).update(repealed_on=repealed.date())
    return document


def _section(built, item: str) -> dict:
    return dict(next(rows for name, rows in built.section2 if name == item))


def test_rules_and_normative_documents_are_counted_by_form_publication_and_repeal(district):
    clerk, reviewer = f.staff("wangwu", "王五", district["A"]), f.staff("shenhe", "审核人", district["A"])
    _published(district["A"], clerk, reviewer, LegalForm.RULE, _at(3))  # made this year, in force
    _published(district["A"], clerk, reviewer, LegalForm.RULE, _at(3, year=YEAR - 2), repealed=_at(6))
    _published(district["A"], clerk, reviewer, LegalForm.NORMATIVE, _at(2))
    _published(district["A"], clerk, reviewer, LegalForm.NORMATIVE, _at(4), repealed=_at(9))
    _published(
        district["A"], clerk, reviewer, LegalForm.NORMATIVE, _at(5, year=YEAR - 1), repealed=_at(2, year=YEAR + 1)
    )
    _published(district["A"], clerk, reviewer, LegalForm.NORMATIVE, _at(2, year=YEAR + 1))  # next year's
    _published(district["A"], clerk, reviewer, LegalForm.OTHER, _at(2))  # neither: not counted
    rows = _section(report.build(year=YEAR, department=district["government"]), "第二十条第（一）项")
    assert rows["规章：本年制发件数"] == 1 and rows["规章：本年废止件数"] == 1 and rows["规章：现行有效件数"] == 1
    assert rows["行政规范性文件：本年制发件数"] == 2
    assert rows["行政规范性文件：本年废止件数"] == 1
    # in force at the end of the year: February's, and last year's repealed only next year
    assert rows["行政规范性文件：现行有效件数"] == 2


def test_licensing_decisions_count_licensing_items_only_instant_ones_included(district, zhangsan, lisi, wangwu):
    promised = make_item(district, code="330206-XK-0001", parallel=False)
    instant = make_item(district, code="330206-XK-0002", parallel=False, service_type=ServiceType.IMMEDIATE)
    service = make_item(district, code="330206-GG-0003", parallel=False)
    service.item_type = ItemType.PUBLIC_SERVICE
    service.save()

    def apply(item, key):
        uploads = {item.materials.get(name="营业执照").pk: [("营业执照.pdf", samples.pdf())]}
        data = {"shop_name": "港城小吃", "area": "45"}
        return hall.application_submit(item=item, applicant=zhangsan, data=data, uploads=uploads, idempotency_key=key)

    def decide(item, key, granted=True):
        application = hall.application_accept(application=apply(item, key), by=lisi)
        for branch in application.branches.all():
            hall.review_decide(branch=branch, by=lisi, agree=True)
        return hall.application_conclude(
            application=application, by=lisi, granted=granted, reason="" if granted else "不符合条件", doc_no="仑许1号"
        )

    decide(promised, "a")
    decide(promised, "b", granted=False)
    hall.application_accept(application=apply(instant, "c"), by=lisi)  # 即办件: decided at acceptance
    decide(service, "d")  # a public service is no licence
    hall.application_refuse(application=apply(promised, "e"), by=lisi, reason="不属于本机关职权")  # no decision
    year = timezone.localdate().year
    rows = _section(report.build(year=year, department=district["government"]), "第二十条第（五）项")
    assert rows["行政许可：本年处理决定数量"] == 3
    assert (
        _section(report.build(year=year - 1, department=district["government"]), "第二十条第（五）项")[
            "行政许可：本年处理决定数量"
        ]
        == 0
    )
