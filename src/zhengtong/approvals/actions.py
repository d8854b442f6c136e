"""The staff actions by name, with their parameters as posted: shared by the workbench form posts and the API,
so both take the same parameters to the same services."""

from __future__ import annotations

from zhengtong.org.models import Membership
from zhengtong.supervision.models import ClockPause

from . import services


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


STAFF_ACTIONS = {
    "accept": lambda a, u, p: services.application_accept(application=a, by=u),
    "refuse": lambda a, u, p: services.application_refuse(application=a, by=u, reason=p.get("reason", "")),
    "correction": lambda a, u, p: services.application_request_correction(
        application=a, by=u, items=_lines(p.get("items", ""))
    ),
    "conclude": lambda a, u, p: services.application_conclude(
        application=a,
        by=u,
        granted=p.get("granted") == "1",
        reason=p.get("reason", ""),
        doc_no=p.get("doc_no", ""),
        certificate_no=p.get("certificate_no", ""),
    ),
    "deliver": lambda a, u, p: services.application_deliver(application=a, by=u, method=p.get("method") or "窗口领取"),
    "special_pause": lambda a, u, p: services.application_special_pause(
        application=a,
        by=u,
        reason=p.get("reason") if p.get("reason") in ClockPause.Reason.values else "other",
        note=p.get("note", "")[:300],
    ),
    "special_resume": lambda a, u, p: services.application_special_resume(application=a, by=u),
    "extend": lambda a, u, p: services.application_extend(
        application=a, by=u, approver=_approver(p.get("approver")), reason=p.get("reason", "")
    ),
}


def _approver(value):
    membership = (
        Membership.objects.filter(user_id=int(value) if str(value or "").isdigit() else 0)
        .select_related("user")
        .first()
    )
    return membership.user if membership else None
