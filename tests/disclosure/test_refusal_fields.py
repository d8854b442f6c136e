"""Issue 19, bad input: a disclosure refusal names the parameter that was left empty or wrong, so a form marks that
field and the API lists it under `fields` (条例 第二十九条: the request's content; 第三十六条: the answer's type and
its reason in words). Their 400s named no field."""

from __future__ import annotations

import datetime as dt

import pytest

from zhengtong.core.errors import InvalidInput, PermissionDenied
from zhengtong.disclosure import requests as svc

from .. import factories as f
from .test_requests import _register


@pytest.mark.parametrize(
    ("given", "named"),
    [
        ({"content": " "}, "content"),
        ({"applicant_name": ""}, "applicant_name"),
        ({"contact_phone": ""}, "contact_phone"),
        ({"applicant_kind": "alien"}, "applicant_kind"),
        ({"channel": "pigeon"}, "channel"),
        ({"received_on": dt.date.today() + dt.timedelta(days=3)}, "received_on"),
    ],
)
def test_a_registration_refused_names_its_field(district, lisi, given, named):
    with pytest.raises(InvalidInput) as refused:
        _register(district["A"], lisi, **given)
    assert list(refused.value.fields) == [named]


def test_each_step_refused_for_its_words_names_them(district, zhangsan, lisi):
    head = f.staff("head", "负责人", district["A"])
    head.memberships.update(is_head=True)
    request = _register(district["A"], zhangsan)
    steps = [
        (lambda: svc.request_consult(request=request, by=lisi, third_party=" "), "third_party"),
        (lambda: svc.request_extend(request=request, by=lisi, approver=head, reason=""), "reason"),
        (lambda: svc.request_answer(request=request, by=lisi, answer_type="nonsense"), "answer_type"),
        (lambda: svc.request_answer(request=request, by=lisi, answer_type="refused", reason="x"), "answer_reason"),
        (lambda: svc.request_answer(request=request, by=lisi, answer_type="refused", reason="process"), "text"),
        (lambda: svc.request_correction(request=request, by=lisi, items=[" "]), "items"),
    ]
    for step, named in steps:
        with pytest.raises(InvalidInput) as refused:
            step()
        assert list(refused.value.fields) == [named], named
    with pytest.raises(PermissionDenied) as not_the_head:
        svc.request_extend(request=request, by=lisi, approver=lisi, reason="信息量大")
    assert list(not_the_head.value.fields) == ["approver"]
    request = svc.request_correction(request=request, by=lisi, items=["请写明所需信息的年份"])
    with pytest.raises(InvalidInput) as correction:
        svc.request_correct(request=request, by=zhangsan, content="")
    assert list(correction.value.fields) == ["content"]


def test_a_delivery_without_its_method_names_it(district, zhangsan, lisi):
    request = _register(district["A"], zhangsan)
    request = svc.request_answer(request=request, by=lisi, answer_type="granted")
    with pytest.raises(InvalidInput) as refused:
        svc.request_deliver(request=request, by=lisi, method="")
    assert list(refused.value.fields) == ["method"]


def test_a_documents_review_and_repeal_refused_name_their_field(district, lisi, reviewer):
    from zhengtong.disclosure import services
    from zhengtong.disclosure.actions import DOCUMENT_ACTIONS

    from .conftest import CHECKLIST, draft

    document = draft(district["A"], lisi)
    services.document_submit(document=document, by=lisi)
    with pytest.raises(InvalidInput) as rejected:
        services.document_review(document=document, by=reviewer, approve=False, note=" ")
    assert list(rejected.value.fields) == ["note"]
    document = services.document_review(document=document, by=reviewer, approve=True, **CHECKLIST)
    with pytest.raises(InvalidInput) as repeal:
        services.document_repeal(document=document, by=lisi, reason="")
    assert list(repeal.value.fields) == ["reason"]
    with pytest.raises(InvalidInput) as amend:
        DOCUMENT_ACTIONS["amend"](document, lisi, {"replacement": "000000000-0000-00-0000"})
    assert list(amend.value.fields) == ["replacement"]


def test_a_review_keeping_personal_data_without_its_reason_names_the_justification(district, lisi, reviewer):
    from zhengtong.disclosure import services

    from .conftest import CHECKLIST, draft

    document = draft(district["A"], lisi, body="<p>联系人张三，身份证号330206198001011234。</p>")
    services.document_submit(document=document, by=lisi)
    with pytest.raises(InvalidInput) as kept:
        services.document_review(document=document, by=reviewer, approve=True, **CHECKLIST)
    assert kept.value.code == "PRIVACY_FINDINGS" and list(kept.value.fields) == ["justification"]


