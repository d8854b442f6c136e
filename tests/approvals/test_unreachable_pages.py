"""A step asked on a page of a case the user may not see answers 404, as for a number never issued, and the attempt
is audited as the API audits it (issue 19, bad input: "nothing changes and the attempt is audited"; 等保2.0
8.1.4.3 安全审计; outside attack, session 48: the API recorded each, the pages none)."""

from __future__ import annotations

from zhengtong.audit.models import OperationLog

from .. import factories as f
from .test_workflow import submit


def _rows(user) -> list[OperationLog]:
    return list(OperationLog.objects.filter(actor_id=user.pk).order_by("seq"))


def test_a_step_posted_on_a_page_of_a_case_out_of_reach_is_404_and_audited(
    verified_client, item, zhangsan, wangwu, uploads, form_data
):
    application = submit(item, zhangsan, uploads, form_data)  # department A's; wangwu works in B
    before = len(_rows(wangwu))
    answer = verified_client(wangwu).post(f"/workbench/approvals/{application.pk}/act/accept/")
    assert answer.status_code == 404
    rows = _rows(wangwu)[before:]
    assert len(rows) == 1 and rows[0].changes["path"][1] == f"/workbench/approvals/{application.pk}/act/accept/"
    assert rows[0].changes["status"][1] == "404"
    application.refresh_from_db()
    assert application.status == "submitted"


def test_a_citizen_posting_on_anothers_application_is_audited(client, item, zhangsan, uploads, form_data):
    application = submit(item, zhangsan, uploads, form_data)
    from zhengtong.accounts import services as account_services

    other = account_services.citizen_register(
        real_name="李华", id_number=f.valid_id_number(sequence=77), mobile="13805740077", password=f.PASSWORD
    )
    client.force_login(other)
    answer = client.post(f"/services/applications/{application.receipt_no}/withdraw/")
    assert answer.status_code == 404 and len(_rows(other)) == 1


def test_a_refusal_the_api_audits_itself_is_recorded_once(client, item, zhangsan, wangwu, uploads, form_data):
    application = submit(item, zhangsan, uploads, form_data)
    auth = {"HTTP_AUTHORIZATION": f"Token {f.api_key(wangwu)}"}
    before = len(_rows(wangwu))
    answer = client.post(f"/api/v1/cases/applications/{application.pk}/actions/accept/", {}, **auth)
    assert answer.status_code == 404
    assert [r.action for r in _rows(wangwu)[before:]] == ["approvals.denied.accept"]


def test_an_anonymous_post_to_nowhere_writes_nothing(client, db):
    before = OperationLog.objects.count()
    assert client.post("/workbench/approvals/999999/act/accept/").status_code in (302, 403, 404)
    assert client.post("/no-such-page/").status_code == 404
    assert OperationLog.objects.count() == before


def test_a_signed_in_flood_of_refused_posts_is_capped_and_a_path_to_nowhere_writes_nothing(
    verified_client, item, zhangsan, wangwu, uploads, form_data
):
    """Review (session 48): any signed-in account could write a hash-chained row per request, each taking the
    chain's lock: a path no view serves writes nothing, a long path is cut, and past REFUSALS_PER_HOUR a user's
    refused requests are summed up in one row for the hour."""
    from zhengtong.audit.middleware import REFUSALS_PER_HOUR

    staff = verified_client(wangwu)
    before = len(_rows(wangwu))
    assert staff.post("/no-such-page/" + "x" * 1500 + "/").status_code == 404
    assert len(_rows(wangwu)) == before
    application = submit(item, zhangsan, uploads, form_data)
    for _ in range(REFUSALS_PER_HOUR + 5):
        assert staff.post(f"/workbench/approvals/{application.pk}/act/accept/?{'y' * 500}").status_code == 404
    rows = _rows(wangwu)[before:]
    assert [r.action for r in rows].count("audit.request.refused") == REFUSALS_PER_HOUR
    assert [r.action for r in rows][-1] == "audit.request.refusals_capped" and len(rows) == REFUSALS_PER_HOUR + 1
