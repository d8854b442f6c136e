"""Every authentication path writes its actor into the audit trail (issue 21, item 1; 等保2.0 8.1.4.3 a: the audit
covers each user): a session, an API key, an Open311 key and a management command. One test per path checks the
row's actor and department."""

from __future__ import annotations

import getpass
import io

from django.core.management import call_command
from django.urls import reverse

from zhengtong.approvals import services as approvals
from zhengtong.audit.models import OperationLog
from zhengtong.letters.models import Letter

from .. import factories as f


def _submitted(item, zhangsan, uploads, form_data):
    return approvals.application_submit(item=item, applicant=zhangsan, data=form_data, uploads=uploads)


def test_a_session(verified_client, item, zhangsan, lisi, district, uploads, form_data):
    application = _submitted(item, zhangsan, uploads, form_data)
    verified_client(lisi).post(reverse("workbench_approvals:act", args=[application.pk, "accept"]))
    row = OperationLog.objects.get(action="approvals.application.accept")
    assert (row.actor_id, row.actor_name, row.department_id) == (lisi.pk, "lisi", district["A"].pk)


def test_an_api_key(client, item, zhangsan, lisi, district, uploads, form_data):
    application = _submitted(item, zhangsan, uploads, form_data)
    auth = {"HTTP_AUTHORIZATION": f"Token {f.api_key(lisi)}"}
    response = client.post(f"/api/v1/cases/applications/{application.pk}/actions/accept/", **auth)
    assert response.status_code == 200, response.content
    row = OperationLog.objects.get(action="approvals.application.accept")
    assert (row.actor_id, row.department_id) == (lisi.pk, district["A"].pk)


def test_an_open311_key(client, hotline):
    out = io.StringIO()
    call_command("integration", "create", "hotline12345", "--name", "12345政务服务热线平台", stdout=out)
    key = out.getvalue().split()[-1]
    values = {"api_key": key, "service_code": "food", "lat": "29.9", "long": "121.8", "description": "油烟扰民"}
    assert client.post("/open311/v2/requests.json", values).status_code in (200, 201)
    letter = Letter.objects.get()
    row = OperationLog.objects.filter(object_type="letters.letter", object_id=str(letter.pk)).first()
    assert row.actor_name == "hotline12345" and row.actor_id is not None and row.department_id is None


def test_a_management_command(db):
    call_command("integration", "create", "exchange", "--name", "省数据交换平台", stdout=io.StringIO())
    row = OperationLog.objects.get(action="accounts.integration.create")
    assert row.actor_id is None and row.actor_name == f"命令行:{getpass.getuser()}（integration）"
