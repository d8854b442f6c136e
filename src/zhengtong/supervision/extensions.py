"""Extensions asked for and decided by different people (issue 21, item 3): the clerk asks, naming the approver
the domain's rule requires; the approver decides in his own session, told by an in-site message; only his
approval extends the clock. An approver asking himself decides at once. Each step is audited with its actor."""

from __future__ import annotations

from django.db import models, transaction
from django.utils import timezone

from zhengtong.audit.services import audit_record
from zhengtong.core.errors import InvalidTransition, PermissionDenied
from zhengtong.notifications.services import notify

from . import errors
from .models import Clock, ExtensionRequest
from .services import clock_extend, require_approver_and_reason


def _pending_on(subject_type: str, subject_id) -> models.QuerySet:
    return ExtensionRequest.objects.filter(
        clock__subject_type=subject_type, clock__subject_id=str(subject_id), decided_at__isnull=True
    )


def awaits_decision_by(user, subject_type: str, subject_id) -> bool:
    """This user is the approver named in the case's pending extension request (who may decide it)."""
    authenticated = bool(user and user.is_authenticated)
    return authenticated and _pending_on(subject_type, subject_id).filter(approver_id=user.pk).exists()


def awaiting_decision(user, subject_type: str) -> list[str]:
    """The ids of the cases of `subject_type` whose pending extension request names this user as approver: he
    sees them, whatever his data scope, to decide (cases/visibility.py)."""
    return list(
        ExtensionRequest.objects.filter(
            approver_id=getattr(user, "pk", None), decided_at__isnull=True, clock__subject_type=subject_type
        ).values_list("clock__subject_id", flat=True)
    )


def pending_extension(subject_type: str, subject_id) -> ExtensionRequest | None:
    """The case's extension request waiting for its approver, if any (one at a time per case: a case type admits
    "extend" only while this is None; the page shows it; the decision takes it)."""
    return _pending_on(subject_type, subject_id).select_related("approver", "requested_by").first()


@transaction.atomic
def extension_request(*, clock: Clock, amount: int, reason: str, by, approver, link: str = "") -> ExtensionRequest:
    """Ask `approver` for `amount` more; when `by` is the approver himself, it is decided (approved) at once."""
    require_approver_and_reason(approver, reason)
    clock = Clock.objects.select_for_update().get(pk=clock.pk)
    if clock.extension_requests.filter(decided_at__isnull=True).exists():
        raise InvalidTransition(errors.EXTENSION_PENDING[1], code=errors.EXTENSION_PENDING[0])
    request = ExtensionRequest.objects.create(
        clock=clock,
        amount=amount,
        reason=reason.strip()[:300],
        requested_by=by,
        requested_at=timezone.now(),
        approver=approver,
    )
    audit_record(
        action="supervision.extension.request",
        obj=clock,
        changes={"amount": [None, amount], "approver": [None, str(approver)], "reason": [None, request.reason]},
    )
    if approver.pk == by.pk:
        return extension_decide(request=request, by=by, approve=True)
    notify(
        recipients=[approver],
        title=f"延长时限待您审批：{by.display_name}申请延长{amount}个{clock.get_unit_display()}",
        body=request.reason,
        link=link,
    )
    return request


@transaction.atomic
def extension_decide(
    *, request: ExtensionRequest, by, approve: bool, note: str = "", link: str = ""
) -> ExtensionRequest:
    """The named approver's decision; nobody else's counts."""
    request = ExtensionRequest.objects.select_for_update().select_related("clock", "requested_by").get(pk=request.pk)
    if request.decided_at is not None:
        raise InvalidTransition(errors.EXTENSION_DECIDED[1], code=errors.EXTENSION_DECIDED[0])
    if by is None or by.pk != request.approver_id:
        raise PermissionDenied(errors.EXTENSION_NOT_APPROVER[1], code=errors.EXTENSION_NOT_APPROVER[0])
    request.decided_at, request.approved, request.note = timezone.now(), bool(approve), (note or "").strip()[:300]
    request.save(update_fields=["decided_at", "approved", "note"])
    audit_record(
        action="supervision.extension.approve" if approve else "supervision.extension.refuse",
        obj=request.clock,
        changes={"amount": [None, request.amount], "note": [None, request.note]},
    )
    if approve:
        clock_extend(clock=request.clock, amount=request.amount, reason=request.reason, approver=by)
    if request.requested_by_id != by.pk:
        verdict = "同意" if approve else "不同意"
        notify(
            recipients=[request.requested_by], title=f"{by.display_name}{verdict}延长时限", body=request.note, link=link
        )
    return request
