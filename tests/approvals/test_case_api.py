"""The case API (cases/api.py) on the hall's applications: the same shape serves every case type.

等保2.0 8.1.4.2 访问控制: a case outside what the caller may see answers 404 with the API's error shape; a step
the table does not allow answers 409 naming the state. 行政许可法 第三十二条: a window applicant's corrected
materials are recorded by the lead department's staff.
"""

from __future__ import annotations

import hashlib

from django.core.files.uploadedfile import SimpleUploadedFile

from zhengtong.approvals import services
from zhengtong.approvals.models import Application
from zhengtong.audit.models import OperationLog

from .. import factories as f
from ..bodies import refused_for_a_marked_field
from ..files import samples

BASE = "/api/v1/cases/applications/"


def _auth(user) -> dict:
    return {"HTTP_AUTHORIZATION": f"Token {f.api_key(user)}"}


def _submit(item, zhangsan, uploads, form_data):
    return services.application_submit(item=item, applicant=zhangsan, data=form_data, uploads=uploads)


def test_the_list_and_the_detail_are_scoped_and_carry_the_allowed_actions(
    client, district, item, zhangsan, lisi, wangwu, uploads, form_data
):
    application = _submit(item, zhangsan, uploads, form_data)
    listed = client.get(BASE, {"status": "submitted"}, **_auth(lisi)).json()["results"]
    assert [row["receipt_no"] for row in listed] == [application.receipt_no]
    assert client.get(BASE, **_auth(wangwu)).json()["results"] == []  # B has no branch before acceptance
    outsider = client.get(f"{BASE}{application.pk}/", **_auth(wangwu))
    assert outsider.status_code == 404 and outsider.json()["code"] == "NOT_FOUND"
    detail = client.get(f"{BASE}{application.pk}/", **_auth(lisi)).json()
    assert detail["allowed_actions"] == ["accept", "correction", "refuse"]
    assert [c["stage"] for c in detail["clocks"]] == ["accept"]
    assert detail["timeline"][0]["action"] == "submit"


def test_a_paused_limit_says_so_in_the_api_as_on_the_page(client, item, zhangsan, lisi, uploads, form_data):
    """行政许可法 第三十二条 (补正 stops the clock): a case waiting for its applicant's correction showed its limit
    running and green through the API, while its page said 暂停中 (outside try, session 51)."""
    from zhengtong.approvals import services

    application = _submit(item, zhangsan, uploads, form_data)
    services.application_request_correction(application=application, by=lisi, items=["营业执照复印件"])
    clock = client.get(f"{BASE}{application.pk}/", **_auth(lisi)).json()["clocks"][0]
    assert clock["paused_since"] is not None and clock["stopped_at"] is None


def test_an_action_with_an_idempotency_key_is_taken_once(client, item, zhangsan, lisi, uploads, form_data):
    application = _submit(item, zhangsan, uploads, form_data)
    url = f"{BASE}{application.pk}/actions/accept/"
    first = client.post(url, {}, content_type="application/json", HTTP_IDEMPOTENCY_KEY="k-1", **_auth(lisi))
    again = client.post(url, {}, content_type="application/json", HTTP_IDEMPOTENCY_KEY="k-1", **_auth(lisi))
    assert first.status_code == again.status_code == 200 and first.json() == again.json()
    assert first.json()["status"] == "reviewing"
    accepted = OperationLog.objects.get(action="approvals.application.accept")
    assert (accepted.actor_id, accepted.actor_name) == (lisi.pk, "lisi")  # the token's owner, 等保 8.1.4.3 a)
    late = client.post(url, {}, content_type="application/json", **_auth(lisi))
    assert (
        late.status_code == 409
        and late.json()["code"] == "APPLICATION_WRONG_STATE"
        and "审查中" in late.json()["message"]
    )


def test_the_applicant_withdraws_his_own_and_no_one_elses(client, district, item, zhangsan, uploads, form_data):
    from zhengtong.accounts import services as account_services

    application = _submit(item, zhangsan, uploads, form_data)
    other = account_services.citizen_register(
        real_name="赵六", id_number=f.valid_id_number(), mobile="13805740009", password=f.PASSWORD
    )
    url = f"{BASE}{application.pk}/actions/withdraw/"
    assert client.post(url, {}, content_type="application/json", **_auth(other)).status_code == 404
    assert client.get(f"{BASE}{application.pk}/", **_auth(zhangsan)).status_code == 403  # staff's view only
    taken = client.post(url, {}, content_type="application/json", **_auth(zhangsan))
    assert taken.status_code == 200 and taken.json()["status"] == "withdrawn"


