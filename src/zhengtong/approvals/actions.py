"""The actions on an application by name, with their parameters as the workbench form posts them (read strictly
by core/params.py): shared by the pages and the API (cases/api.py), so both take the same parameters to the
same services. Each takes (application, user, params, files)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from zhengtong.core import params
from zhengtong.core.errors import NotFound, refuse_on
from zhengtong.files.intake import MAX_BYTES
from zhengtong.org.models import Membership

from . import errors, services
from .services.time_limits import SPECIAL_PROCEDURES


def _approver(data):
    approver = params.identifier(data, "approver", needed=True)
    membership = Membership.objects.filter(user_id=approver or 0).select_related("user")
    found = membership.first()
    return found.user if found else None


def _branch_to_review(application, user, data):
    """The branch an opinion is given on, checked as the service checks it before the opinion's parameters are
    read: no branch named is 400, one that is not this application's 404, another department's 403, one that has
    its opinion already 409 (the branch's state is the step's state, as the case's is for the others)."""
    if not params.given(data, "branch"):
        raise refuse_on("branch", ("BRANCH_REQUIRED", _("请指定审查分支。")))
    # a malformed id is a bad request naming it; a well-formed one that is not this application's branch, 404
    branch = application.branches.filter(pk=params.identifier(data, "branch")).first()
    if branch is None:
        raise NotFound()
    services.require_department(user, branch.department, application, "review")
    services.require_branch_pending(branch)
    return branch


def _review(application, user, data, files):
    branch = _branch_to_review(application, user, data)
    return services.review_decide(
        branch=branch, by=user, agree=params.flag(data, "agree"), reason=params.text(data, "reason")
    )


def material_uploads(item, files) -> dict:
    """The files sent for the item's materials, one field per material: material_<材料ID> (at submission, at the
    window, with a correction). A file under any other name is refused naming it: dropped, the application went
    in without what the applicant believed he had sent."""
    fields = {f"material_{material.pk}": material.pk for material in item.materials.all()}
    for name in files or {}:
        if name not in fields:
            raise refuse_on(name, errors.MATERIAL_UNKNOWN)
    return {
        pk: [(f.name, f.read(MAX_BYTES + 1)) for f in files.getlist(name)]
        for name, pk in fields.items()
        if files and files.getlist(name)
    }


def _answers(application, data) -> dict:
    """The corrected answers to the item's own form, by their keys (as the page's form posts them): those sent."""
    fields = application.item.fields.all()
    return {f.key: params.answer(data, f.key, label=f.label) for f in fields if f.key in data}


# What an action checks of its target before its parameters are read, for a caller that validates them first (the
# approvals API's serializer): the action checks it again itself.
TARGET_CHECKS = {"review": _branch_to_review}

STAFF_ACTIONS = {
    "accept": lambda a, u, p, f: services.application_accept(application=a, by=u),
    "refuse": lambda a, u, p, f: services.application_refuse(
        application=a, by=u, reason=params.text(p, "reason", needed=True)
    ),
    "correction": lambda a, u, p, f: services.application_request_correction(
        application=a, by=u, items=params.lines(p, "items", needed=True)
    ),
    "review": _review,
    "conclude": lambda a, u, p, f: services.application_conclude(
        application=a,
        by=u,
        granted=params.flag(p, "granted"),
        reason=params.text(p, "reason"),
        doc_no=params.text(p, "doc_no", max_length=100),
        certificate_no=params.text(p, "certificate_no", max_length=100),
    ),
    "deliver": lambda a, u, p, f: services.application_deliver(
        application=a, by=u, method=params.text(p, "method", max_length=50) or "窗口领取"
    ),
    "special_pause": lambda a, u, p, f: services.application_special_pause(
        application=a,
        by=u,
        reason=params.text(p, "reason", max_length=20, needed=True, one_of=SPECIAL_PROCEDURES),
        note=params.text(p, "note", max_length=300),
        expected_days=params.whole_number(p, "expected_days", maximum=365, needed=True, least=1),
    ),
    "special_resume": lambda a, u, p, f: services.application_special_resume(application=a, by=u),
    "extend": lambda a, u, p, f: services.application_extend(
        application=a, by=u, approver=_approver(p), reason=params.text(p, "reason", needed=True)
    ),
    "extend_decide": lambda a, u, p, f: services.application_extend_decide(
        application=a, by=u, approve=params.flag(p, "approve"), note=params.text(p, "note", max_length=300)
    ),
    # the applicant online, or the lead department's staff for a window applicant (approvals/case.py)
    "resubmit": lambda a, u, p, f: services.application_resubmit(
        application=a, by=u, uploads=material_uploads(a.item, f), data=_answers(a, p)
    ),
    "withdraw": lambda a, u, p, f: services.application_withdraw(application=a, by=u),
}
