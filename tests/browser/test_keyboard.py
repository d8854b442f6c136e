"""Keyboard-only journeys (issue 22 item 2; DOMAIN §9: GB/T 37668-2019 and the elderly mode's 全键盘操作): a
citizen logs in, applies for a service and writes a letter using Tab, typing, Space and Enter alone. Every control
on the way is reached by Tab in a sensible order and shows where the focus is; a wrong file is refused the moment
it is chosen, and the message is announced."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from zhengtong.approvals.models import Application
from zhengtong.letters.models import Letter

from .. import factories as f
from ..approvals.conftest import make_item
from ..files import samples

pytestmark = pytest.mark.browser

MAX_TABS = 120

# The focused element, described for a failure message, and whether the focus is visible (an outline or the
# Bootstrap focus ring), as WCAG 2.4.7 asks.
FOCUSED = """() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  const label = el.labels && el.labels[0] ? el.labels[0].innerText : "";
  return {
    text: (label || el.innerText || el.value || el.getAttribute("aria-label") || "").trim().slice(0, 40),
    tag: el.tagName.toLowerCase(),
    visible: style.outlineStyle !== "none" || style.boxShadow !== "none",
  };
}"""


def tab_to(page, pattern: str, *, shift: bool = False) -> None:
    """Press Tab until the focused control's label or text matches `pattern`; every stop on the way must show its
    focus."""
    wanted, seen = re.compile(pattern), []
    page.wait_for_load_state()
    for _press in range(MAX_TABS):
        page.keyboard.press("Shift+Tab" if shift else "Tab")
        focused = page.evaluate(FOCUSED)
        seen.append(focused["text"])
        if focused["tag"] == "body":
            continue  # past the last control the focus leaves the page for the browser's own controls
        assert focused["visible"], f"focus not visible on {focused}"
        if wanted.search(focused["text"]):
            return
    raise AssertionError(f"{pattern!r} not reached by Tab; stops: {seen}")


def enter(page) -> None:
    """Enter on a link or a submit button, waiting for the page it opens."""
    with page.expect_navigation():
        page.keyboard.press("Enter")


def _login_by_keyboard(page, citizen) -> None:
    page.goto("/accounts/login/")
    tab_to(page, "登录名")
    page.keyboard.type(citizen.mobile)
    tab_to(page, "^密码")
    page.keyboard.type(f.PASSWORD)
    enter(page)
    expect(page.get_by_role("link", name=re.compile("我的办件"))).to_be_visible()


def test_apply_for_a_service_with_the_keyboard_alone(page, district, zhangsan):
    item = make_item(district)
    _login_by_keyboard(page, zhangsan)
    page.goto(f"/services/items/{item.code}/")
    tab_to(page, "在线申请")
    enter(page)
    tab_to(page, "店铺名称")
    page.keyboard.type("港城小吃")
    tab_to(page, "经营面积")
    page.keyboard.type("45")
    tab_to(page, "营业执照")
    # The file dialog is the operating system's, outside the page (headless Chromium opens it from Enter on one
    # machine and not on another): the focused input, reached by Tab, is given the file; a wrong file is named at
    # once, announced as an alert.
    focused = page.locator(":focus")
    focused.set_input_files({"name": "营业执照.exe", "mimeType": "application/octet-stream", "buffer": samples.EXE})
    expect(page.get_by_role("alert")).to_contain_text("营业执照.exe：只能上传")
    focused.set_input_files({"name": "营业执照.pdf", "mimeType": "application/pdf", "buffer": samples.pdf()})
    expect(page.get_by_role("alert")).to_have_text("")
    tab_to(page, "下一步")
    enter(page)
    expect(page.get_by_role("heading", name=re.compile("核对申请信息"))).to_be_visible()
    tab_to(page, "我已阅读并同意")
    page.keyboard.press("Space")
    tab_to(page, "确认提交申请")
    enter(page)
    expect(page.get_by_role("heading", name="申请已提交")).to_be_visible()
    application = Application.objects.get()
    assert application.data == {"shop_name": "港城小吃", "area": "45"} and application.materials.count() == 1


def test_write_a_letter_with_the_keyboard_alone(page, hotline_centre, zhangsan):
    _login_by_keyboard(page, zhangsan)
    page.goto("/letters/write/")
    tab_to(page, "信件类别")
    page.keyboard.press("ArrowDown")  # a select moves with the arrow keys
    tab_to(page, "^标题")
    page.keyboard.type("路灯不亮")
    tab_to(page, "^内容")
    page.keyboard.type("大碶街道某路段路灯已坏一周，夜间行走不安全。")
    tab_to(page, "同意在网站公开")
    page.keyboard.press("Space")
    tab_to(page, "提交")
    enter(page)
    expect(page.locator("main")).to_contain_text("查询码")
    letter = Letter.objects.get()
    assert letter.title == "路灯不亮" and letter.public_allowed and letter.writer_id == zhangsan.pk


@pytest.fixture
def hotline_centre(district):
    from zhengtong.letters.models import Centre

    centre = f.department("C", "12345热线中心", district["government"])
    Centre.objects.create(department=centre)
    return centre