def test_staff_record_a_window_applicants_corrected_materials(client, item, lisi, uploads, form_data):
    licence = item.materials.get(name="营业执照")
    application = services.application_submit(
        item=item,
        applicant=None,
        data=form_data,
        uploads=uploads,
        channel="window",
        applicant_name="张三",
        registered_by=lisi,
    )
    services.application_request_correction(application=application, by=lisi, items=["营业执照复印件不清晰"])
    corrected = client.post(
        f"{BASE}{application.pk}/actions/resubmit/",
        {f"material_{licence.pk}": SimpleUploadedFile("营业执照.pdf", samples.pdf(), "application/pdf")},
        **_auth(lisi),
    )
    assert corrected.status_code == 200 and corrected.json()["status"] == "submitted"
    assert application.materials.count() == 2


def test_the_applicants_resubmission_through_the_api_carries_his_answers_and_is_never_empty(
    client, item, zhangsan, lisi, uploads, form_data
):
    """Issue 19 item 4 (outside attack, session 48): the API's resubmission dropped the form's answers the page
    passes, and one with nothing in it put the application back to 待受理 unchanged, though its correction notice
    is given once (行政许可法 第三十二条)."""
    application = _submit(item, zhangsan, uploads, form_data)
    services.application_request_correction(application=application, by=lisi, items=["请写明店铺名称"])
    url = f"{BASE}{application.pk}/actions/resubmit/"
    empty = client.post(url, {}, content_type="application/json", **_auth(zhangsan))
    assert empty.status_code == 400 and empty.json()["code"] == "CORRECTION_EMPTY"
    application.refresh_from_db()
    assert application.status == "correction"
    answered = client.post(url, {"shop_name": "港城小吃店"}, content_type="application/json", **_auth(zhangsan))
    assert answered.status_code == 200 and answered.json()["status"] == "submitted"
    application.refresh_from_db()
    assert application.data["shop_name"] == "港城小吃店" and application.data["area"] == form_data["area"]


def test_a_key_reused_for_another_body_or_still_running_is_refused(client, item, zhangsan, lisi, uploads, form_data):
    from django.core.cache import cache

    application = _submit(item, zhangsan, uploads, form_data)
    url = f"{BASE}{application.pk}/actions/refuse/"
    first = client.post(
        url, {"reason": "不属于本机关职权"}, content_type="application/json", HTTP_IDEMPOTENCY_KEY="k-2", **_auth(lisi)
    )
    other = client.post(
        url, {"reason": "另一理由"}, content_type="application/json", HTTP_IDEMPOTENCY_KEY="k-2", **_auth(lisi)
    )
    assert first.status_code == 200 and other.status_code == 409 and other.json()["code"] == "IDEMPOTENCY_KEY_REUSED"
    # a request still running with the key holds it: a second one racing it is told so, and does not run
    second = _submit(item, zhangsan, uploads, {**form_data, "shop_name": "港城面馆"})
    digest = hashlib.sha256(f"approvals.application:{lisi.pk}:k-3".encode()).hexdigest()
    fingerprint = hashlib.sha256(f"{second.pk}:accept:".encode() + b"{}").hexdigest()
    cache.set(f"idempotency:{digest}", {"state": "pending", "fingerprint": fingerprint})
    racing = client.post(
        f"{BASE}{second.pk}/actions/accept/",
        {},
        content_type="application/json",
        HTTP_IDEMPOTENCY_KEY="k-3",
        **_auth(lisi),
    )
    assert racing.status_code == 409 and racing.json()["code"] == "IDEMPOTENCY_IN_PROGRESS"
    second.refresh_from_db()
    assert second.status == "submitted"
    too_long = client.post(
        f"{BASE}{second.pk}/actions/accept/",
        {},
        content_type="application/json",
        HTTP_IDEMPOTENCY_KEY="x" * 65,
        **_auth(lisi),
    )
    assert too_long.status_code == 400 and too_long.json()["code"] == "IDEMPOTENCY_KEY_TOO_LONG"


