"""The staff's and the applicant's actions by name, with their parameters as the workbench form posts them:
shared by the pages and the API (cases/api.py), so both take the same parameters to the same services."""

from __future__ import annotations

from zhengtong.accounts.models import User
from zhengtong.core.errors import refuse

from . import errors, services
from . import requests as svc
from .models import Document


def _user(value):
    return User.objects.filter(pk=int(value)).first() if str(value or "").isdigit() else None


REQUEST_ACTIONS = {
    "correction": lambda r, user, post: svc.request_correction(
        request=r, by=user, items=post.get("items", "").splitlines()
    ),
    "correct": lambda r, user, post: svc.request_correct(request=r, by=user, content=post.get("content", "")),
    "consult": lambda r, user, post: svc.request_consult(request=r, by=user, third_party=post.get("third_party", "")),
    "consulted": lambda r, user, post: svc.request_consulted(request=r, by=user, opinion=post.get("opinion", "")),
    "extend": lambda r, user, post: svc.request_extend(
        request=r,
        by=user,
        reason=post.get("reason", ""),
        approver=_user(post.get("approver")),
    ),
    "answer": lambda r, user, post: svc.request_answer(
        request=r,
        by=user,
        answer_type=post.get("answer_type", ""),
        reason=post.get("answer_reason", ""),
        text=post.get("text", ""),
    ),
    "deliver": lambda r, user, post: svc.request_deliver(request=r, by=user, method=post.get("method", "")),
    "withdraw": lambda r, user, post: svc.request_withdraw(request=r, by=user),
}

REVIEW_POINTS = ("no_state_secret", "no_commercial_secret", "no_privacy")


def _review(document, user, post):
    return services.document_review(
        document=document,
        by=user,
        approve=post.get("decision") == "approve",
        justification=post.get("justification", ""),
        note=post.get("note", ""),
        **{point: post.get(point) in ("1", "on", "true", "True") for point in REVIEW_POINTS},
    )


def _amend(document, user, post):
    replacement = Document.objects.filter(index_no=(post.get("replacement") or "").strip()).first()
    if replacement is None:
        raise refuse(errors.REPLACEMENT_NOT_FOUND)
    return services.document_amend(original=document, replacement=replacement, by=user)


DOCUMENT_ACTIONS = {
    "submit": lambda d, user, post: services.document_submit(document=d, by=user),
    "mask_body": lambda d, user, post: services.document_mask_body(document=d, by=user),
    "review": _review,
    "amend": _amend,
    "repeal": lambda d, user, post: services.document_repeal(document=d, by=user, reason=post.get("reason", "")),
}