def test_an_answer_refused_on_the_page_comes_back_with_its_words_and_choices(district, zhangsan, lisi, verified_client):
    """The page answers 400 with the answer's type, its reason and the words as typed, the field named marked; it
    redirected to an empty form."""
    from django.urls import reverse

    request = _register(district["A"], zhangsan)
    answer = verified_client(lisi).post(
        reverse("workbench_disclosure:request_act", args=[request.pk, "answer"]),
        {"answer_type": "refused", "answer_reason": "x", "text": "所需信息为内部讨论稿，依法不予公开。"},
    )
    page = answer.content.decode()
    assert answer.status_code == 400 and 'data-code="ANSWER_REASON"' in page
    assert '<option value="refused" selected>' in page
    assert 'name="answer_reason" aria-invalid="true"' in page
    assert ">所需信息为内部讨论稿，依法不予公开。</textarea>" in page
    request.refresh_from_db()
    assert not request.answer_type


def test_a_rejection_refused_on_the_page_keeps_the_review_as_ticked(district, lisi, reviewer, verified_client):
    from django.urls import reverse

    from zhengtong.disclosure import services

    from .conftest import draft

    document = draft(district["A"], lisi)
    services.document_submit(document=document, by=lisi)
    answer = verified_client(reviewer).post(
        reverse("workbench_disclosure:review", args=[document.pk]),
        {"review-no_state_secret": "on", "review-justification": "经本人同意公开", "decision": "reject"},
    )
    page = answer.content.decode()
    assert answer.status_code == 400 and 'data-code="REASON_REQUIRED"' in page
    assert 'name="review-no_state_secret" class="form-check-input" id="id_review-no_state_secret" checked' in page
    assert "经本人同意公开</textarea>" in page
    document.refresh_from_db()
    assert document.state == "review"


def test_a_review_decision_other_than_approve_or_reject_is_refused(district, lisi, reviewer):
    """Outside try: {"decision": "APPROVE"} with every point confirmed sent the document back to its drafter as a
    rejection; a decision is one of the two, or refused naming it, and nothing changes."""
    from django.http import QueryDict

    from zhengtong.cases.transitions import perform
    from zhengtong.disclosure import services
    from zhengtong.disclosure.actions import DOCUMENT_ACTIONS
    from zhengtong.disclosure.case import DOCUMENT

    from .conftest import draft

    document = draft(district["A"], lisi)
    services.document_submit(document=document, by=lisi)
    document.refresh_from_db()
    body = "no_state_secret=1&no_commercial_secret=1&no_privacy=1&note=同意"
    for decision in ("APPROVE", "", "publish"):
        with pytest.raises(InvalidInput) as refused:
            perform(DOCUMENT, DOCUMENT_ACTIONS, "review", document, reviewer, QueryDict(f"{body}&decision={decision}"))
        assert list(refused.value.fields) == ["decision"]
        document.refresh_from_db()
        assert document.state == "review"


def test_a_review_without_its_three_points_names_them(district, lisi, reviewer):
    from zhengtong.disclosure import services

    from .conftest import draft

    document = draft(district["A"], lisi)
    services.document_submit(document=document, by=lisi)
    with pytest.raises(InvalidInput) as refused:
        services.document_review(document=document, by=reviewer, approve=True, no_state_secret=True)
    assert set(refused.value.fields) == {"no_commercial_secret", "no_privacy"}


def test_a_refused_answer_selects_at_most_one_reason(district, zhangsan, lisi, verified_client):
    """Outside try: the empty reason of 予以公开 and of 部分公开 were both marked selected, and the browser showed
    部分公开's under 不予公开."""
    import re

    from django.urls import reverse

    request = _register(district["A"], zhangsan)
    answer = verified_client(lisi).post(
        reverse("workbench_disclosure:request_act", args=[request.pk, "answer"]),
        {"answer_type": "refused", "answer_reason": "", "text": "不予公开"},
    )
    select = re.search(r'<select[^>]*id="answer_reason".*?</select>', answer.content.decode(), re.S).group(0)
    assert answer.status_code == 400 and select.count(" selected") == 0
    assert 'tabindex="-1" autofocus' in answer.content.decode()  # the alert takes the focus, a phone scrolls to it
