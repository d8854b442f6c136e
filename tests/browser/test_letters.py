"""Letters in Chromium: a citizen writes without logging in and gets a number and query code; the hotline centre
dispatches on the suggested department and sees the photo sent with the letter; the department signs and
drafts, its head approves; the centre calls back and publishes; the public page shows the handling record
with the writer's phone masked."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from zhengtong.letters.models import Centre, Letter, Responsibility
from zhengtong.org.models import Membership

from .. import factories as f
from ..conftest import sms_code
from ..files.samples import png_with_text
from .conftest import staff_login

pytestmark = pytest.mark.browser


def _tab(browser, live_server):
    context = browser.new_context(locale="zh-CN", base_url=live_server.url)
    context.set_default_timeout(10_000)
    return context.new_page()


def test_a_letter_from_the_form_to_a_published_masked_reply(page, browser, live_server, district, lisi, sms_outbox):
    centre = f.department("C", "12345热线中心", district["government"])
    Centre.objects.create(department=centre)
    Responsibility.objects.create(code="food", name="食品安全", keywords="食品 餐馆 过期", department=district["A"])
    operator = f.staff("op", "话务员", centre)
    head = f.staff("head_a", "甲局长", district["A"])
    Membership.objects.filter(user=head).update(is_head=True)

    page.goto("/letters/")
    page.get_by_role("link", name="我要写信").click()
    page.get_by_label("信件类别").select_option(label="投诉")
    page.get_by_label("标题").fill("超市销售过期食品")
    page.get_by_label("内容").fill("我叫王小明，电话13812345678。大碶街道某超市在卖过期牛奶，请查处。")
    page.get_by_label("姓名", exact=True).fill("王小明")
    page.get_by_label("手机号码").fill("13812345678")
    page.get_by_role("button", name="获取短信验证码").click()
    expect(page.get_by_role("status")).to_contain_text("138****5678")
    expect(page.get_by_label("内容")).to_have_value(re.compile("过期牛奶"))  # nothing typed is lost
    page.get_by_label("短信验证码").fill(sms_code(sms_outbox))
    page.get_by_label("照片或材料").set_input_files(
        files=[{"name": "过期牛奶.png", "mimeType": "image/png", "buffer": png_with_text()}]
    )
    consent = page.get_by_label(re.compile("同意在网站公开"))
    expect(consent).not_to_be_checked()  # consent is given by the writer, never presumed
    consent.check()
    page.get_by_role("button", name="提交").click()
    expect(page.locator("main")).to_contain_text("查询码")
    letter = Letter.objects.get()
    expect(page.locator("main")).to_contain_text(letter.number)

    desk = _tab(browser, live_server)
    staff_login(desk, operator)
    desk.goto("/workbench/letters/")
    desk.get_by_role("link", name="超市销售过期食品").click()
    expect(desk.locator(".alert-info")).to_contain_text("区市场监督管理局")  # the suggestion, with its reason
    expect(desk.locator(".alert-info")).to_contain_text("食品安全")
    expect(desk.get_by_role("link", name="过期牛奶.png")).to_be_visible()  # the photo, for the handlers only
    desk.get_by_role("button", name="受理并派单").click()
    expect(desk.locator(".alert-success")).to_contain_text("已办理")

    clerk = _tab(browser, live_server)
    staff_login(clerk, lisi)
    clerk.goto("/workbench/letters/")
    clerk.get_by_role("link", name="超市销售过期食品").click()
    clerk.get_by_role("button", name=re.compile("签收")).click()
    clerk.get_by_label("答复意见").fill("经现场检查，该超市已下架过期牛奶，并被依法立案查处。")
    clerk.get_by_role("button", name="报负责人审核").click()
    expect(clerk.locator(".alert-success")).to_contain_text("已办理")

    boss = _tab(browser, live_server)
    staff_login(boss, head)
    boss.goto(f"/workbench/letters/{letter.number}/")
    boss.get_by_role("button", name="审核通过并答复").click()
    expect(boss.locator(".alert-success")).to_contain_text("已办理")

    desk.goto(f"/workbench/letters/{letter.number}/")
    desk.get_by_label("满意", exact=True).check()
    desk.get_by_role("button", name="记录回访").click()
    desk.get_by_role("button", name="遮盖个人信息后公开").click()
    expect(desk.locator(".alert-success")).to_contain_text("已办理")

    visitor = _tab(browser, live_server)
    visitor.goto("/letters/")
    visitor.get_by_role("link", name="超市销售过期食品").click()
    main = visitor.locator("main")
    expect(main).to_contain_text("已下架过期牛奶")
    expect(main).to_contain_text("区市场监督管理局签收办理")
    expect(main).to_contain_text("回访：满意")
    assert "13812345678" not in main.inner_text() and "王小明" not in main.inner_text()
    assert "过期牛奶.png" not in visitor.content()  # attachments never reach a public page


def test_asking_for_the_code_keeps_the_photo_and_counts_down(page, hotline, sms_outbox):
    page.goto("/letters/write/")
    page.get_by_label("照片或材料").set_input_files(
        files=[{"name": "路灯.png", "mimeType": "image/png", "buffer": png_with_text()}]
    )
    page.get_by_label("手机号码").fill("13812345678")
    page.get_by_role("button", name="获取短信验证码").click()
    expect(page.locator("#phone-code-status")).to_contain_text("138****5678")
    assert page.get_by_label("照片或材料").evaluate("input => input.files.length") == 1  # nothing was reloaded
    expect(page.locator("[data-countdown]")).to_be_disabled()
    expect(page.locator("[data-countdown]")).to_contain_text("重新获取")
