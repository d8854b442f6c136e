"""The service hall journey in Chromium: find, apply with uploads, 补正, resubmit, parallel approval, conclude,
public status, and the case on the supervision dashboard."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from zhengtong.approvals.models import Application

from .. import factories as f
from ..approvals.conftest import make_item
from ..files import samples
from .conftest import staff_login

pytestmark = pytest.mark.browser


def _context(browser, live_server):
    context = browser.new_context(locale="zh-CN", base_url=live_server.url)
    context.set_default_timeout(10_000)
    return context.new_page()


def test_the_whole_journey(page, browser, live_server, district, zhangsan, lisi, wangwu):
    make_item(district)
    role = f.role("supervisor", "all")
    role.supervises = True
    role.save(update_fields=["supervises"])
    supervisor = f.staff("jc", "钱七", district["B"], role)

    # 张三 finds the item and applies with an upload.
    page.goto("/accounts/login/")
    page.get_by_label(re.compile("登录名")).fill(zhangsan.mobile)
    page.get_by_label("密码").fill(f.PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.goto("/services/")
    page.get_by_label("事项名称").fill("食品经营")
    page.get_by_role("button", name="查找").click()
    page.get_by_role("link", name="食品经营许可").click()
    expect(page.locator("main")).to_contain_text("设定依据")
    page.get_by_role("link", name="在线申请").click()
    page.get_by_label("店铺名称").fill("港城小吃")
    page.get_by_label("经营面积（平方米）").fill("45")
    page.get_by_label("营业执照").set_input_files(
        {"name": "营业执照.pdf", "mimeType": "application/pdf", "buffer": samples.pdf()}
    )
    page.get_by_role("button", name="下一步：核对信息").click()
    expect(page.locator("main")).to_contain_text("港城小吃")
    page.get_by_label("我已阅读并同意以上承诺").check()
    page.get_by_role("button", name="确认提交申请").click()
    expect(page.get_by_role("heading", name="申请已提交")).to_be_visible()
    application = Application.objects.get()
    code = page.locator("dd strong").nth(1).inner_text()
    assert re.fullmatch(r"\d{6}", code)

    # 李四 (lead department) asks for a correction, listing everything at once.
    clerk = _context(browser, live_server)
    staff_login(clerk, lisi)
    clerk.goto(f"/workbench/approvals/{application.pk}/")
    clerk.get_by_label(re.compile("一次性告知补正")).fill("缺少场所平面图\n营业执照复印件不清晰")
    clerk.get_by_role("button", name="告知补正").click()
    expect(clerk.locator(".alert-success")).to_contain_text("已办理")

    # 张三 sees the notice and resubmits.
    page.goto(f"/services/applications/{application.receipt_no}/")
    expect(page.locator("main")).to_contain_text("缺少场所平面图")
    page.get_by_label("场所平面图").set_input_files(
        {"name": "平面图.png", "mimeType": "image/png", "buffer": samples.png_with_text()}
    )
    page.get_by_role("button", name="提交补正").click()
    expect(page.locator("main")).to_contain_text("申请人提交补正材料")

    # Accepted; both departments approve their own branches in parallel; the lead concludes.
    clerk.goto(f"/workbench/approvals/{application.pk}/")
    clerk.get_by_role("button", name="受理", exact=True).click()
    clerk.get_by_role("button", name="提交意见").click()
    other = _context(browser, live_server)
    staff_login(other, wangwu)
    other.goto("/workbench/approvals/")
    other.get_by_role("link", name=application.receipt_no).click()
    other.get_by_role("button", name="提交意见").click()
    expect(other.locator("main")).to_contain_text("区卫生健康局审查意见：同意")
    clerk.goto(f"/workbench/approvals/{application.pk}/")
    clerk.get_by_label("决定文书号").fill("仑市监食许〔2026〕88号")
    clerk.get_by_label("证照编号").fill("JY13302060012345")
    clerk.get_by_role("button", name="办结").click()
    expect(clerk.locator("main")).to_contain_text("已办结")

    # Anyone with the receipt number and code sees every step without logging in.
    anonymous = _context(browser, live_server)
    anonymous.goto("/services/status/")
    anonymous.get_by_label("受理编号").fill(application.receipt_no)
    anonymous.get_by_label("查询码").fill(code)
    anonymous.get_by_role("button", name="查询").click()
    main = anonymous.locator("main")
    for step in (
        "网上提交申请",
        "一次性告知补正",
        "申请人提交补正材料",
        "受理",
        "区市场监督管理局审查意见：同意",
        "区卫生健康局审查意见：同意",
        "办结：准予许可",
    ):
        expect(main).to_contain_text(step)

    # The supervision dashboard shows the case's clocks.
    watcher = _context(browser, live_server)
    staff_login(watcher, supervisor)
    watcher.goto("/workbench/supervision/clocks/?q=食品经营许可")
    expect(watcher.locator("main")).to_contain_text(application.receipt_no)
    expect(watcher.locator("main")).to_contain_text("送达")
