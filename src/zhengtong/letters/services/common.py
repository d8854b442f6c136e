"""What every letters service shares: who may act, the clocks, the handling record, telling the writer."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone

from zhengtong.cases import guards, lookup, transitions
from zhengtong.notifications.services import notify
from zhengtong.org.access import department_staff
from zhengtong.supervision.models import Clock, Unit
from zhengtong.supervision.services import clock_start, clock_stop

from .. import errors
from ..case import LETTER
from ..models import Centre, Event, Letter, Limit, Urgency

SUBJECT = LETTER.subject
DEFAULT_LIMITS = {  # DOMAIN §5; rows of Limit override these
    "accept": (2, Unit.HOURS),
    "consultation": (3, Unit.WORKING_DAYS),
    "help": (7, Unit.WORKING_DAYS),
    "complaint": (7, Unit.WORKING_DAYS),
    "report": (7, Unit.WORKING_DAYS),
    "suggestion": (7, Unit.WORKING_DAYS),
    "praise": (7, Unit.WORKING_DAYS),
    "urgent": (2, Unit.HOURS),
    "utility": (24, Unit.HOURS),
    "complex": (15, Unit.WORKING_DAYS),
}


def limit_for(key: str) -> tuple[int, str]:
    row = Limit.objects.filter(key=key).first()
    return (row.limit, row.unit) if row else DEFAULT_LIMITS[key]


def handling_key(letter: Letter) -> str:
    """The Limit row a letter's handling runs on: its kind, unless its urgency overrides it."""
    return letter.kind if letter.urgency == Urgency.NORMAL else letter.urgency


def handling_limit(letter: Letter) -> tuple[int, str]:
    return limit_for(handling_key(letter))


def letter_number(received_at, key: int) -> str:
    """A letter's public number, XJ + the year received + its key: taken before the insert (core/sql.next_key),
    so the number is written with the row (decision 0012)."""
    return f"XJ{received_at:%Y}{key:07d}"


def query_hash(number: str, code: str) -> str:
    return lookup.query_hash(LETTER, number, code)


def centre_department():
    centre = Centre.objects.select_related("department").order_by("pk").first()
    return centre.department if centre else None


def require_centre(user, letter: Letter, action: str) -> None:
    """The transition table's "who" for one of the centre's actions (letters/case.py), refused and audited."""
    transitions.require_may(LETTER, letter, user, action, errors.NOT_CENTRE)


def require_state_for(letter: Letter, action: str, by) -> None:
    """The transition table's states for `action`, refused (409, the state named) and audited."""
    transitions.require_state_for(LETTER, letter, action, errors.WRONG_STATE, by)


def require_department(user, department, letter: Letter, action: str) -> None:
    guards.require_works_in(LETTER, user, department, letter, action, errors.OTHER_DEPARTMENT)


def locked(letter: Letter) -> Letter:
    return guards.locked(Letter.objects.select_related("department", "mailbox", "writer"), letter)


def fresh(letter: Letter) -> Letter:
    """The letter as stored now: access is checked against its current department, not a caller's old copy."""
    return Letter.objects.select_related("department").get(pk=letter.pk)


def event(
    letter: Letter, action: str, label: str, *, by=None, department=None, note: str = "", public: bool = False, at=None
) -> Event:
    return Event.objects.create(
        letter=letter,
        at=at or timezone.now(),
        action=action,
        label=label[:200],
        department=department,
        actor=by if getattr(by, "pk", None) else None,
        note=note,
        public=public,
    )


def open_clocks(letter: Letter, **filters):
    return Clock.objects.filter(subject_type=SUBJECT, subject_id=str(letter.pk), stopped_at__isnull=True, **filters)


def stop_clocks(letter: Letter, *, cancelled: bool = False, **filters) -> None:
    for clock in open_clocks(letter, **filters):
        clock_stop(clock=clock, cancelled=cancelled)


def start_clock(
    letter: Letter, stage: str, label: str, department, limit: tuple[int, str], *, started_at=None, whole=False
) -> Clock:
    return clock_start(
        subject_type=SUBJECT,
        subject_id=str(letter.pk),
        stage=stage,
        stage_label=label,
        subject_label=f"{letter.get_kind_display()}：{letter.title}",
        department=department,
        limit=limit[0],
        unit=limit[1],
        started_at=started_at,
        item_code=f"letters.{letter.kind}",
        whole=whole,
    )


def staff_link(letter: Letter) -> str:
    return reverse("workbench_letters:detail", args=[letter.number])


def tell_department(department, title: str, link: str) -> None:
    staff = list(department_staff(department))
    if staff:
        notify(recipients=staff, title=title, link=link)
