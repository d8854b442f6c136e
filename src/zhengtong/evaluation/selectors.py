"""Reads for the 好差评 pages."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q
from django.utils import timezone

from zhengtong.accounts.models import User
from zhengtong.org.models import Department

from .models import BAD_SCORES, GOOD_SCORES, FollowUp, Invitation, Rating


def names(by: str, keys: list) -> dict:
    """What a ranking row is called: the department's name, the item's, the approver's."""
    if by == "department":
        return dict(Department.objects.filter(pk__in=keys).values_list("pk", "name"))
    if by == "item":
        return dict(Invitation.objects.filter(item_code__in=keys).values_list("item_code", "item_name").distinct())
    return {u.pk: u.display_name for u in User.objects.filter(pk__in=keys)}


def recent_months(count: int = 12) -> list[dt.date]:
    month = timezone.localdate().replace(day=1)
    months = []
    for _ in range(count):
        months.append(month)
        month = (month - dt.timedelta(days=1)).replace(day=1)
    return months


def published_rectifications(limit: int = 20) -> list[dict]:
    """The latest rectified 差评, as the public reads them: what was said and what was done, in the public copy made
    when the rectification was published (publication.py: personal data masked, names in prose read); the rater
    never named. The encrypted originals are not read."""
    rows = (
        FollowUp.objects.filter(state=FollowUp.State.DONE, published=True)
        .select_related("rating__invitation", "rating__department")
        .only(
            "rectified_at",
            "rectified_on_time",
            "public_comment",
            "public_rectification",
            "rating__score",
            "rating__department__name",
            "rating__invitation__item_name",
        )
        .order_by("-rectified_at")[:limit]
    )
    return [
        {
            "at": f.rectified_at,
            "department": f.rating.department.name,
            "item": f.rating.invitation.item_name,
            "score": f.rating.get_score_display(),
            "comment": f.public_comment,
            "rectification": f.public_rectification,
            "on_time": f.rectified_on_time,
        }
        for f in rows
    ]


def invitation_of(subject_type: str, case_pk, user) -> Invitation | None:
    """The case's invitation when the user is its rater (for the button on his case page)."""
    if not getattr(user, "is_authenticated", False):
        return None
    return (
        Invitation.objects.filter(subject_type=subject_type, subject_id=str(case_pk), rater=user)
        .select_related("rating")
        .first()
    )


def invitation_of_case(subject_type: str, case_pk) -> Invitation | None:
    """For the staff's case page (the 评价器 button): the case's invitation and whether it was rated."""
    return (
        Invitation.objects.filter(subject_type=subject_type, subject_id=str(case_pk)).select_related("rating").first()
    )


def staff_profile(membership, *, since: dt.datetime) -> dict:
    """A member of staff's public face (issue 24 item 4): what the people he served said, counted since `since`
    (the appeal-upheld ratings left out), and the latest praise in their words, masked."""
    mine = Rating.objects.filter(staff_id=membership.user_id, counted=True, at__gte=since)
    counts = mine.aggregate(
        n=Count("pk"),
        good=Count("pk", filter=Q(score__in=GOOD_SCORES)),
        bad=Count("pk", filter=Q(score__in=BAD_SCORES)),
    )
    # What they said as the public reads it: masked once, when said (publication.public_copy)
    latest = mine.filter(score__in=GOOD_SCORES).exclude(public_comment="").order_by("-at")[:5]
    praise = [{"at": r.at, "score": r.get_score_display(), "comment": r.public_comment} for r in latest]
    return {**counts, "praise": praise}
