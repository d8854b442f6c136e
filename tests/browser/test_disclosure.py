"""Information disclosure in Chromium: a document with personal data is blocked at review until masked, then
found in the public catalogue and the site search; a citizen's request goes to an answer letter."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from zhengtong.disclosure.models import Request

from .. import factories as f
from .conftest import staff_login

pytestmark = pytest.mark.browser


def _tab(browser, live_server):
    context = browser.new_context(locale="zh-CN", base_url=live_server.url)
    context.set_default_timeout(10_000)
    return context.new_page()


def test_publishing_with_personal_data_is_blocked_until_masked(page, browser, live_server, district, lisi):
    reviewer = f.staff("shenhe", "审核人", district["A"])
    id_number = f.valid_id_number()
    staff_login(page, lisi)
    page.goto("/workbench/disclosure/new/")
    page.get_by_label("标题").fill("关于公布2026年第一批低保对象的通知")
    page.get_by_label("发文机关").fill("区市场监督管理局")
    page.get_by_label("发文字号").fill("仑市监发[2026]3号")
    page.get_by_label("成文日期").fill("2026-11-02")
    page.get_by_label("公开类别").select_option(label="扶贫、教育、医疗、社会保障、促进就业")
    page.get_by_label("正文").fill(f"<p>申请人：王小明，身份证号{id_number}，联系电话13805740001。</p>")
    page.get_by_role("button", name="保存草稿").click()
    expect(page.locator(".alert-success")).to_contain_text("草稿已保存")
    page.get_by_role("button", name="提交审核").click()

    review = _tab(browser, live_server)
    staff_login(review, reviewer)
    review.goto("/workbench/disclosure/?state=review")
    review.get_by_role("link", name="关于公布2026年第一批低保对象的通知").click()
    expect(review.locator("main")).to_contain_text("发现 3 处个人信息")
    for label in ("不涉及国家秘密", "不涉及商业秘密", "不涉及个人隐私（或已遮盖）"):
        review.get_by_label(label).check()
    review.get_by_role("button", name="审核通过并发布").click()
    expect(
        review.locator(".alert-danger[data-code=PRIVACY_FINDINGS], .alert-danger [data-code=PRIVACY_FINDINGS]")
    ).to_have_count(1)
    review.get_by_role("button", name="遮盖正文中的个人信息").click()
    for label in ("不涉及国家秘密", "不涉及商业秘密", "不涉及个人隐私（或已遮盖）"):
        review.get_by_label(label).check()
    review.get_by_role("button", name="审核通过并发布").click()
    expect(review.locator(".alert-success")).to_contain_text("已发布")

    visitor = _tab(browser, live_server)
    visitor.goto("/search/?q=低保对象")
    visitor.get_by_role("link", name=re.compile("第一批低保对象")).click()
    main = visitor.locator("main")
    expect(main).to_contain_text("仑市监发〔2026〕3号")
    expect(main).to_contain_text("138****0001")
    assert id_number not in main.inner_text() and "13805740001" not in main.inner_text()


def test_a_request_goes_to_an_answer_letter(page, browser, live_server, district, zhangsan, lisi):
    page.goto("/accounts/login/")
    page.get_by_label(re.compile("登录名")).fill(zhangsan.mobile)
    page.get_by_label("密码").fill(f.PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.goto("/disclosure/")
    page.get_by_role("link", name="申请政府信息公开").click()
    page.get_by_label("向哪个机关申请").select_option(label="区市场监督管理局")
    page.get_by_label(re.compile("所需政府信息")).fill("2025年北仑区食品安全监督抽检结果")
    page.get_by_role("button", name="提交申请").click()
    expect(page.locator(".alert-success")).to_contain_text("申请已提交")
    request = Request.objects.get()

    clerk = _tab(browser, live_server)
    staff_login(clerk, lisi)
    clerk.goto("/workbench/disclosure/requests/")
    clerk.get_by_role("link", name=request.receipt_no).click()
    clerk.get_by_label("答复类型").select_option(label="不予公开")
    clerk.get_by_label("具体情形").select_option(label="属于四类过程性信息")
    clerk.get_by_role("button", name="答复").click()
    expect(
        clerk.locator(".alert-danger[data-code=REASON_REQUIRED], .alert-danger [data-code=REASON_REQUIRED]")
    ).to_have_count(1)
    clerk.get_by_label("答复类型").select_option(label="不予公开")
    clerk.get_by_label("具体情形").select_option(label="属于四类过程性信息")
    clerk.get_by_label(re.compile("答复内容及理由")).fill("所需抽检结果汇总尚在内部审核，属于过程性信息。")
    clerk.get_by_role("button", name="答复").click()
    expect(clerk.locator(".alert-success")).to_contain_text("已办理")

    page.goto(f"/disclosure/requests/{request.receipt_no}/")
    expect(page.locator("main")).to_contain_text("不予公开：属于四类过程性信息")
    page.get_by_role("link", name="查看答复告知书").click()
    expect(page.locator("body")).to_contain_text("政府信息公开申请答复告知书")
    expect(page.locator("body")).to_contain_text("60日内")


def test_a_clerk_reveals_a_number_and_a_refusal_is_shown_in_place(page, district):
    """Issue 20, item 7: the number comes in place of its mask; a refusal (here: the case was closed meanwhile) is
    shown where the number would have been, not met with silence (htmx 2 drops a 403 unless told)."""
    from zhengtong.disclosure import requests as svc
    from zhengtong.disclosure.models import RequestState
    from zhengtong.org.models import DataScope

    clerk = f.staff("clerk_a", "甲", district["A"], f.role("r_dept", DataScope.DEPARTMENT))  # sees it closed too
    case = svc.request_register(
        department=district["A"],
        by=clerk,
        applicant_kind="person",
        applicant_name="张三",
        identifier=f.valid_id_number(),
        contact_phone="13805740001",
        channel="in_person",
        content="2025年老旧小区改造资金使用明细",
    )
    staff_login(page, clerk)
    page.goto(f"/workbench/disclosure/requests/{case.pk}/")
    expect(page.locator("main")).to_contain_text("138****0001")
    page.get_by_role("button", name="查看完整联系电话").click()
    expect(page.locator("#personal-contact_phone")).to_contain_text("13805740001")
    Request.objects.filter(pk=case.pk).update(state=RequestState.DELIVERED)
    page.get_by_role("button", name="查看完整证件号码").click()
    expect(page.locator("#personal-identifier").get_by_role("alert")).to_contain_text("只有正在办理该件的工作人员")


def test_the_findings_update_in_place_once_a_scanned_attachment_is_read(page, district, lisi, monkeypatch):
    """Issue 20, item 2: a scanned ID card blocks publication until its pictures are read, and the clerk who has the
    document open sees the reading's outcome without reloading: the findings section polls every 5 s (htmx), and
    the read ID number appears masked in place of the progress line."""
    from zhengtong.files import tasks
    from zhengtong.files.reading import read_pictures_now

    from ..disclosure.conftest import draft
    from ..files import hidden

    queued: list[str] = []  # the worker's task, held back until the page is open
    monkeypatch.setattr(tasks, "read_pictures", queued.append)
    document = draft(district["A"], lisi, uploads=[("身份证复印件.pdf", hidden.scanned_pdf())])
    assert queued

    staff_login(page, lisi)
    page.goto(f"/workbench/disclosure/{document.pk}/")
    findings = page.locator("#findings")
    expect(findings.get_by_role("status")).to_contain_text("正在识别")
    page.evaluate("window.notReloaded = true")

    for sha256 in queued:
        read_pictures_now(sha256)
    expect(findings).to_contain_text("身份证号码", timeout=20_000)
    expect(findings.get_by_role("status")).to_have_count(0)
    assert page.evaluate("window.notReloaded === true")  # swapped in place, not a reload
    assert hidden.ID not in findings.inner_text()  # shown masked, as the findings always are
