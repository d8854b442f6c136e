"""The service hall through the API: public catalogue and status, submission, staff actions."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile

from zhengtong.approvals import services
from zhengtong.approvals.models import Application
from zhengtong.audit.models import OperationLog

from .. import factories as f
from ..files import samples


def test_the_catalogue_and_a_guide_are_public(client, item):
    rows = client.get("/api/v1/approvals/items/", {"audience": "legal"}).json()["results"]
    assert [r["code"] for r in rows] == [item.code]
    guide = client.get(f"/api/v1/approvals/items/{item.code}/").json()
    assert guide["basis"].startswith("《中华人民共和国食品安全法》") and guide["co_departments"] == ["区卫生健康局"]
    assert {m["name"] for m in guide["materials"]} == {"营业执照", "场所平面图"}


def _submitted(client, item, user, key: str, shop: str = "港城小吃"):
    """An online application through the API, as a client sends it: the item's fields, the 承诺书 and the licence."""
    licence = item.materials.get(name="营业执照")
    return client.post(
        f"/api/v1/approvals/items/{item.code}/applications/",
        {
            "shop_name": shop,
            "area": "45",
            "promise": "1",
            f"material_{licence.pk}": SimpleUploadedFile("营业执照.pdf", samples.pdf()),
        },
        HTTP_AUTHORIZATION=f"Token {f.api_key(user)}",
        HTTP_IDEMPOTENCY_KEY=key,
    )


def test_submit_through_the_api_with_an_idempotency_key(client, item, zhangsan):
    def post():
        return _submitted(client, item, zhangsan, "api-1")

    first = post()
    assert first.status_code == 201 and len(first.json()["query_code"]) == 6
    second = post()  # a retry after a lost answer (issue 21 item 11): the same case and the same code
    assert second.json()["receipt_no"] == first.json()["receipt_no"] and Application.objects.count() == 1
    assert second.json()["query_code"] == first.json()["query_code"]
    status = client.post(
        "/api/v1/approvals/status/",
        {"receipt_no": first.json()["receipt_no"], "code": first.json()["query_code"]},
        content_type="application/json",
    ).json()
    assert status["status"] == "submitted" and status["events"][0]["label"] == "网上提交申请"
    promised = OperationLog.objects.filter(action="approvals.application.promise", actor_id=zhangsan.pk)
    assert promised.count() == 1  # 行政许可法 第三十一条: the 承诺书 accepted through the API too, once


def test_the_api_refuses_an_application_without_the_promise(client, item, zhangsan):
    """行政许可法 第三十一条: the applicant answers for the truth of his materials; the API asks as the page does."""
    response = client.post(
        f"/api/v1/approvals/items/{item.code}/applications/",
        {"shop_name": "港城小吃", "area": "45"},
        HTTP_AUTHORIZATION=f"Token {f.api_key(zhangsan)}",
    )
    assert response.status_code == 400 and response.json()["code"] == "PROMISE_REQUIRED"
    assert "promise" in response.json()["fields"] and not Application.objects.exists()


def test_a_missing_field_is_a_coded_400(client, item, zhangsan):
    token = f.api_key(zhangsan)
    response = client.post(
        f"/api/v1/approvals/items/{item.code}/applications/",
        {"area": "45", "promise": "1"},
        HTTP_AUTHORIZATION=f"Token {token}",
    )
    assert response.status_code == 400 and response.json()["code"] == "FIELD_REQUIRED"


def test_staff_act_with_a_token_and_not_with_a_password_only_session(client, item, zhangsan, lisi, uploads, form_data):
    application = services.application_submit(item=item, applicant=zhangsan, data=form_data, uploads=uploads)
    url = f"/api/v1/approvals/applications/{application.pk}/actions/accept/"
    client.force_login(lisi)  # password only, no second factor
    assert client.post(url).status_code == 403
    client.logout()
    token = f.api_key(lisi)
    body = client.post(url, HTTP_AUTHORIZATION=f"Token {token}").json()
    assert body["status"] == "reviewing"


