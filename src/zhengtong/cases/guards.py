"""The guards every transition begins with: the row lock, the state guard and the access guard, whose
refusals are audited.

A refusal keeps its domain's code (clients and the help desk key on it); a state refusal is 409 and names the
state the case is in. An access refusal, and a state refusal through the transition table, are audited so that
the record survives the refusal: at once outside a `case_service`, after its rollback inside one.
"""

from __future__ import annotations

import contextlib
import contextvars
import functools

from django.db import transaction
from django.db.models import Model, QuerySet
from django.utils.translation import gettext_lazy as _

from zhengtong.accounts.models import User
from zhengtong.audit.services import audit_record
from zhengtong.core.errors import InvalidTransition, PermissionDenied, ZtError, refuse
from zhengtong.org.access import handles_cases, works_in
from zhengtong.supervision.services import violation_report

from .types import CaseType

# A domain's refusal of a staff step speaks to a clerk ("another department's"); one who handles no cases is told
# what he is instead (staff_refusal).
STAFF_STEP = ("STAFF_STEP", _("这一步由承办部门的工作人员办理，您的账号不能办理。"))
ADMINISTRATOR = (
    "ADMINISTRATOR_HANDLES_NO_CASES",
    _("系统管理员、安全管理员和审计管理员不办理业务（三员分立），请使用业务账号办理。"),
)

_in_case_service: contextvars.ContextVar[bool] = contextvars.ContextVar("in_case_service", default=False)


def locked(queryset: QuerySet, case: Model) -> Model:
    """The case as stored now, its row locked until the transaction ends (only the case's own row: a join's
    rows stay unlocked)."""
    return queryset.select_for_update(of=("self",)).get(pk=case.pk)


def require_state(case_type: CaseType, case: Model, states, error: tuple[str, str]) -> None:
    """409 naming the case's state unless it is one of `states`. The message may name it as %(state)s or
    %(status)s."""
    if getattr(case, case_type.state_field) not in states:
        raise _state_refusal(case_type, case, error)


def _state_refusal(case_type: CaseType, case: Model, error: tuple[str, str]) -> InvalidTransition:
    shown = getattr(case, f"get_{case_type.state_field}_display")()
    return refuse(error, InvalidTransition, state=shown, status=shown)


def refused_state(case_type: CaseType, user, case: Model, action: str, error: tuple[str, str]) -> InvalidTransition:
    """The refusal of `action` on a case in a state it is not taken from, audited as "<app>.refused.<action>"
    with the state and who tried (written as `denied` writes its row)."""
    refusal = _state_refusal(case_type, case, error)
    state = getattr(case, case_type.state_field)
    _attach_audit(refusal, _record(case_type, f"refused.{action}", user, case, {"state": state}))
    return refusal


def denied(
    case_type: CaseType, user, case: Model | None, action: str, error: tuple[str, str], **changes
) -> PermissionDenied:
    """The refusal of `user`'s `action` on `case` ("<app>.denied.<action>", who tried). Outside a `case_service`
    its audit row is written now; inside a `case_service`, that row would roll back with the refusal, so it
    travels with the exception and `case_service` writes it after the rollback."""
    refusal = refuse(error, PermissionDenied)
    _attach_audit(refusal, _record(case_type, f"denied.{action}", user, case, changes))
    return refusal


def unreachable(case_type: CaseType, user, action: str, key) -> None:
    """An action asked of a case this user may not see, or of a number never issued (both answer 404): audited
    as "<app>.denied.<action>" with the key asked for, the case itself not named (an auditor tells the two apart
    by the key)."""
    with transaction.atomic():
        # named by the number asked for, so that the auditor's page shows it and its search finds it
        audit_record(
            **_record(case_type, f"denied.{action}", user, None, {"key": key}), object_repr=f"所请求的编号 {key}"
        )


def _record(case_type: CaseType, action: str, user, case: Model | None, changes: dict) -> dict:
    changes = {"user": [None, getattr(user, "username", "") or ""], **{k: [None, str(v)] for k, v in changes.items()}}
    record = {"action": f"{case_type.namespace}.{action}", "changes": changes}
    record.update({"obj": case} if case is not None and case.pk is not None else {"object_type": case_type.subject})
    return record


def _attach_audit(refusal: Exception, record: dict) -> None:
    """Inside a `case_service` the row travels with the refusal and is written after the rollback; outside one
    it is written now. Either way the refusal is marked, so that no caller records it twice."""
    refusal.audited = True
    if _in_case_service.get():
        refusal.audit = record
    else:
        with transaction.atomic():
            audit_record(**record)


@contextlib.contextmanager
def refusals_audited(case_type: CaseType, user, case: Model, action: str):
    """Every refusal of `action` asked of `case` recorded once: one its guard has not recorded (a parameter
    missing or naming what is not the case's, a reused Idempotency-Key) as "<app>.refused.<action>" with its
    code. Nothing changed: the refusal is the answer."""
    try:
        yield
    except ZtError as refusal:
        if not getattr(refusal, "audited", False):
            code = getattr(refusal, "code", "") or "INVALID_INPUT"
            _attach_audit(refusal, _record(case_type, f"refused.{action}", user, case, {"code": code}))
        raise


def refusal_recorded(case_type: CaseType, user, case: Model, action: str, code: str = "INVALID_INPUT") -> None:
    """A refusal no exception carries (a page's form refused before the step ran, its errors shown beside the
    fields): recorded as `refusals_audited` records one."""
    with transaction.atomic():
        audit_record(**_record(case_type, f"refused.{action}", user, case, {"code": code}))


def reported(refusal: ZtError, case_type: CaseType, case: Model, *, kind: str, department, detail: str = "") -> ZtError:
    """A refusal of an act that is also an irregularity for 电子监察 (a refusal without reason, a decision before
    every department's opinion): the act changes nothing, the attempt is kept as a `supervision.Violation`,
    written after the rollback inside a `case_service` as the refusal's audit row is."""
    report = {
        "kind": kind,
        "subject_type": case_type.subject,
        "subject_id": str(case.pk),
        "department": department,
        "detail": detail,
    }
    if _in_case_service.get():
        refusal.violation = report
    else:
        with transaction.atomic():
            violation_report(**report)
    return refusal


def case_service(service):
    """The outermost transaction of a case's service (durable), and the audit (and the 电子监察 record, see
    `reported`) of a refusal raised inside it."""

    @functools.wraps(service)
    def run(*args, **kwargs):
        inside = _in_case_service.set(True)
        try:
            with transaction.atomic(durable=True):
                return service(*args, **kwargs)
        except ZtError as refusal:
            record, report = getattr(refusal, "audit", None), getattr(refusal, "violation", None)
            if record or report:
                with transaction.atomic(durable=True):
                    if record:
                        audit_record(**record)
                    if report:
                        violation_report(**report)
            raise
        finally:
            _in_case_service.reset(inside)

    return run


def staff_refusal(user, error: tuple[str, str]) -> tuple[str, str]:
    """`error`, a domain's refusal of a staff step, for a clerk; for a citizen, or an administrator (三员, who
    handles no cases: org/access.handles_cases), the refusal that says so."""
    if handles_cases(user):
        return error
    return ADMINISTRATOR if getattr(user, "kind", None) == User.Kind.STAFF else STAFF_STEP


def require_works_in(
    case_type: CaseType, user, department, case: Model | None, action: str, error: tuple[str, str]
) -> None:
    """Only staff of the department (org/access.works_in) act for it; anyone else is refused and audited."""
    if not works_in(user, department):
        told = staff_refusal(user, error)
        raise denied(case_type, user, case, action, told, department=getattr(department, "name", department))
