"""Written notices (issue 23 item 3): every step the licensing law asks to be in writing issues a numbered, dated
notice in the deciding organ's name, kept with the case, listed on it and downloadable by the applicant alone:
受理通知书 and 不予受理通知书 (行政许可法 第三十二条, "出具加盖本行政机关专用印章和注明日期的书面凭证"), 补正材料
通知书 (第三十二条, everything at once), 特别程序告知书 (第四十五条, the time it needs), 准予/不予行政许可决定书
(第三十八条: a denial states its reason and the appeal rights, 行政复议法 第二十条, 行政诉讼法 第四十六条)."""

from __future__ import annotations

from zhengtong.approvals import services
from zhengtong.approvals.models import Notice
from zhengtong.approvals.notices import notice_html, notice_pdf

from ..pdf import needs_cjk_fonts, pdf_text
from .test_workflow import submit


def _concluded(application, lisi, wangwu, granted=True):
    for branch in application.branches.all():
        services.review_decide(branch=branch, by=lisi if branch.is_lead else wangwu, agree=True)
    return services.application_conclude(
        application=application,
        by=lisi,
        granted=granted,
        reason="" if granted else "经营场所与申请材料不符",
        doc_no="仑市监许〔2026〕8号",
        certificate_no="JY13302060001" if granted else "",
    )


def test_each_step_issues_its_numbered_dated_notice(item, zhangsan, uploads, form_data, lisi, wangwu):
    first = submit(item, zhangsan, uploads, form_data)
    services.application_request_correction(application=first, by=lisi, items=["缺少场所平面图", "营业执照不清晰"])
    refused = services.application_refuse(
        application=submit(item, zhangsan, uploads, form_data, idempotency_key="b"), by=lisi, reason="不属于本机关职权"
    )
    accepted = services.application_accept(
        application=submit(item, zhangsan, uploads, form_data, idempotency_key="c"), by=lisi
    )
    services.application_special_pause(
        application=accepted, by=lisi, reason="expert_review", note="组织专家评审", expected_days=15
    )
    services.application_special_resume(application=accepted, by=lisi)
    _concluded(accepted, lisi, wangwu, granted=False)

    kinds = lambda a: list(a.notices.values_list("kind", flat=True))  # noqa: E731
    assert kinds(first) == [Notice.Kind.CORRECTION]
    assert kinds(refused) == [Notice.Kind.REFUSED]
    assert kinds(accepted) == [Notice.Kind.ACCEPTED, Notice.Kind.SPECIAL, Notice.Kind.DENIED]
    numbers = list(Notice.objects.values_list("number", flat=True))
    assert len(set(numbers)) == len(numbers) and "仑市监许〔2026〕8号" in numbers

    correction = notice_html(first.notices.get())
    assert "<li>缺少场所平面图</li>" in correction and "<li>营业执照不清晰</li>" in correction
    assert "第三十二条" in correction
    refusal = notice_html(refused.notices.get())
    for text in (
        "不属于本机关职权",
        "六十日内",
        "北仑区人民政府",
        "行政复议",
        "六个月内",
        "行政诉讼",
        "区市场监督管理局",
    ):
        assert text in refusal, text
    special = notice_html(accepted.notices.get(kind=Notice.Kind.SPECIAL))
    assert "专家评审" in special and "15个工作日" in special and "第四十五条" in special
    denial = notice_html(accepted.notices.get(kind=Notice.Kind.DENIED))
    assert "经营场所与申请材料不符" in denial and "第三十八条" in denial and "六十日内" in denial
    assert 'alt="区市场监督管理局印章"' in denial


def test_the_applicant_alone_downloads_them_and_a_stranger_gets_404(client, item, zhangsan, uploads, form_data, lisi):
    application = services.application_accept(application=submit(item, zhangsan, uploads, form_data), by=lisi)
    notice = application.notices.get()
    url = f"/services/applications/{application.receipt_no}/notices/{notice.pk}.html"
    client.force_login(zhangsan)
    page = client.get(f"/services/applications/{application.receipt_no}/").content.decode()
    assert "受理通知书" in page and notice.number in page
    assert "予以受理" in client.get(url).content.decode()
    from zhengtong.accounts import services as accounts

    from .. import factories as f

    stranger = accounts.citizen_register(
        real_name="李四", id_number=f.valid_id_number(sequence=31), mobile="13805740009", password=f.PASSWORD
    )
    client.force_login(stranger)
    assert client.get(url).status_code == 404


@needs_cjk_fonts
def test_the_pdf_carries_the_elements(item, zhangsan, uploads, form_data, lisi):
    refused = services.application_refuse(
        application=submit(item, zhangsan, uploads, form_data), by=lisi, reason="不属于本机关职权"
    )
    text = pdf_text(notice_pdf(refused.notices.get()))
    for element in ("不予受理通知书", refused.receipt_no, "不属于本机关职权", "行政复议", "区市场监督管理局"):
        assert element in text, element
