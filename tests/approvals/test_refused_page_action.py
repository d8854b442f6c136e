"""Issue 19, bad input: a refused action on the hall's case page answers with the refusal's status (400 for what
was typed, 409 naming the state), keeps what the clerk typed and changes nothing; it used to redirect and lose it."""

from __future__ import annotations

import pytest
from django.urls import reverse

from zhengtong.approvals import services
from zhengtong.approvals.models import Status


def _reviewing(item, zhangsan, lisi, uploads, form_data):
    application = services.application_submit(item=item, applicant=zhangsan, data=form_data, uploads=uploads)
    return services.application_accept(application=application, by=lisi)


def test_a_denial_without_its_reason_comes_back_with_the_document_number_typed(
    verified_client, item, zhangsan, lisi, wangwu, uploads, form_data
):
    # 行政许可法第三十八条: a denial states its reason
    application = _reviewing(item, zhangsan, lisi, uploads, form_data)
    for branch in application.branches.select_related("department"):
        services.review_decide(branch=branch, by=lisi if branch.department.code == "A" else wangwu, agree=True)
    answer = verified_client(lisi).post(
        reverse("workbench_approvals:act", args=[application.pk, "conclude"]),
        {"granted": "0", "doc_no": "仑市监食许〔2026〕77号", "reason": ""},
    )
    page = answer.content.decode()
    assert answer.status_code == 400
    assert 'data-code="REASON_REQUIRED"' in page and 'role="alert"' in page
    assert 'value="仑市监食许〔2026〕77号"' in page
    # the field it names is marked and described by the message; the others are not
    assert 'id="conclude-reason" name="reason" value="" aria-invalid="true" aria-describedby="refused"' in page
    assert page.count('aria-invalid="true"') == 1
    assert 'id="denied" checked' in page and 'id="granted" checked' not in page
    application.refresh_from_db()
    assert application.status == Status.JOINING and application.concluded_at is None


def test_a_disagreement_without_its_reason_keeps_the_disagreement_on_that_branch_only(
    verified_client, item, zhangsan, lisi, uploads, form_data
):
    application = _reviewing(item, zhangsan, lisi, uploads, form_data)
    branch = application.branches.get(department__code="A")
    answer = verified_client(lisi).post(
        reverse("workbench_approvals:act", args=[application.pk, "review"]), {"branch": branch.pk, "agree": "0"}
    )
    page = answer.content.decode()
    assert answer.status_code == 400 and 'data-code="REASON_REQUIRED"' in page
    assert f'id="disagree-{branch.pk}" checked' in page
    branch.refresh_from_db()
    assert branch.state == "pending"


def test_an_action_out_of_its_state_answers_409_naming_the_state(
    verified_client, item, zhangsan, lisi, uploads, form_data
):
    application = _reviewing(item, zhangsan, lisi, uploads, form_data)
    answer = verified_client(lisi).post(
        reverse("workbench_approvals:act", args=[application.pk, "refuse"]), {"reason": "材料不全"}
    )
    page = answer.content.decode()
    assert answer.status_code == 409 and "审查中" in page and 'role="alert"' in page
    application.refresh_from_db()
    assert application.status == Status.REVIEWING


def test_a_text_typed_into_a_form_is_shown_as_text_not_markup(
    verified_client, item, zhangsan, lisi, uploads, form_data
):
    application = services.application_submit(item=item, applicant=zhangsan, data=form_data, uploads=uploads)
    answer = verified_client(lisi).post(
        reverse("workbench_approvals:act", args=[application.pk, "correction"]), {"items": '"><script>x</script>'}
    )
    # the items are accepted as they are; what matters is that nothing typed is echoed unescaped on any answer
    assert "<script>x</script>" not in answer.content.decode()


