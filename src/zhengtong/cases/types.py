"""A case type as a domain declares it to the engine."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .transitions import Action


@dataclass(frozen=True)
class Told:
    """Whom a case type tells of its steps (cases/notices.py): `person`, the field naming the one the case is for
    (the applicant, the writer; none for a case filed for someone without an account); `subject(case)`, what
    each message's title begins with ("信件XJ…"); `page`, his own page of the case as a URL name and the field
    filling it; `channels`, where the message goes besides the site's inbox."""

    person: str
    subject: Callable[[Any], str]
    page: tuple[str, str]
    channels: tuple[str, ...] = ("site",)


@dataclass(frozen=True)
class CaseType:
    """`subject` is the case model's app label and name ("letters.letter"): the clocks' subject, the audit rows'
    object type, and the namespace of refusals ("letters.denied.<action>").

    `query_purpose` keys the HMAC of the query code: a hash made for one case type proves nothing for another,
    and it never changes once codes are stored. `lookup_throttled` and `lookup_failed` are the domain's coded
    errors for the status lookup; `state_field` names the model's state column.

    `departments` are the lookups from the case to the departments it involves (the lead, a branch, an
    assignment), `handlers` those to the staff who handled it (what 仅本人 covers), and `closed_states` the
    states where nothing waits on anyone (cases/visibility.py). `actions` is the transition table
    (cases/transitions.py); `works_on_all(user)`, where given, names the staff who work on every case of the
    type (the hotline centre on every letter); `related_audit` the (object type, related name) of the parts
    whose audit rows belong to the case's timeline (an application's review branches). `personal` names the
    fields holding a person's identifiers (field, label): staff pages and the API show them masked, and the full
    value only to staff who may act on the case, each showing audited (cases/reveal.py); `personal_withheld(case)`,
    where given, names the cases whose identifiers no one sees whole (an anonymous letter). `personal_texts` names
    what a person wrote in his own words (field, label): an ID number or a card number in it is masked on staff
    pages, and the whole text revealed as a personal field is (a letter's writer gives his own). `told` is whom the
    engine tells of the case's steps, and how (`Told`). `wrong_state` is the domain's coded 409 for an action
    not taken from the case's state: the engine refuses with it before the action reads its parameters."""

    subject: str
    state_field: str = "state"
    query_purpose: str = ""  # empty: the case type has no public status lookup
    lookup_throttled: tuple[str, str] | None = None
    lookup_failed: tuple[str, str] | None = None
    departments: tuple[str, ...] = ("department",)
    handlers: tuple[str, ...] = ()
    closed_states: tuple[str, ...] = ()
    actions: tuple[Action, ...] = ()
    works_on_all: Callable[[Any], bool] | None = None
    related_audit: tuple[tuple[str, str], ...] = ()
    personal: tuple[tuple[str, str], ...] = ()
    personal_withheld: Callable[[Any], bool] | None = None
    personal_texts: tuple[tuple[str, str], ...] = ()
    told: Told | None = None
    wrong_state: tuple[str, str] | None = None
    steps: tuple[tuple[str, str], ...] = ()  # audited steps no action of the table takes: (name, label)

    @property
    def namespace(self) -> str:
        return self.subject.split(".", 1)[0]