def test_the_earlier_staff_action_endpoint_takes_an_idempotency_key_too(
    client, item, zhangsan, lisi, uploads, form_data
):
    """Issue 19, item 4: every action the API performs takes an Idempotency-Key; this endpoint, kept for existing
    clients, ran a retried accept twice (the second was refused as a state conflict, and the client never saw the
    first answer)."""
    from zhengtong.audit.models import OperationLog

    application = services.application_submit(item=item, applicant=zhangsan, data=form_data, uploads=uploads)
    url = f"/api/v1/approvals/applications/{application.pk}/actions/accept/"
    auth = {"HTTP_AUTHORIZATION": f"Token {f.api_key(lisi)}", "HTTP_IDEMPOTENCY_KEY": "retry-1"}
    first, again = client.post(url, **auth), client.post(url, **auth)
    assert first.status_code == again.status_code == 200 and first.json() == again.json()
    assert (
        OperationLog.objects.filter(action="approvals.application.accept", object_id=str(application.pk)).count() == 1
    )


def test_another_departments_staff_get_404_or_a_coded_refusal(client, item, zhangsan, lisi, wangwu, uploads, form_data):
    application = services.application_accept(
        application=services.application_submit(item=item, applicant=zhangsan, data=form_data, uploads=uploads), by=lisi
    )
    token = f.api_key(wangwu)
    branch_a = application.branches.get(department__code="A")
    response = client.post(
        f"/api/v1/approvals/applications/{application.pk}/actions/review/",
        {"branch": branch_a.pk, "agree": "1"},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Token {token}",
    )
    assert response.status_code == 403 and response.json()["code"] == "OTHER_DEPARTMENT"


def test_window_registration_through_the_api(client, item, lisi, wangwu):
    licence = item.materials.get(name="营业执照")

    def post(user, received="2026-11-20T09:15:00+08:00"):
        token = f.api_key(user)
        return client.post(
            f"/api/v1/approvals/items/{item.code}/window/",
            {
                "applicant_name": "北仑港城小吃店",
                "received_at": received,
                "shop_name": "港城小吃",
                "area": "30",
                f"material_{licence.pk}": SimpleUploadedFile("营业执照.pdf", samples.pdf()),
            },
            HTTP_AUTHORIZATION=f"Token {token}",
        )

    response = post(lisi)
    assert response.status_code == 201
    application = Application.objects.get(receipt_no=response.json()["receipt_no"])
    assert application.channel == "window" and application.registered_by == lisi
    assert post(wangwu).json()["code"] == "OTHER_DEPARTMENT"
    assert post(lisi, received="2099-01-01T00:00:00+08:00").json()["code"] == "RECEIVED_IN_FUTURE"


