"""The centre's and the departments' actions by name, with their parameters as the workbench form posts them:
shared by the pages and the API (cases/api.py), so both take the same parameters to the same services."""

from __future__ import annotations

from zhengtong.org.models import Department

from . import services
from .models import Letter, Responsibility


def _department(post, letter: Letter):
    dept_id = str(post.get("department") or "")
    mine = {a.department_id: a.department for a in letter.assignments.select_related("department")}
    return mine.get(int(dept_id)) if dept_id and dept_id.isdigit() else None


def _departments(ids) -> list[Department]:
    ids = [int(i) for i in ids if str(i).isdigit()]
    return list(Department.objects.filter(pk__in=ids))


def _category(value) -> Responsibility | None:
    return Responsibility.objects.filter(pk=int(value)).first() if str(value or "").isdigit() else None


ACTIONS = {
    "accept": lambda l, user, post: services.letter_accept(letter=l, by=user),
    "decline": lambda l, user, post: services.letter_decline(letter=l, by=user, reason=post.get("reason", "")),
    "dispatch": lambda l, user, post: services.letter_dispatch(
        letter=l,
        by=user,
        department=next(iter(_departments([post.get("department", "")])), None),
        co_departments=_departments(post.getlist("co")),
        note=post.get("note", ""),
        category=_category(post.get("category")),
    ),
    "sign": lambda l, user, post: services.letter_sign(letter=l, by=user, department=_department(post, l)),
    "return": lambda l, user, post: services.letter_return(
        letter=l, by=user, department=_department(post, l), reason=post.get("reason", "")
    ),
    "review_return": lambda l, user, post: services.letter_review_return(
        letter=l, by=user, approve=post.get("approve") == "1", note=post.get("note", "")
    ),
    "co_opinion": lambda l, user, post: services.letter_co_opinion(
        letter=l, by=user, department=_department(post, l), opinion=post.get("opinion", "")
    ),
    "draft": lambda l, user, post: services.letter_draft_reply(letter=l, by=user, text=post.get("text", "")),
    "review_reply": lambda l, user, post: services.letter_review_reply(
        letter=l, by=user, approve=post.get("approve") == "1", note=post.get("note", "")
    ),
    "callback": lambda l, user, post: services.letter_callback(
        letter=l, by=user, satisfaction=post.get("satisfaction", ""), note=post.get("note", "")
    ),
    "reopen": lambda l, user, post: services.letter_reopen(letter=l, by=user, reason=post.get("reason", "")),
    "close": lambda l, user, post: services.letter_close(letter=l, by=user, note=post.get("note", "")),
    "supervise": lambda l, user, post: services.letter_supervise(letter=l, by=user, note=post.get("note", "")),
    "merge": lambda l, user, post: services.letter_merge(
        letter=l, by=user, into=Letter.objects.filter(number=post.get("into", "").strip()).first() or l
    ),
    "publish": lambda l, user, post: services.letter_publish(letter=l, by=user),
    "unpublish": lambda l, user, post: services.letter_unpublish(letter=l, by=user),
}
