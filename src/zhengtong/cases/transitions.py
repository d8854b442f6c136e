"""A case type's transition table: for each action, the states it may be taken from and who may take it (a role
and a relation to the case's departments). The same table answers the page ("which forms do I show?"), the API
(`allowed_actions` in a case's detail) and the service's guard, so the three cannot disagree.

A refusal keeps its domain's code and is audited: one by someone the table does not allow as
`<app>.denied.<action>`, one in a state the action is not taken from as `<app>.refused.<action>`, with the
state it was in.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import Model
from django.utils.translation import gettext as _

from zhengtong import privacy
from zhengtong.core.errors import refuse_on
from zhengtong.org.selectors import public_contacts

from .guards import denied, refusals_audited, refused_state, staff_refusal
from .types import CaseType

Who = Callable[[Any, Model], bool]


@dataclass(frozen=True)
class Action:
    """`name` is the action's stable key (URLs, API, audit); `label` what staff read; `states` the states it is
    taken from; `who(user, case)` whether this user may take it on this case; `once(case)`, where given, whether
    the case still admits it (a step the law allows once: one correction notice, one extension), refused with
    the `repeated` code (409) when it does not. `applicant`: the applicant's own step (withdraw, resubmit), whose
    refusal is the domain's for anyone; a staff step's tells one who handles no cases so (guards.staff_refusal).
    `reports`: states beyond `states` from which an attempt is an
    irregularity its service records for 电子监察 (办结 while departments' opinions are still pending): `perform`
    lets an attempt from those through to the service, and refuses one from any other state first. `may_name`: the
    parameters of a staff step that may hold a person's number (a consulted third party's contact, given to reach
    him); every other parameter holds none (`written_numbers_refused`)."""

    name: str
    label: str
    states: tuple[str, ...]
    who: Who
    once: Callable[[Model], bool] | None = None
    repeated: tuple[str, str] | None = None
    reports: tuple[str, ...] = ()
    applicant: bool = False
    may_name: tuple[str, ...] = ()


def action(case_type: CaseType, name: str) -> Action:
    for candidate in case_type.actions:
        if candidate.name == name:
            return candidate
    raise KeyError(f"{case_type.subject} has no action {name!r}")


def allowed_actions(case_type: CaseType, case: Model, user) -> tuple[str, ...]:
    """The actions this user may take on the case as it stands, in the table's order."""
    return tuple(a.name for a in case_type.actions if _open_to(a, case_type, case, user))


def may(case_type: CaseType, case: Model, user, name: str) -> bool:
    """Whether this user may take the one action `name` on the case as it stands (allowed_actions, for one)."""
    return _open_to(action(case_type, name), case_type, case, user)


def _open_to(step: Action, case_type: CaseType, case: Model, user) -> bool:
    state = getattr(case, case_type.state_field)
    return state in step.states and (step.once is None or step.once(case)) and step.who(user, case)


def perform(case_type: CaseType, actions: dict[str, Callable], name: str, case: Model, user, *args):
    """The named action of a domain's `actions` (the page's and the API's), the case's state checked first: an
    action not taken from it is refused 409 naming the state and audited before its parameters are read (a
    replied letter dispatched with no department answered 400 for the department, unaudited), whoever asks: a
    step whose who-may depends on the case (a review needs a pending branch of his department) is taken by no one
    from a state outside its table. In its states, a user the table does not allow is left to the action's own
    guard (its 403 and code), as is an attempt from a state the step `reports` from. Every refusal is audited once
    (`guards.refusals_audited`)."""
    with refusals_audited(case_type, user, case, name):
        state_first(case_type, name, case, user)
        if args:
            written_numbers_refused(case_type, name, args[0])
        return actions[name](case, user, *args)


# A step's text may hold a landline: an office's or a firm's is no one's (a reply tells the writer which bureau to
# call). Names and addresses are not numbers (`privacy.numbers_in`): whom and where a case is about is its substance.
TEXT_HOLDS_NUMBERS = "CASE_TEXT_HOLDS_PERSONAL_NUMBERS"
_NOT_WRITTEN = frozenset({"csrfmiddlewaretoken"})  # the page's form token, no one's words
# No step reads a longer value (core/params' readers refuse one, the longest an answer's 10,000 characters): one is
# not read here either, so a body of megabytes in a parameter no step reads costs nothing.
_LONGEST_READ = 10_000


def written_numbers_refused(case_type: CaseType, name: str, data) -> None:
    """Refused (400 naming the parameter) where what staff send with a step holds an ID number, a mobile, a card's,
    a plate's or the like. Outside attack, session 63: a third party's ID number and mobile written in a correction's
    items, an extension's reason or a disclosure answer were sent to the applicant (his messages, his SMS, the answer
    letter's PDF), shown to anyone with the receipt and its query code, and stored in clear; then in a decision's
    document number, a licence's number and a delivery's method, which no list of a step's texts had named. So every
    parameter is read but those the step says may name someone (`Action.may_name`), and an applicant's own step is
    not read (his answers hold his own contact, kept in fields made for it). A case's record and its letters name no
    one's number."""
    step = action(case_type, name)
    if step.applicant:
        return
    sent = ((field, "\n".join(str(v) for v in data.getlist(field) if v is not None)) for field in data.keys())
    written = {
        field: text
        for field, text in sent
        if field not in step.may_name and field not in _NOT_WRITTEN and len(text) <= _LONGEST_READ
    }
    allow = public_contacts() if any(text.strip() for text in written.values()) else frozenset()
    for field, text in written.items():
        found = [f for f in privacy.numbers_in(text, allow=allow) if f.kind != privacy.Kind.LANDLINE]
        if found:
            message = _("此栏中有%(kind)s（%(masked)s）：办件记录和告知申请人的文书不写任何人的号码，请删除后再提交。")
            raise refuse_on(
                field,
                (TEXT_HOLDS_NUMBERS, message),
                kind=found[0].kind.label,
                masked=privacy.mask_finding(found[0]),
            )


def state_first(case_type: CaseType, name: str, case: Model, user) -> None:
    """`perform`'s first step alone, for a caller that reads its parameters itself before the action runs: it calls
    `written_numbers_refused` itself too (a test holds every caller to it)."""
    step = action(case_type, name)
    if case_type.wrong_state is None:
        return
    if getattr(case, case_type.state_field) not in step.reports:
        require_state_for(case_type, case, name, case_type.wrong_state, user)


def require_may(case_type: CaseType, case: Model, user, name: str, error: tuple[str, str]) -> None:
    """Refused (403, audited) unless the table lets this user take the action on this case. Services check it before
    the row is locked, as it does not depend on the state, unless who may depends on what the state check refuses
    (an extension's decision awaits its head only while it is pending)."""
    step = action(case_type, name)
    if not step.who(user, case):
        raise denied(case_type, user, case, name, error if step.applicant else staff_refusal(user, error))


def require_state_for(case_type: CaseType, case: Model, name: str, error: tuple[str, str], user=None) -> None:
    """Refused (409 naming the state, audited) unless the case, as locked, is in a state the action is taken
    from and, for a step taken once, has not had it yet."""
    step = action(case_type, name)
    if getattr(case, case_type.state_field) not in step.states:
        raise refused_state(case_type, user, case, name, error)
    if step.once is not None and not step.once(case):
        raise refused_state(case_type, user, case, name, step.repeated or error)