def test_my_applications_cost_the_same_queries_however_many_are_on_the_page(
    client, item, zhangsan, lisi, uploads, form_data
):
    """Issue 26: the applicant's list read each application's branches and their departments one by one; every
    part of the page is read once for the whole page."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def accepted():
        application = services.application_submit(item=item, applicant=zhangsan, data=form_data, uploads=uploads)
        return services.application_accept(application=application, by=lisi)

    token = {"HTTP_AUTHORIZATION": f"Token {f.api_key(zhangsan)}"}

    def queries() -> int:
        with CaptureQueriesContext(connection) as read:
            page = client.get("/api/v1/approvals/applications/", **token).json()
        assert all(a["branches"] for a in page["results"])
        return len(read.captured_queries)

    accepted()
    queries()  # the first call also notes the key's first use
    one = queries()
    accepted(), accepted()
    assert queries() == one


def test_the_earlier_staff_action_endpoint_checks_the_state_first_and_audits_a_case_out_of_reach(
    client, item, zhangsan, lisi, wangwu, uploads, form_data
):
    """As the case API does (issue 19, bad input; the fresh-eyes review found this endpoint reading its
    parameters first and leaving an out-of-reach attempt unrecorded)."""
    from zhengtong.audit.models import OperationLog

    application = services.application_submit(item=item, applicant=zhangsan, data=form_data, uploads=uploads)
    url = f"/api/v1/approvals/applications/{application.pk}/actions/extend/"
    early = client.post(
        url, {"approver": "²"}, content_type="application/json", HTTP_AUTHORIZATION=f"Token {f.api_key(lisi)}"
    )
    assert early.status_code == 409 and early.json()["code"] == "APPLICATION_WRONG_STATE"
    hidden = client.post(
        f"/api/v1/approvals/applications/{application.pk}/actions/accept/",
        {},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Token {f.api_key(wangwu)}",
    )
    assert hidden.status_code == 404
    assert OperationLog.objects.filter(action="approvals.denied.accept").exists()


def test_the_earlier_staff_action_endpoint_takes_a_decision_as_json_true_as_the_case_api_does(
    client, item, zhangsan, lisi, uploads, form_data
):
    """Issue 19 item 4: its body was a serializer of its own that took `agree` only as the text "1", so a client
    sending JSON `true` (as the schema of the case API says) was refused; the actions' own readers (core/params)
    check every parameter, naming it."""
    application = services.application_accept(
        application=services.application_submit(item=item, applicant=zhangsan, data=form_data, uploads=uploads), by=lisi
    )
    url = f"/api/v1/approvals/applications/{application.pk}/actions/review/"
    auth = {"HTTP_AUTHORIZATION": f"Token {f.api_key(lisi)}"}
    branch = application.branches.get(department__code="A")
    wrong = client.post(url, {"branch": branch.pk, "agree": "maybe"}, content_type="application/json", **auth)
    assert wrong.status_code == 400 and "agree" in wrong.json()["fields"]
    assert "是否同意" in wrong.json()["fields"]["agree"][0]["message"]  # named as the page's form names it
    done = client.post(url, {"branch": branch.pk, "agree": True}, content_type="application/json", **auth)
    assert done.status_code == 200, done.json()
    branch.refresh_from_db()
    assert branch.state == "agreed"


def test_the_earlier_endpoints_document_the_bodies_they_read(client, db):
    """A submission's item fields are form fields of their own (the schema said one `data` object, which was never
    read); the earlier staff action endpoint documents every parameter its actions read (it lacked `approve`) and
    points to the case API, each action at its own path."""
    schema = client.get("/api/schema/?format=json").json()
    submit = schema["paths"]["/api/v1/approvals/items/{code}/applications/"]["post"]
    form = submit["requestBody"]["content"]["multipart/form-data"]["schema"]
    assert "data" not in form.get("properties", {}) and form["additionalProperties"]
    window = schema["paths"]["/api/v1/approvals/items/{code}/window/"]["post"]
    assert window["requestBody"]["content"]["multipart/form-data"]["schema"]["additionalProperties"]
    act = schema["paths"]["/api/v1/approvals/applications/{id}/actions/{action}/"]["post"]
    body = act["requestBody"]["content"]["application/json"]["schema"]
    assert {"approve", "agree", "granted", "branch", "items", "expected_days"} <= set(body["properties"])
    assert body["properties"]["agree"]["type"] == "boolean" and act["deprecated"] is True
    (action,) = [p for p in act["parameters"] if p["name"] == "action"]
    assert {"accept", "review", "extend_decide"} <= set(action["schema"]["enum"]) and "resubmit" not in str(action)


def test_a_submission_key_used_for_another_item_or_other_answers_is_refused_not_answered_with_the_first(
    client, item, district, zhangsan
):
    """Outside try, session 53: a key reused for another item answered 201 with the first application's receipt,
    so the citizen believed he had applied for the second item; a key over 64 characters was cut to 64, so two
    keys alike in their first 64 were one. Both are refused as the case API refuses them; a retry still gets its
    first answer (the test above)."""
    from .conftest import make_item

    other = make_item(district, code="330206-XK-0002", name="酒类零售许可")

    def post(to, key, shop="港城小吃"):
        return _submitted(client, to, zhangsan, key, shop)

    assert post(item, "k-1").status_code == 201
    for answer in (post(other, "k-1"), post(item, "k-1", shop="另一家店")):
        assert answer.status_code == 409 and answer.json()["code"] == "IDEMPOTENCY_KEY_REUSED"
    long = post(item, "k" * 65)
    assert long.status_code == 400 and long.json()["code"] == "IDEMPOTENCY_KEY_TOO_LONG"
    assert Application.objects.count() == 1


def test_a_submitted_answer_longer_than_its_field_takes_is_refused_naming_it_not_cut(client, item, zhangsan):
    """Outside try, session 53: the API stored the first 2,000 characters of a 100,000-character answer and
    answered 201, where the page's form takes 200 for a line of text. The service holds each kind's length, and
    the form takes it from there."""
    licence = item.materials.get(name="营业执照")
    answer = client.post(
        f"/api/v1/approvals/items/{item.code}/applications/",
        {
            "shop_name": "港" * 201,
            "area": "45",
            "promise": "1",
            f"material_{licence.pk}": SimpleUploadedFile("营业执照.pdf", samples.pdf()),
        },
        HTTP_AUTHORIZATION=f"Token {f.api_key(zhangsan)}",
    )
    assert answer.status_code == 400 and answer.json()["code"] == "FIELD_TOO_LONG"
    assert "店铺名称" in answer.json()["fields"]["shop_name"][0]["message"] and not Application.objects.exists()


def test_a_file_sent_under_no_material_of_the_item_is_refused_naming_it_not_dropped(client, item, district, zhangsan):
    """Outside try, session 53: a file sent as another item's material (or under any other name) was dropped
    without a word, and the application went in without what the applicant believed he had sent."""
    from .conftest import make_item

    other = make_item(district, code="330206-XK-0002", name="酒类零售许可")
    licence, foreign = item.materials.get(name="营业执照"), other.materials.get(name="营业执照")
    answer = client.post(
        f"/api/v1/approvals/items/{item.code}/applications/",
        {
            "shop_name": "港城小吃",
            "area": "45",
            "promise": "1",
            f"material_{licence.pk}": SimpleUploadedFile("营业执照.pdf", samples.pdf()),
            f"material_{foreign.pk}": SimpleUploadedFile("平面图.pdf", samples.pdf()),
        },
        HTTP_AUTHORIZATION=f"Token {f.api_key(zhangsan)}",
    )
    assert answer.status_code == 400 and answer.json()["code"] == "MATERIAL_UNKNOWN"
    assert list(answer.json()["fields"]) == [f"material_{foreign.pk}"] and not Application.objects.exists()


def test_a_retry_gets_its_first_answer_after_the_application_or_its_item_changed(client, item, zhangsan, lisi):
    """Review, session 53: the retry was compared with the application's answers as they stand, cleaned by the
    item's form as it stands; after a correction changed an answer, or a new required field, the very retry of the
    first request was refused. It is compared with the first request, as sent (a keyed digest kept with it)."""
    from zhengtong.approvals.models import FormField

    def post():
        return _submitted(client, item, zhangsan, "k-retry")

    first = post()
    application = Application.objects.get()
    services.application_request_correction(application=application, by=lisi, items=["店铺名称有误"])
    services.application_resubmit(application=application, by=zhangsan, data={"shop_name": "港城小吃店"}, uploads={})
    FormField.objects.create(item=item, key="owner", label="经营者", order=3)
    again = post()
    assert again.status_code == 201 and again.json()["receipt_no"] == first.json()["receipt_no"]