def test_parameters_are_read_strictly_and_lists_keep_every_item(client, item, zhangsan, lisi, uploads, form_data):
    application = _submit(item, zhangsan, uploads, form_data)
    url = f"{BASE}{application.pk}/actions/correction/"
    items = ["缺少营业执照", "缺少授权委托书", "身份证复印件不清晰"]
    taken = client.post(url, {"items": items}, content_type="application/json", **_auth(lisi))
    assert taken.status_code == 200 and application.corrections.get().items == items
    # under review, where an extension is asked for (in 补正 the state answers first: 409 naming it)
    reviewing = services.application_accept(application=_submit(item, zhangsan, uploads, form_data), by=lisi)
    odd = client.post(
        f"{BASE}{reviewing.pk}/actions/extend/", {"approver": "²"}, content_type="application/json", **_auth(lisi)
    )
    assert odd.status_code == 400 and "approver" in odd.json()["fields"]
    early = client.post(
        f"{BASE}{application.pk}/actions/extend/", {"approver": "²"}, content_type="application/json", **_auth(lisi)
    )
    assert early.status_code == 409 and early.json()["code"] == "APPLICATION_WRONG_STATE"


def test_the_timeline_names_staff_and_never_shows_an_applicants_account(
    client, item, zhangsan, lisi, uploads, form_data
):
    from zhengtong.audit.context import Actor, acting_as

    with acting_as(Actor(user_id=zhangsan.pk, name=zhangsan.username)):
        application = _submit(item, zhangsan, uploads, form_data)
    with acting_as(Actor(user_id=lisi.pk, name=lisi.username)):
        services.application_accept(application=application, by=lisi)
    steps = client.get(f"{BASE}{application.pk}/", **_auth(lisi)).json()["timeline"]
    assert [(s["action"], s["actor"]) for s in steps][:2] == [("submit", "申请人"), ("accept", lisi.real_name)]
    assert zhangsan.username not in str(steps)


def test_an_idempotency_key_binds_a_form_posts_fields_and_files_too(client, item, zhangsan, lisi, uploads, form_data):
    """Outside attack (issue 19 item 4, Idempotency-Key): a multipart post's fingerprint left out its body, so the
    same key with another correction list answered 200 with the first answer and dropped the new list silently."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    application = _submit(item, zhangsan, uploads, form_data)
    url = f"{BASE}{application.pk}/actions/correction/"

    def post(items, attachment=b"%PDF-1.4 one"):
        return client.post(
            url,
            {"items": items, "file": SimpleUploadedFile("a.pdf", attachment, "application/pdf")},
            HTTP_IDEMPOTENCY_KEY="k-mp",
            **_auth(lisi),
        )

    first = post("身份证明")
    assert first.status_code == 200
    assert post("身份证明").json() == first.json()  # a retry: the first answer
    for changed in (post("另一份清单"), post("身份证明", b"%PDF-1.4 two")):
        assert changed.status_code == 409 and changed.json()["code"] == "IDEMPOTENCY_KEY_REUSED"
    assert application.corrections.get().items == ["身份证明"]


def _refusals(action: str, application) -> list[str]:
    rows = OperationLog.objects.filter(action=f"approvals.refused.{action}", object_id=str(application.pk))
    return [row.changes.get("code", [None, "(the state)"])[1] for row in rows]


def test_every_refused_action_is_audited_once_with_its_code(
    client, verified_client, item, zhangsan, lisi, uploads, form_data
):
    """Issue 19, bad input: every refusal keeps its code, nothing changes, and the attempt is audited. A review
    naming a branch of another application (404) and a key reused for another body (409) were refused unrecorded;
    so was a form's missing field on the workbench page."""
    application = services.application_accept(application=_submit(item, zhangsan, uploads, form_data), by=lisi)
    other = services.application_accept(
        application=_submit(item, zhangsan, uploads, {**form_data, "shop_name": "港城面馆"}), by=lisi
    )
    foreign = other.branches.get(department__code="A")
    review = client.post(
        f"{BASE}{application.pk}/actions/review/",
        {"branch": foreign.pk, "agree": "1"},
        content_type="application/json",
        **_auth(lisi),
    )
    assert review.status_code == 404 and _refusals("review", application) == ["NOT_FOUND"]
    foreign.refresh_from_db()
    assert foreign.decided_at is None

    fresh = _submit(item, zhangsan, uploads, {**form_data, "shop_name": "港城茶馆"})
    url = f"{BASE}{fresh.pk}/actions/refuse/"
    for reason in ("不属于本机关职权", "另一理由"):
        client.post(url, {"reason": reason}, content_type="application/json", HTTP_IDEMPOTENCY_KEY="k-9", **_auth(lisi))
    assert _refusals("refuse", fresh) == ["IDEMPOTENCY_KEY_REUSED"]

    third = _submit(item, zhangsan, uploads, {**form_data, "shop_name": "港城饭店"})
    verified_client(lisi).post(f"/workbench/approvals/{third.pk}/act/correction/", {"items": ""})
    third.refresh_from_db()
    assert third.status == "submitted" and _refusals("correction", third) == ["CORRECTION_ITEMS_REQUIRED"]
    # a refusal the guard records itself (the state) is recorded once, not again by the caller
    client.post(f"{BASE}{fresh.pk}/actions/accept/", {}, content_type="application/json", **_auth(lisi))
    assert _refusals("accept", fresh) == ["(the state)"]
    # the earlier staff endpoint's parameter check is recorded as well; it is the action's own reader now, as the
    # case API's (it was a serializer of its own, INVALID_INPUT, which took `agree` only as text)
    for url in (
        f"/api/v1/approvals/applications/{application.pk}/actions/extend/",
        f"{BASE}{application.pk}/actions/extend/",
    ):
        extend = client.post(url, {"approver": "x"}, content_type="application/json", **_auth(lisi))
        assert extend.status_code == 400 and extend.json()["code"] == "INVALID_PARAMETER"
    assert _refusals("extend", application) == ["INVALID_PARAMETER"] * 2


