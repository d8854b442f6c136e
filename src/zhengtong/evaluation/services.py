"""Invitations and ratings: each write one audited service; bad input is refused with a code and changes nothing.

Who may rate a case is its invitation's rater: his account, or whoever holds the SMS link's token (sent to the
mobile of an applicant without an account; it rates once, shows the rating when opened again, and expires with the
invitation).
"""

from __future__ import annotations

import datetime as dt
import hmac
import secrets
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from zhengtong.audit.services import audit_record
from zhengtong.cases.types import CaseType
from zhengtong.core.codes import keyed_hash
from zhengtong.core.errors import InvalidTransition, PermissionDenied, refuse, refuse_on
from zhengtong.core.models import SiteSettings
from zhengtong.notifications.services import notify, sms_to
from zhengtong.org.access import works_in

from . import errors
from .access import denied
from .followup import follow_up_open
from .models import SUB_INDICATORS, Invitation, Rating, Score
from .publication import public_copy
from .registry import Subject

COMMENT_MAX = 500
TOKEN_PURPOSE = "zhengtong-evaluation-link:"


def token_hash(token: str) -> str:
    return keyed_hash(TOKEN_PURPOSE, token)


def invitation_open(case_type: CaseType, case, describe: Callable[[Any], Subject]) -> Invitation:
    """The concluded case's one invitation (opened again by nothing: a case concluded twice is rated once), and
    the word to its rater: an in-site message, and an SMS with a link of its own to a rater without an account.
    The case is described only when it has none yet: a concluded case saved again costs one indexed read."""
    case_pk = case.pk
    found = Invitation.objects.filter(subject_type=case_type.subject, subject_id=str(case_pk)).first()
    if found is not None:
        return found
    subject = describe(case)
    token = secrets.token_urlsafe(18)
    invitation = Invitation.objects.create(
        subject_type=case_type.subject,
        subject_id=str(case_pk),
        subject_label=subject.label[:200],  # an invitation's own label (the clock's is cut by clock_start)
        department_id=subject.department_id,
        staff_id=subject.staff_id,
        item_code=subject.item_code,
        item_name=subject.item_name[:200],
        online=subject.online,
        rater_id=subject.rater_id,
        rater_mobile=subject.rater_mobile,
        token_hash=token_hash(token),
        concluded_at=subject.concluded_at,
        expires_at=subject.concluded_at + dt.timedelta(days=settings.EVALUATION_DAYS),
    )
    audit_record(action="evaluation.invitation.open", obj=invitation, changes={"case": [None, subject.label]})
    if invitation.expires_at <= timezone.now():
        return invitation  # a case concluded long before (saved again now): too late to ask anyone
    title = f"{subject.label}已办结，请您对办理服务作出评价"
    if invitation.rater is not None:
        notify(recipients=[invitation.rater], title=title, link=reverse("evaluation:rate", args=[invitation.pk]))
    else:
        link = settings.PUBLIC_URL + reverse("evaluation:link", args=[token])
        sms_to(
            mobile=subject.rater_mobile,
            title=f"{title}：{link} （{settings.EVALUATION_DAYS}天内有效）【{SiteSettings.current().site_name}】",
        )
    return invitation


KIOSK_MINUTES = 15


def kiosk_open(*, invitation: Invitation, by) -> str:
    """The window clerk hands the counter's 评价器 this one case: a token of its own for the tablet page, valid for
    minutes and spent by the rating. Only staff of the department that handled it; a refusal is audited."""
    if not works_in(by, invitation.department_id):
        denied("evaluation.denied.kiosk", by=by, obj=invitation)
        raise refuse(errors.NOT_WINDOW, PermissionDenied)
    if Rating.objects.filter(invitation=invitation).exists():
        raise refuse(errors.RATED_ALREADY, InvalidTransition)
    token = secrets.token_urlsafe(18)
    with transaction.atomic(durable=True):
        Invitation.objects.filter(pk=invitation.pk).update(
            kiosk_hash=token_hash(token), kiosk_expires=timezone.now() + dt.timedelta(minutes=KIOSK_MINUTES)
        )
        audit_record(action="evaluation.kiosk.open", obj=invitation)
    return token


def invitation_at_kiosk(token: str) -> Invitation:
    found = Invitation.objects.filter(kiosk_hash=token_hash(token or "-")).select_related("department").first()
    if found is None or found.kiosk_expires is None or timezone.now() >= found.kiosk_expires:
        raise refuse(errors.KIOSK_INVALID, PermissionDenied)
    return found


def link_denied(invitation_id: int | None = None) -> None:
    denied("evaluation.link.denied", object_type="evaluation.invitation", object_id=str(invitation_id or ""))


