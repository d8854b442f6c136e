"""The staff's and the applicant's actions by name, with their parameters as the workbench form posts them:
shared by the pages and the API (cases/api.py), so both take the same parameters to the same services."""

from __future__ import annotations

from zhengtong.accounts.models import User
from zhengtong.core import params
from zhengtong.core.errors import refuse_on

from . import errors, services
from . import requests as svc
from .models import Document


def _approver(data):
    found = params.identifier(data, "approver", needed=True)
    return User.objects.filter(pk=found).first() if found else None


REQUEST_ACTIONS = {
    "correction": lambda r, user, post: svc.request_correction(
        request=r, by=user, items=params.lines(post, "items", needed=True)
    ),
    "correct": lambda r, user, post: svc.request_correct(
        request=r, by=user, content=params.text(post, "content", needed=True)
    ),
    "consult": lambda r, user, post: svc.request_consult(
        request=r, by=user, third_party=params.text(post, "third_party", max_length=200, needed=True)
    ),
    "consulted": lambda r, user, post: svc.request_consulted(request=r, by=user, opinion=params.text(post, "opinion")),
    "extend": lambda r, user, post: svc.request_extend(
        request=r,
        by=user,
        reason=params.text(post, "reason", needed=True),
        approver=_approver(post),
    ),
    "extend_decide": lambda r, user, post: svc.request_extend_decide(
        request=r, by=user, approve=params.flag(post, "approve"), note=params.text(post, "note", max_length=300)
    ),
    "answer": lambda r, user, post: svc.request_answer(
        request=r,
        by=user,
        answer_type=params.text(post, "answer_type", max_length=20, needed=True),
        reason=params.text(post, "answer_reason", max_length=20),
        text=params.text(post, "text", max_length=10000),
    ),
    "deliver": lambda r, user, post: svc.request_deliver(
        request=r, by=user, method=params.text(post, "method", max_length=50, needed=True)
    ),
    "withdraw": lambda r, user, post: svc.request_withdraw(request=r, by=user),
    "fee_notice": lambda r, user, post: svc.request_fee_notice(request=r, by=user),
    "fee_paid": lambda r, user, post: svc.request_fee_paid(
        request=r, by=user, amount=params.whole_number(post, "amount", maximum=1_000_000) or 0
    ),
}

REVIEW_POINTS = ("no_state_secret", "no_commercial_secret", "no_privacy")


def _review(document, user, post):
    return services.document_review(
        document=document,
        by=user,
        approve=params.choice(post, "decision", ("approve", "reject")) == "approve",
        justification=params.text(post, "justification"),
        note=params.text(post, "note"),
        **{point: params.flag(post, point, required=False) for point in REVIEW_POINTS},  # checkboxes: unticked is no
    )


def _amend(document, user, post):
    index_no = params.text(post, "replacement", max_length=64, needed=True).strip()
    replacement = Document.objects.filter(index_no=index_no).first()
    if replacement is None:
        raise refuse_on("replacement", errors.REPLACEMENT_NOT_FOUND)
    return services.document_amend(original=document, replacement=replacement, by=user)


DOCUMENT_ACTIONS = {
    "submit": lambda d, user, post: services.document_submit(document=d, by=user),
    "detach": lambda d, user, post: services.document_detach(
        document=d, by=user, attachment_id=params.identifier(post, "attachment")
    ),
    "mask_body": lambda d, user, post: services.document_mask_body(document=d, by=user),
    "review": _review,
    "amend": _amend,
    "repeal": lambda d, user, post: services.document_repeal(
        document=d, by=user, reason=params.text(post, "reason", needed=True)
    ),
}
