"""The platform as a person uses it, in Chromium: register, be refused, log in with TOTP, large print, a11y."""

from __future__ import annotations

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from zhengtong.accounts.models import User
from zhengtong.core.crypto import blind_index

from .. import factories as f
from .conftest import staff_login

pytestmark = pytest.mark.browser


def _fill_citizen(page, id_number):
    page.goto("/accounts/register/citizen/")
    page.get_by_label("真实姓名").fill("张三")
    page.get_by_label("公民身份号码").fill(id_number)
    page.get_by_label("手机号码").fill("13805740021")
    page.get_by_label(re.compile(r"^密码")).fill(f.PASSWORD)
    page.get_by_label("确认密码").fill(f.PASSWORD)
    page.get_by_label(re.compile("我已阅读并同意")).check()
    page.get_by_role("button", name="提交注册").click()


def test_a_citizen_registers(page):
    _fill_citizen(page, f.valid_id_number())
    expect(page.locator(".alert-success")).to_contain_text("注册成功")
    expect(page.locator("header")).to_contain_text("张三")
    assert User.objects.filter(mobile_index=blind_index("13805740021"), kind=User.Kind.CITIZEN).exists()


def test_a_wrong_id_number_is_refused_with_a_clear_chinese_message(page):
    good = f.valid_id_number()
    wrong = good[:17] + ("1" if good[17] != "1" else "2")
    _fill_citizen(page, wrong)
    error = page.locator("#id_id_number_error")
    expect(error).to_contain_text("公民身份号码校验位不正确")
    expect(error).to_have_attribute("data-code", "ID_CHECKSUM")  # for support; people see the message only
    assert not User.objects.filter(mobile_index=blind_index("13805740021")).exists()


def test_the_calculator_answers_with_the_official_calendar(page):
    page.goto("/tools/deadline/")
    page.get_by_label("起算日期（收件日）").fill("2026-02-13")
    page.get_by_label("工作日数").fill("2")
    page.get_by_role("button", name="计算").click()
    expect(page.locator("main")).to_contain_text("到期日为 2026年2月24日（当日24时前）")
    expect(page.locator("main")).to_contain_text("2026-02-14（春节调休）")


def test_the_supervisor_drills_down_from_the_dashboard_to_a_late_clock(page, district, lisi):
    import datetime as dt

    from django.utils import timezone

    from zhengtong.supervision import services
    from zhengtong.supervision.scan import scan

    services.clock_start(
        subject_type="t.case",
        subject_id="A-9",
        subject_label="食品经营许可（测试）",
        stage="review",
        stage_label="审查",
        department=district["A"],
        assignee=lisi,
        limit=5,
        started_at=timezone.now() - dt.timedelta(days=40),
    )
    scan()
    role = f.role("supervisor", "all")
    role.supervises = True
    role.save(update_fields=["supervises"])
    supervisor = f.staff("jc", "钱七", district["B"], role)
    staff_login(page, supervisor)
    page.goto("/workbench/supervision/")
    expect(page.locator("#trend-chart canvas")).to_have_count(1)
    page.get_by_role("link", name="1", exact=True).first.click()
    page.get_by_role("link", name="食品经营许可（测试）").click()
    expect(page.locator("main")).to_contain_text("到期时间的计算")
    expect(page.locator("main")).to_contain_text("正常 → 超时")
    results = Axe().run(page)
    assert [v["id"] for v in results.response["violations"] if v["impact"] in ("serious", "critical")] == []


def test_a_staff_member_logs_in_with_totp(page, district, lisi):
    page.goto("/workbench/")
    page.get_by_label(re.compile("登录名")).fill("lisi")
    page.get_by_label("密码").fill(f.PASSWORD)
    page.get_by_role("button", name="登录").click()
    expect(page.get_by_role("heading", name="输入动态口令")).to_be_visible()
    page.get_by_label("动态口令或备用码").fill(f.totp_now(lisi))
    page.get_by_role("button", name="验证").click()
    expect(page.get_by_role("heading", name="工作台")).to_be_visible()
    expect(page.locator("main")).to_contain_text("区市场监督管理局")
    expect(page.locator("main")).to_contain_text("本部门数据")


def test_elderly_mode_toggles_and_is_remembered(page):
    page.goto("/")
    html = page.locator("html")
    expect(html).not_to_have_class(re.compile("elderly"))
    page.get_by_role("button", name="大字版").click()
    expect(html).to_have_class(re.compile("elderly"))
    size = page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)")
    assert size >= 20
    page.goto("/departments/")
    expect(html).to_have_class(re.compile("elderly"))
    page.get_by_role("button", name="标准版").click()
    expect(html).not_to_have_class(re.compile("elderly"))


def test_the_skip_link_is_the_first_stop_and_moves_focus_to_main(page):
    page.goto("/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert focused.strip() == "跳到主要内容"


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/accounts/login/",
        "/accounts/register/citizen/",
        "/departments/",
        "/tools/deadline/?start=2026-09-25&days=10",
        "/letters/",
        "/letters/write/",
        "/letters/summary/",
        "/site-map/",
        "/privacy/",
        "/contact/",
        "/no-such-page/",
    ],
)
@pytest.mark.parametrize("elderly", [False, True])
def test_no_serious_accessibility_violation(page, path, elderly):
    if elderly:
        page.goto("/")
        page.get_by_role("button", name="大字版").click()
    page.goto(path)
    results = Axe().run(page)
    serious = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert serious == [], [(v["id"], v["help"], [n["target"] for n in v["nodes"]][:3]) for v in serious]