def test_a_resubmitted_number_may_be_sent_as_a_json_number(client, item, zhangsan, lisi, uploads, form_data):
    """Outside try: {"area": 45} was refused as "格式不对": only "45", a string, was taken for a number field."""
    application = _submit(item, zhangsan, uploads, form_data)
    services.application_request_correction(application=application, by=lisi, items=["请写明经营面积"])
    url = f"{BASE}{application.pk}/actions/resubmit/"
    flagged = client.post(url, {"area": True}, content_type="application/json", **_auth(zhangsan))
    assert flagged.status_code == 400 and list(flagged.json()["fields"]) == ["area"]  # a yes-or-no is no number
    answered = client.post(url, {"area": 45}, content_type="application/json", **_auth(zhangsan))
    assert answered.status_code == 200, answered.json()
    application.refresh_from_db()
    assert application.data["area"] == "45"


def test_a_body_that_is_not_an_object_is_refused_before_the_action_runs(
    client, item, zhangsan, lisi, uploads, form_data
):
    """Outside try, session 53: a JSON body of `[1, 2]`, `"x"` or `5` was read as no parameters at all, so a refusal
    ran as a refusal without its reason and recorded an irregularity against the department (电子监察), and an
    acceptance would have gone through. It is refused as a body, on both endpoints, and nothing is recorded."""
    from zhengtong.supervision.models import Violation

    application = _submit(item, zhangsan, uploads, form_data)
    for url in (
        f"{BASE}{application.pk}/actions/refuse/",
        f"/api/v1/approvals/applications/{application.pk}/actions/refuse/",
    ):
        for body in ("[1, 2]", '"x"', "5"):  # sent as written
            answer = client.post(url, body, content_type="application/json", **_auth(lisi))
            assert answer.status_code == 400 and answer.json()["code"] == "BODY_NOT_OBJECT", answer.json()
    assert not Violation.objects.exists()
    application.refresh_from_db()
    assert application.status == "submitted"


def test_staff_read_from_a_cases_detail_who_may_approve_its_extension(
    client, item, district, zhangsan, lisi, wangwu, uploads, form_data
):
    """Outside try, session 53: `extend` takes the approver's id, and no answer of the API gave one (the page offers
    the heads in a list). A case's detail for staff lists them; an applicant's answer does not."""
    head = f.staff("sunba", "孙八", district["government"])
    head.memberships.update(is_head=True)
    application = services.application_accept(application=_submit(item, zhangsan, uploads, form_data), by=lisi)
    detail = client.get(f"{BASE}{application.pk}/", **_auth(lisi)).json()
    assert detail["extension_approvers"] == [{"id": head.pk, "name": "孙八", "department": district["government"].name}]
    reviewer = client.get(f"{BASE}{application.pk}/", **_auth(wangwu)).json()  # a co-department may not ask
    assert reviewer["extension_approvers"] == []
    asked = client.post(
        f"{BASE}{application.pk}/actions/extend/",
        {"approver": detail["extension_approvers"][0]["id"], "reason": "情况复杂"},
        content_type="application/json",
        **_auth(lisi),
    )
    assert asked.status_code == 200, asked.json()
    withdrawn = client.post(
        f"{BASE}{application.pk}/actions/withdraw/", {}, content_type="application/json", **_auth(zhangsan)
    )
    assert "extension_approvers" not in withdrawn.json()


