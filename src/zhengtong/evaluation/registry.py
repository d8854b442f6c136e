"""How a case type declares that it is rated: `register(case_type, Rated(...))` in its app's ready(). From then on
every save that leaves one of its cases in a concluded state opens that case's invitation, in the same
transaction as the conclusion (a concluded case is never left without one, and a rolled-back one gets none)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.apps import apps
from django.db.models import Model
from django.db.models.signals import post_save

from zhengtong.cases.types import CaseType


@dataclass(frozen=True)
class Subject:
    """A concluded case as the engine rates it."""

    label: str  # what the rater sees: "食品经营许可（SQ2026-000123）"
    department_id: int  # who answers for it
    staff_id: int | None  # the approver or handler ranked for it
    item_code: str  # the service item ranked for it ("" for none)
    item_name: str
    online: bool  # made online: the four sub-indicators are asked too
    rater_id: int | None  # the applicant's account
    rater_mobile: str  # for an applicant without one: where the SMS link goes
    concluded_at: dt.datetime


@dataclass(frozen=True)
class Rated:
    concluded: tuple[str, ...]  # the states in which a case is concluded and may be rated
    describe: Callable[[Model], Subject]


_REGISTRY: dict[str, tuple[CaseType, Rated]] = {}


def register(case_type: CaseType, rated: Rated) -> None:
    _REGISTRY[case_type.subject] = (case_type, rated)
    post_save.connect(
        _on_save, sender=apps.get_model(case_type.subject), dispatch_uid=f"evaluation:{case_type.subject}"
    )


def rated_types() -> dict[str, tuple[CaseType, Rated]]:
    return dict(_REGISTRY)


def case_model(subject_type: str) -> type[Model]:
    return apps.get_model(subject_type)


def _on_save(sender, instance, update_fields=None, **kwargs) -> None:
    case_type, rated = _REGISTRY[sender._meta.label_lower]
    if update_fields is not None and case_type.state_field not in update_fields:
        return
    if getattr(instance, case_type.state_field) in rated.concluded:
        from .services import invitation_open  # services import this module for the declarations

        invitation_open(case_type, instance, rated.describe)
