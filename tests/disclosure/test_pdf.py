"""The answer letter and the annual report as PDF (WeasyPrint with Debian's Noto CJK fonts): the Chinese text is
really in the file, read back with pypdf."""

from __future__ import annotations

from django.utils import timezone

from zhengtong.disclosure import letters, report
from zhengtong.disclosure import requests as svc
from zhengtong.disclosure.models import ApplicantKind

from .. import factories as f
from ..pdf import needs_cjk_fonts, pdf_text

pytestmark = needs_cjk_fonts


def test_the_answer_letter_states_the_answer_and_the_appeal_rights(district, lisi):
    request = svc.request_register(
        department=district["A"],
        by=lisi,
        applicant_kind=ApplicantKind.PERSON,
        applicant_name="张三",
        identifier=f.valid_id_number(),
        contact_phone="13805740001",
        content="老旧小区改造资金明细",
    )
    request = svc.request_answer(
        request=request, by=lisi, answer_type="unavailable", reason="not_held", text="该信息由区住建局掌握"
    )
    text = pdf_text(letters.letter_pdf(request))
    for phrase in (
        "政府信息公开申请答复告知书",
        "无法提供：本机关不掌握相关政府信息",
        "60日内",
        "6个月内",
        "第三十六条第（四）项",
    ):
        assert phrase in text, phrase
    assert "张*" in letters.letter_html(request, public=True) and "张三" not in letters.letter_html(
        request, public=True
    )


def test_the_annual_report_pdf(district):
    text = pdf_text(report.pdf(report.build(year=timezone.localdate().year, department=district["A"])))
    assert "政府信息公开工作年度报告" in text and "结转下年度继续办理" in text and "数据一致" in text
