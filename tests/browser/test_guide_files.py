"""A guide's sample uploaded through the item page as staff do it (issue 20, item 1): the file goes with the form,
the check runs, the row says the file is public, and the public guide links it. In 大字版 at a phone's width the
materials' table scrolls inside its box and the page does not (the first attack found the page 1,330 px wide)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from ..approvals.conftest import make_item
from ..approvals.test_catalogue import _head_of_a
from ..files import hidden
from .conftest import staff_login

pytestmark = pytest.mark.browser


def test_a_sample_is_uploaded_on_a_phone_in_the_large_type_mode_and_linked_from_the_guide(page, district):
    item = make_item(district)
    staff_login(page, _head_of_a(district))
    page.set_viewport_size({"width": 375, "height": 900})
    page.goto("/")
    if not page.get_by_role("button", name="标准版").count():  # switch to 大字版 (the button names the other mode)
        page.locator("form[action='/elderly/'] button").click()
    page.goto(f"/workbench/approvals/catalogue/{item.code}/")
    row = item.materials.get(name="营业执照")
    upload = page.locator("input[type=file][name$='-sample_upload']").first
    upload.set_input_files(
        {
            "name": "示例.xlsx",
            "mimeType": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "buffer": hidden.xlsx(),
        }
    )
    page.get_by_role("button", name="保存为新版本").click()
    expect(page.get_by_text("已保存为新版本")).to_be_visible()
    expect(page.get_by_text("示例.xlsx（已公开）")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    page.goto(f"/services/items/{item.code}/")
    expect(page.get_by_role("link", name="示例样表")).to_have_attribute(
        "href", f"/services/items/{item.code}/forms/{row.pk}/sample/"
    )
