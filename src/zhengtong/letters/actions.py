"""The centre's and the departments' actions by name, with their parameters as the workbench form posts them:
shared by the pages and the API (cases/api.py), so both take the same parameters to the same services."""

from __future__ import annotations

from zhengtong.core import params
from zhengtong.org.models import Department

from . import services
from .models import Letter, Responsibility
from .services.handling import CALLBACK_RESULTS

CALLBACK_ANSWERS = tuple(CALLBACK_RESULTS)  # 回访's five levels and 未能联系, as the schema lists them


def _department(post, letter: Letter):
    """One of the letter's own assignments' departments (sign, return, co-handle)."""
    chosen = params.identifier(post, "department", needed=True)
    if chosen is None:  # not named: no department to check his work in (a 403 said the letter was not his)
        raise params.missing("department")
    mine = {a.department_id: a.department for a in letter.assignments.select_related("department")}
    return mine.get(chosen)


def _departments(post, name: str) -> list[Department]:
    """The departments named, every one of them: an id that names none is refused, not dropped."""
    ids = set(params.identifiers(post, name))
    found = list(Department.objects.filter(pk__in=ids))
    if len(found) < len(ids):
        raise params.unknown(name)
    return found


def _category(post) -> Responsibility | None:
    found = params.identifier(post, "category")
    if not found:
        return None
    category = Responsibility.objects.filter(pk=found).first()
    if category is None:
        raise params.unknown("category")
    return category


ACTIONS = {
    "accept": lambda l, user, post: services.letter_accept(letter=l, by=user),
    "decline": lambda l, user, post: services.letter_decline(
        letter=l, by=user, reason=params.text(post, "reason", needed=True)
    ),
    "dispatch": lambda l, user, post: services.letter_dispatch(
        letter=l,
        by=user,
        department=Department.objects.filter(pk=params.identifier(post, "department", needed=True) or 0).first(),
        co_departments=_departments(post, "co"),
        note=params.text(post, "note"),
        category=_category(post),
    ),
    "sign": lambda l, user, post: services.letter_sign(letter=l, by=user, department=_department(post, l)),
    "return": lambda l, user, post: services.letter_return(
        letter=l, by=user, department=_department(post, l), reason=params.text(post, "reason", needed=True)
    ),
    "review_return": lambda l, user, post: services.letter_review_return(
        letter=l, by=user, approve=params.flag(post, "approve"), note=params.text(post, "note")
    ),
    "co_opinion": lambda l, user, post: services.letter_co_opinion(
        letter=l, by=user, department=_department(post, l), opinion=params.text(post, "opinion", needed=True)
    ),
    "draft": lambda l, user, post: services.letter_draft_reply(
        letter=l, by=user, text=params.text(post, "text", needed=True)
    ),
    "review_reply": lambda l, user, post: services.letter_review_reply(
        letter=l, by=user, approve=params.flag(post, "approve"), note=params.text(post, "note")
    ),
    "callback": lambda l, user, post: services.letter_callback(
        letter=l,
        by=user,
        result=params.text(post, "result", max_length=20, needed=True, one_of=CALLBACK_ANSWERS),
        note=params.text(post, "note"),
    ),
    "reopen": lambda l, user, post: services.letter_reopen(
        letter=l, by=user, reason=params.text(post, "reason", needed=True)
    ),
    "close": lambda l, user, post: services.letter_close(
        letter=l, by=user, note=params.text(post, "note", needed=True)
    ),
    "supervise": lambda l, user, post: services.letter_supervise(
        letter=l, by=user, note=params.text(post, "note", needed=True)
    ),
    "merge": lambda l, user, post: services.letter_merge(
        letter=l,
        by=user,
        into=Letter.objects.filter(number=params.text(post, "into", max_length=30, needed=True).strip()).first() or l,
    ),
    "publish": lambda l, user, post: services.letter_publish(letter=l, by=user),
    "unpublish": lambda l, user, post: services.letter_unpublish(letter=l, by=user),
}
