"""The audit administrator searches both logs and exports them to Excel; the export is itself audited."""

from __future__ import annotations

import io

from django.urls import reverse
from openpyxl import load_workbook

from zhengtong.audit.context import Actor, acting_as
from zhengtong.audit.models import LoginLog, OperationLog
from zhengtong.audit.services import audit_record, login_record

from ..downloads import body


def test_search_by_keyword_and_date(verified_client, admins):
    audit_record(action="org.department.create", object_repr="区应急管理局")
    audit_record(action="org.department.create", object_repr="区统计局")
    client = verified_client(admins["audit"])
    page = client.get(reverse("workbench:audit_operations"), {"q": "应急"}).content.decode()
    assert "区应急管理局" in page and "区统计局" not in page


def test_an_end_before_the_start_is_refused_with_a_code(verified_client, admins):
    client = verified_client(admins["audit"])
    page = client.get(reverse("workbench:audit_operations"), {"start": "2026-05-02", "end": "2026-05-01"})
    assert "DATE_RANGE" in page.content.decode()


def test_operation_log_exports_to_excel_and_the_export_is_audited(verified_client, admins):
    audit_record(action="org.department.create", object_repr="区应急管理局")
    client = verified_client(admins["audit"])
    response = client.get(reverse("workbench:audit_operations"), {"q": "应急", "format": "xlsx"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(body(response))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:5] == ("序号", "时间", "操作人", "部门ID", "操作")
    assert [r[7] for r in rows[1:]] == ["区应急管理局"]
    assert OperationLog.objects.filter(action="audit.operationlog.export").exists()


def test_login_log_exports_to_excel(verified_client, admins):
    with acting_as(Actor(ip="10.1.1.1")):
        login_record(username="zhangsan", outcome=LoginLog.Outcome.FAILURE)
    client = verified_client(admins["audit"])
    response = client.get(reverse("workbench:audit_logins"), {"format": "xlsx"})
    rows = list(load_workbook(io.BytesIO(body(response))).active.iter_rows(values_only=True))
    assert ("zhangsan", "失败", "10.1.1.1") in [(r[1], r[2], r[3]) for r in rows[1:]]