def test_the_correction_notices_refusal_names_its_items_and_an_empty_resubmission_no_one_field(
    item, zhangsan, lisi, uploads, form_data
):
    from zhengtong.core.errors import InvalidInput

    application = services.application_submit(item=item, applicant=zhangsan, data=form_data, uploads=uploads)
    with pytest.raises(InvalidInput) as empty_notice:
        services.application_request_correction(application=application, by=lisi, items=["", " "])
    assert list(empty_notice.value.fields) == ["items"]
    services.application_request_correction(application=application, by=lisi, items=["缺少营业执照"])
    with pytest.raises(InvalidInput) as empty_resubmission:
        services.application_resubmit(application=application, by=zhangsan, uploads={}, data={})
    # what is missing is the whole resubmission (files or the form's values), not a field named items
    assert empty_resubmission.value.code == "CORRECTION_EMPTY" and not empty_resubmission.value.fields


def test_the_halls_refusals_name_their_field(item, zhangsan, lisi, wangwu, uploads, form_data):
    """Outside try: a grant without its document number, an extension without an approver and a special procedure
    with an unknown reason or no duration answered with empty `fields`."""
    from zhengtong.core.errors import ZtError

    application = _reviewing(item, zhangsan, lisi, uploads, form_data)
    steps = [
        (lambda: services.application_extend(application=application, by=lisi, approver=None, reason="r"), "approver"),
        (
            lambda: services.application_special_pause(
                application=application, by=lisi, reason="nonsense", note="", expected_days=5
            ),
            "reason",
        ),
        (
            lambda: services.application_special_pause(
                application=application, by=lisi, reason="hearing", note="", expected_days=None
            ),
            "expected_days",
        ),
    ]
    for step, named in steps:
        with pytest.raises(ZtError) as refused:
            step()
        assert list(refused.value.fields) == [named], named
    for branch in application.branches.select_related("department"):
        services.review_decide(branch=branch, by=lisi if branch.department.code == "A" else wangwu, agree=True)
    with pytest.raises(ZtError) as no_doc:
        services.application_conclude(application=application, by=lisi, granted=True, doc_no="")
    assert list(no_doc.value.fields) == ["doc_no"]


def test_a_malformed_parameter_names_its_field_in_the_one_shape(client, item, zhangsan, lisi, uploads, form_data):
    """Outside try: a parameter of the wrong type answered `fields: {"x": ["message"]}` while the services'
    refusals answer `fields: {"x": [{"code", "message"}]}`: one endpoint gave both shapes."""
    from .. import factories as f

    application = _reviewing(item, zhangsan, lisi, uploads, form_data)
    answer = client.post(
        f"/api/v1/cases/applications/{application.pk}/actions/extend/",
        {"approver": [1, 2], "reason": "r"},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Token {f.api_key(lisi)}",
    )
    assert answer.status_code == 400
    (problem,) = answer.json()["fields"]["approver"]
    assert problem["code"] == "INVALID_PARAMETER" and problem["message"]


def test_an_action_url_opened_by_get_leads_back_to_the_case_page(
    verified_client, item, zhangsan, lisi, uploads, form_data
):
    """Outside try: after a refusal the browser's address is the action's URL; opened again (Enter in the address
    bar) it answered 405. It leads back to the case's page now, and changes nothing."""
    application = _reviewing(item, zhangsan, lisi, uploads, form_data)
    answer = verified_client(lisi).get(reverse("workbench_approvals:act", args=[application.pk, "refuse"]))
    assert answer.status_code == 302
    assert answer["Location"] == reverse("workbench_approvals:detail", args=[application.pk])


def test_a_malformed_branch_is_a_bad_request_naming_it(client, item, zhangsan, lisi, uploads, form_data):
    """Outside try: a branch sent as "abc", -1 or true answered 404 as if a real branch of another case."""
    from .. import factories as f

    application = _reviewing(item, zhangsan, lisi, uploads, form_data)
    for branch in ("abc", -1, True):
        answer = client.post(
            f"/api/v1/cases/applications/{application.pk}/actions/review/",
            {"branch": branch, "agree": True},
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Token {f.api_key(lisi)}",
        )
        assert answer.status_code == 400 and list(answer.json()["fields"]) == ["branch"], branch
