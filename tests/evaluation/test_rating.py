"""好差评 (国办发〔2019〕51号; GB/T 39734-2020): every concluded case of every rated case type opens an invitation to
its applicant; five levels, the online sub-indicators, one rating per case and rater, one addition; a forged,
expired or used link, someone else's case or an unfinished one are refused with a code."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from zhengtong.approvals import services as approvals
from zhengtong.audit.models import OperationLog
from zhengtong.core.errors import InvalidInput, InvalidTransition, PermissionDenied
from zhengtong.disclosure import requests as disclosure
from zhengtong.evaluation import services
from zhengtong.evaluation.models import Channel, FollowUp, Invitation, Rating
from zhengtong.letters import services as letters

from ..approvals.test_notices import _concluded
from ..approvals.test_workflow import submit as apply
from ..disclosure.test_requests import _register
from ..letters.conftest import handled


def _invitation(case) -> Invitation:
    return Invitation.objects.get(subject_id=str(case.pk), subject_type=case._meta.label_lower)


@pytest.fixture
def answered(district, zhangsan, lisi):
    request = _register(district["A"], zhangsan)
    return disclosure.request_answer(request=request, by=lisi, answer_type="granted")


def test_51_hao_an_answered_disclosure_request_invites_its_applicant(answered, zhangsan, lisi):
    invitation = _invitation(answered)
    assert invitation.rater == zhangsan and invitation.department_id == answered.department_id
    assert invitation.staff == lisi and invitation.online
    assert zhangsan.messages.filter(title__contains="请您对办理服务作出评价").exists()


def test_51_hao_an_unfinished_case_has_no_invitation_and_cannot_be_rated(district, zhangsan, client):
    request = _register(district["A"], zhangsan)
    assert not Invitation.objects.filter(subject_id=str(request.pk)).exists()
    with pytest.raises(PermissionDenied) as caught:
        services.invitation_for(user=zhangsan, invitation_id=999)
    assert caught.value.code == "EVALUATION_NOT_FOUND"


def test_51_hao_a_concluded_application_and_a_replied_letter_are_rated_too(
    item, zhangsan, uploads, form_data, lisi, wangwu, hotline, district
):
    application = approvals.application_accept(application=apply(item, zhangsan, uploads, form_data), by=lisi)
    application = _concluded(application, lisi, wangwu)
    invitation = _invitation(application)
    assert invitation.rater == zhangsan and invitation.item_code == item.code and invitation.staff == lisi
    letter = handled(hotline, district, lisi, by=zhangsan)
    assert _invitation(letter).rater == zhangsan and _invitation(letter).staff == lisi


def test_gbt_39734_five_levels_and_the_online_sub_indicators(answered, zhangsan):
    invitation = _invitation(answered)
    rating = services.rating_submit(
        invitation=invitation,
        score=5,
        parts={"efficiency": 5, "guide_accuracy": 4, "convenience": "", "usability": 3},
        channel=Channel.CASE_PAGE,
    )
    assert (rating.score, rating.efficiency, rating.guide_accuracy, rating.convenience, rating.usability) == (
        5,
        5,
        4,
        None,
        3,
    )
    for bad in (0, 6, "x", None):
        with pytest.raises(InvalidInput) as caught:
            services.rating_submit(invitation=_invitation(_another(answered)), score=bad, channel=Channel.CASE_PAGE)
        assert caught.value.code == "EVALUATION_SCORE_INVALID" and "score" in caught.value.fields


def _another(answered):
    request = _register(answered.department, answered.applicant)
    return disclosure.request_answer(request=request, by=answered.answered_by, answer_type="granted")


def test_51_hao_one_rating_per_case_and_the_database_says_so(answered):
    invitation = _invitation(answered)
    rating = services.rating_submit(invitation=invitation, score=4, channel=Channel.CASE_PAGE)
    with pytest.raises(InvalidTransition) as caught:
        services.rating_submit(invitation=invitation, score=1, comment="重复", channel=Channel.CASE_PAGE)
    assert caught.value.code == "EVALUATION_RATED_ALREADY"
    with pytest.raises(IntegrityError), transaction.atomic():
        Rating.objects.create(
            invitation=invitation, score=1, channel=Channel.API, at=timezone.now(), department_id=rating.department_id
        )


def test_51_hao_one_addition_and_never_a_change(answered):
    rating = services.rating_submit(invitation=_invitation(answered), score=4, channel=Channel.CASE_PAGE)
    rating = services.rating_add(rating=rating, text="后来又补充了一份材料，办得也很快。")
    with pytest.raises(InvalidTransition) as caught:
        services.rating_add(rating=rating, text="再追加")
    assert caught.value.code == "EVALUATION_ADDED_ALREADY"
    rating.refresh_from_db()
    assert rating.score == 4 and rating.addition.startswith("后来")


def test_51_hao_a_bad_rating_needs_its_reason_and_opens_a_follow_up(answered):
    invitation = _invitation(answered)
    with pytest.raises(InvalidInput) as caught:
        services.rating_submit(invitation=invitation, score=2, channel=Channel.CASE_PAGE)
    assert caught.value.code == "EVALUATION_COMMENT_REQUIRED" and "comment" in caught.value.fields
    rating = services.rating_submit(invitation=invitation, score=2, comment="等了很久没人理", channel=Channel.CASE_PAGE)
    assert FollowUp.objects.get(rating=rating).state == FollowUp.State.VERIFYING


def test_51_hao_someone_elses_case_is_refused_and_audited(answered, lisi):
    invitation = _invitation(answered)
    with pytest.raises(PermissionDenied) as caught:
        services.invitation_for(user=lisi, invitation_id=invitation.pk)
    assert caught.value.code == "EVALUATION_NOT_FOUND"
    assert OperationLog.objects.filter(action="evaluation.invitation.denied", object_id=str(invitation.pk)).exists()


def test_51_hao_a_paper_request_gets_no_link_and_a_forged_link_is_refused(district, lisi):
    """A request registered from paper has no account and an unproved phone: no SMS link goes to it."""
    request = _register(district["A"], lisi, channel="in_person", received_on=timezone.localdate())
    request = disclosure.request_answer(request=request, by=lisi, answer_type="granted")
    invitation = _invitation(request)
    assert invitation.rater is None and not invitation.rater_mobile, "an unproved phone gets no SMS"

    with pytest.raises(PermissionDenied) as caught:
        services.invitation_for(token="forged-token")
    assert caught.value.code == "EVALUATION_LINK_INVALID"
    assert OperationLog.objects.filter(action="evaluation.link.denied").exists()


def test_51_hao_the_link_reaches_a_proved_mobile_and_rates_once(
    hotline, district, lisi, sms_outbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        letter = handled(hotline, district, lisi, phone_verified=True)
    invitation = _invitation(letter)
    assert invitation.rater is None and invitation.rater_mobile == "13805740001"
    text = sms_outbox[-1][1]
    token = text.split("/evaluation/r/")[1].split("/")[0]
    found = services.invitation_for(token=token)
    assert found.pk == invitation.pk
    services.rating_submit(invitation=found, score=5, channel=Channel.SMS)
    with pytest.raises(InvalidTransition):
        services.rating_submit(
            invitation=services.invitation_for(token=token), score=1, comment="又一次", channel=Channel.SMS
        )


def test_51_hao_an_expired_invitation_is_refused(answered):
    invitation = _invitation(answered)
    Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    invitation.refresh_from_db()
    with pytest.raises(InvalidTransition) as caught:
        services.rating_submit(invitation=invitation, score=5, channel=Channel.CASE_PAGE)
    assert caught.value.code == "EVALUATION_EXPIRED"
    assert not Rating.objects.exists()


def test_letters_a_concluded_letter_is_invited_once_however_often_it_is_saved(hotline, district, lisi, zhangsan):
    letter = handled(hotline, district, lisi, by=zhangsan)
    letters.letter_callback(letter=letter, by=hotline["operator"], result="5")
    assert Invitation.objects.filter(subject_type="letters.letter", subject_id=str(letter.pk)).count() == 1


def test_gbt_39734_the_letters_callback_takes_the_five_levels_as_the_writers_rating(hotline, district, lisi, zhangsan):
    letter = handled(hotline, district, lisi, by=zhangsan)
    with pytest.raises(InvalidInput) as caught:
        letters.letter_callback(letter=letter, by=hotline["operator"], result="satisfied")
    assert caught.value.code == "LETTER_SATISFACTION_INVALID"
    with pytest.raises(InvalidInput) as caught:
        letters.letter_callback(letter=letter, by=hotline["operator"], result="2")
    assert caught.value.code == "EVALUATION_COMMENT_REQUIRED"
    letters.letter_callback(letter=letter, by=hotline["operator"], result="2", note="油烟问题没有解决")
    rating = Rating.objects.get(invitation=_invitation(letter))
    assert (rating.score, rating.channel, rating.comment) == (2, Channel.CALLBACK, "油烟问题没有解决")
    letter.refresh_from_db()
    assert letter.satisfaction == "dissatisfied" and FollowUp.objects.filter(rating=rating).exists()


def test_51_hao_a_writer_who_rated_himself_keeps_his_word_at_the_callback(hotline, district, lisi, zhangsan):
    letter = handled(hotline, district, lisi, by=zhangsan)
    services.rating_submit(invitation=_invitation(letter), score=5, channel=Channel.CASE_PAGE)
    letters.letter_callback(letter=letter, by=hotline["operator"], result="4")
    assert Rating.objects.get(invitation=_invitation(letter)).score == 5


def test_51_hao_a_case_concluded_long_ago_asks_no_one(district, zhangsan, lisi, settings):
    """A request answered before ratings existed and delivered now: its invitation is already past its time, so
    the applicant is not asked for a rating he could not give."""
    request = _register(district["A"], zhangsan)
    settings.EVALUATION_DAYS = 0  # as if concluded past the rating period
    disclosure.request_answer(request=request, by=lisi, answer_type="granted")
    assert Invitation.objects.filter(subject_id=str(request.pk)).exists()
    assert not zhangsan.messages.filter(title__contains="请您对办理服务作出评价").exists()


def test_a_rated_invitation_says_when_it_was_rated_and_leaves_the_raters_open_list(answered):
    """我的评价 reads the cases still open to rating by an index of the invitations not yet rated (issue 26): asked
    through the rating's join, PostgreSQL hashed every rating of every citizen to find one citizen's open ones."""
    invitation = _invitation(answered)
    assert invitation.rated_at is None
    rating = services.rating_submit(invitation=invitation, score=4, channel=Channel.CASE_PAGE)
    invitation.refresh_from_db()
    assert invitation.rated_at == rating.at


def test_the_migration_dates_the_invitations_rated_before_it(answered):
    from importlib import import_module

    from django.apps import apps

    invitation = _invitation(answered)
    rating = services.rating_submit(invitation=invitation, score=4, channel=Channel.CASE_PAGE)
    Invitation.objects.filter(pk=invitation.pk).update(rated_at=None)
    import_module("zhengtong.evaluation.migrations.0013_invitation_rated_at").date_the_rated(apps, None)
    invitation.refresh_from_db()
    assert invitation.rated_at == rating.at
