"""An Excel export as Chromium downloads it (issue 26: exports streamed while their rows are read): the auditor's
operation log arrives whole, as a workbook with its headings and the rows the page lists."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook

from .conftest import staff_login

pytestmark = pytest.mark.browser


def test_the_auditor_downloads_the_operation_log_as_a_workbook(page, admins, tmp_path):
    staff_login(page, admins["audit"])
    page.goto("/workbench/audit/operations/")
    with page.expect_download() as caught:
        page.get_by_role("link", name="导出Excel").click()
    download = caught.value
    assert download.failure() is None and download.suggested_filename.endswith(".xlsx")
    saved = tmp_path / "export.xlsx"
    download.save_as(saved)
    sheet = load_workbook(saved).active
    assert [c.value for c in sheet[1]][:3] == ["序号", "时间", "操作人"]
    actions = {row[4] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert sheet.max_row >= 2 and any(a and a.startswith("accounts.") for a in actions)