def invitation_for(*, user=None, token: str = "", invitation_id: int | None = None) -> Invitation:
    """The invitation the user (his account) or the token holder may rate: anything else is refused alike, and a
    token that matches nothing is audited as an access attempt."""
    if token:
        found = Invitation.objects.filter(token_hash=token_hash(token)).select_related("department").first()
        if found is None or not hmac.compare_digest(found.token_hash, token_hash(token)):
            link_denied()
            raise refuse(errors.LINK_INVALID, PermissionDenied)
        return found
    found = (
        Invitation.objects.filter(pk=invitation_id, rater=user).select_related("department").first()
        if user is not None and user.is_authenticated and invitation_id
        else None
    )
    if found is None:
        denied(
            "evaluation.invitation.denied",
            by=user,
            object_type="evaluation.invitation",
            object_id=str(invitation_id or ""),
        )
        raise refuse(errors.NOT_FOUND, PermissionDenied)
    return found


def _score(value, field: str, label) -> int:
    try:
        score = int(value)
    except (TypeError, ValueError):
        score = 0
    if score not in Score.values:
        raise refuse_on(field, errors.SCORE_INVALID, label=label)
    return score


def _text(value: str, field: str, label: str) -> str:
    text = (value or "").strip()
    if len(text) > COMMENT_MAX:
        raise refuse_on(field, errors.TOO_LONG, label=label, limit=COMMENT_MAX)
    return text


@transaction.atomic(durable=True)
def rating_submit(
    *, invitation: Invitation, score, comment: str = "", channel: str, parts: dict | None = None
) -> Rating:
    """The rater's own rating, in its own transaction (the pages, the SMS link, the API)."""
    return rating_record(invitation=invitation, score=score, comment=comment, channel=channel, parts=parts)


def rating_record(
    *, invitation: Invitation, score, comment: str = "", channel: str, parts: dict | None = None
) -> Rating:
    """One rating per case: its score, for a case made online the four sub-indicators, and a comment, required
    with a 差评 (what the follow-up verifies). A second rating is refused; the database refuses it too. In the
    caller's transaction: a letter's callback records the writer's answer in the callback's own."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if Rating.objects.filter(invitation=invitation).exists():
        raise refuse(errors.RATED_ALREADY, InvalidTransition)
    now = timezone.now()
    if now >= invitation.expires_at:
        raise refuse(errors.EXPIRED, InvalidTransition, days=settings.EVALUATION_DAYS)
    score = _score(score, "score", "整体满意度")
    values = {}
    if invitation.online:
        for field, label in SUB_INDICATORS:
            given = (parts or {}).get(field)
            values[field] = _score(given, field, label) if given not in (None, "") else None
    comment = _text(comment, "comment", "评价内容")
    if score <= Score.BAD and not comment:
        raise refuse_on("comment", errors.COMMENT_REQUIRED)
    try:
        with transaction.atomic():
            rating = Rating.objects.create(
                invitation=invitation,
                score=score,
                comment=comment,
                public_comment=public_copy(comment)[0],
                channel=channel,
                at=now,
                department_id=invitation.department_id,
                staff_id=invitation.staff_id,
                item_code=invitation.item_code,
                **values,
            )
    except IntegrityError:
        raise refuse(errors.RATED_ALREADY, InvalidTransition) from None
    invitation.rated_at = now
    changed = ["rated_at"]
    # The tablet's token is spent (the next person at the counter must not see this rating). The SMS link stays
    # the rater's own: opened again it shows what he said, and the one-to-one keeps it to one rating.
    if invitation.kiosk_hash:
        invitation.kiosk_hash = ""
        changed.append("kiosk_hash")
    invitation.save(update_fields=changed)
    # The rater is not named in the trail the rated department reads: the row's actor is the rater's account (or
    # none), visible to the auditors only.
    audit_record(
        action="evaluation.rating.submit", obj=rating, changes={"score": [None, score], "channel": [None, channel]}
    )
    if rating.is_bad:
        follow_up_open(rating)
    return rating


def rate_on_behalf(case_type: CaseType, case_pk, *, score: int, comment: str, channel: str) -> Rating | None:
    """The rater's answer taken down by staff (a letter's callback), in the caller's transaction: recorded as his
    rating unless he rated the case himself already (his own word stands, one rating per case) or it has no
    invitation (a case concluded before it was rated)."""
    invitation = Invitation.objects.filter(subject_type=case_type.subject, subject_id=str(case_pk)).first()
    if invitation is None or Rating.objects.filter(invitation=invitation).exists():
        return None
    return rating_record(invitation=invitation, score=score, comment=comment, channel=channel)


@transaction.atomic(durable=True)
def rating_add(*, rating: Rating, text: str) -> Rating:
    """追评: one later addition, never a change of what was said."""
    rating = Rating.objects.select_for_update().get(pk=rating.pk)
    if rating.added_at is not None:
        raise refuse(errors.ADDED_ALREADY, InvalidTransition)
    text = _text(text, "addition", "追加评价")
    if not text:
        raise refuse_on("addition", errors.ADDITION_REQUIRED)
    rating.addition, rating.added_at = text, timezone.now()
    rating.public_comment, rating.public_addition = public_copy(rating.comment, text)
    rating.save(update_fields=["addition", "added_at", "public_comment", "public_addition"])
    audit_record(action="evaluation.rating.add", obj=rating)
    return rating