def test_a_correction_judges_the_answers_it_changes_not_the_ones_kept_from_before(
    client, item, zhangsan, lisi, uploads, form_data
):
    """Session 53 set a line of text at 200 characters (FormField.longest). An application submitted before that
    keeps its longer answer; asked to correct another field, the applicant was refused for the answer he was not
    asked about and could not send back unchanged. What he keeps stays as it was accepted; what he sends is judged."""
    application = _submit(item, zhangsan, uploads, form_data)
    Application.objects.filter(pk=application.pk).update(data={**application.data, "shop_name": "港" * 250})
    services.application_request_correction(application=application, by=lisi, items=["请写明经营面积"])
    url = f"{BASE}{application.pk}/actions/resubmit/"
    too_long = client.post(url, {"shop_name": "城" * 201}, content_type="application/json", **_auth(zhangsan))
    assert too_long.status_code == 400 and too_long.json()["code"] == "FIELD_TOO_LONG"
    answered = client.post(url, {"area": "60"}, content_type="application/json", **_auth(zhangsan))
    assert answered.status_code == 200, answered.json()
    application.refresh_from_db()
    assert application.data["area"] == "60" and application.data["shop_name"] == "港" * 250


def test_the_applicant_asking_a_clerks_step_is_told_staff_take_it_not_another_department(
    client, item, zhangsan, uploads, form_data
):
    """Outside try, session 53: the applicant posting `accept` on his own application was told "该环节属于其他部门"
    (OTHER_DEPARTMENT), a clerk's refusal."""
    application = _submit(item, zhangsan, uploads, form_data)
    answer = client.post(
        f"{BASE}{application.pk}/actions/accept/", {}, content_type="application/json", **_auth(zhangsan)
    )
    assert answer.status_code == 403 and answer.json()["code"] == "STAFF_STEP", answer.json()


def test_each_parameter_the_schema_marks_required_is_refused_when_missing(
    client, item, zhangsan, lisi, uploads, form_data
):
    """The hall's steps, as tests/cases/test_required_bodies.py holds the other case types'."""
    submitted = _submit(item, zhangsan, uploads, form_data)
    reviewing = _submit(item, zhangsan, uploads, {**form_data, "shop_name": "港城饭店"})
    services.application_accept(application=reviewing, by=lisi)
    for action in ("refuse", "correction"):
        refused_for_a_marked_field(client, "applications", submitted.pk, action, lisi)
    for action in ("special_pause", "extend"):
        refused_for_a_marked_field(client, "applications", reviewing.pk, action, lisi)


def test_a_special_procedure_outside_its_documented_codes_or_days_is_refused_by_the_service_after_who_asks(
    client, item, zhangsan, lisi, uploads, form_data
):
    """The schema's enum of 第四十五条's procedures and its least `expected_days` are said by the readers
    (`one_of=`, `least=`) and refused by the service with the law's codes, after who may take the step: a fresh-eyes
    review found the citizen told SPECIAL_REASON_INVALID (400) where he may not take the step at all."""
    reviewing = _submit(item, zhangsan, uploads, form_data)
    services.application_accept(application=reviewing, by=lisi)
    url = f"{BASE}{reviewing.pk}/actions/special_pause/"
    schema = client.get("/api/schema/?format=json").json()
    body = schema["paths"][f"{BASE}{{key}}/actions/special_pause/"]["post"]["requestBody"]["content"]
    documented = body["application/json"]["schema"]["properties"]
    for sent, code in (
        ({"reason": "correction", "expected_days": 10}, "SPECIAL_REASON_INVALID"),
        ({"reason": "hearing", "expected_days": 0}, "SPECIAL_DURATION_REQUIRED"),
    ):
        assert (
            sent["reason"] not in documented["reason"]["enum"]
            or sent["expected_days"] < documented["expected_days"]["minimum"]
        )
        answer = client.post(url, sent, content_type="application/json", **_auth(lisi))
        assert answer.status_code == 400 and answer.json()["code"] == code, answer.json()
    citizen = client.post(url, {}, content_type="application/json", **_auth(zhangsan))
    assert citizen.status_code == 403 and citizen.json()["code"] == "STAFF_STEP", citizen.json()
