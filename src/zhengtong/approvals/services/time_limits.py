"""Time off and added to an application's limit (行政许可法 第四十二、四十五条): a special procedure named and its
time told to the applicant, not counted; an extension asked of the head who may grant it. Each service checks who
may, locks the application, checks its state, and writes an event and an audit row in one transaction (the head's
decision on an extension checks the state first: see application_extend_decide)."""

from __future__ import annotations

from zhengtong.audit.services import audit_record
from zhengtong.cases import notices
from zhengtong.cases.guards import case_service
from zhengtong.core.errors import refuse, refuse_on
from zhengtong.core.reverse import reverse_once
from zhengtong.org.access import is_head_of
from zhengtong.supervision.extensions import extension_decide, extension_request, pending_extension
from zhengtong.supervision.models import ClockPause
from zhengtong.supervision.services import clock_pause, clock_resume

from .. import errors
from ..case import APPLICATION
from ..models import Application, Notice
from ..selectors import extension_unit
from .common import SUBJECT, event, locked, open_clocks, require_may, require_state_for
from .notices import notice_issue

EXTENSION = 10  # 第四十二条: +10 days with the agency head's approval
JOINT_EXTENSION = 15  # 第四十二条: joint handling +15 days with the government head's approval

# 第四十五条's procedures, whose time is not counted in the limit.
SPECIAL_PROCEDURES = (
    ClockPause.Reason.HEARING,
    ClockPause.Reason.TENDER,
    ClockPause.Reason.AUCTION,
    ClockPause.Reason.INSPECTION,
    ClockPause.Reason.TESTING,
    ClockPause.Reason.QUARANTINE,
    ClockPause.Reason.APPRAISAL,
    ClockPause.Reason.EXPERT_REVIEW,
)


@case_service
def application_special_pause(
    *, application: Application, by, reason: str, note: str, expected_days: int | None = None
) -> Application:
    """第四十五条: 听证、招标、拍卖、检验、检测、检疫、鉴定、专家评审 are not counted; the procedure is named and the
    time it needs is told to the applicant in writing (the event on his record and the message)."""
    require_may(by, application, "special_pause")
    if reason not in SPECIAL_PROCEDURES:
        raise refuse_on("reason", errors.SPECIAL_REASON_INVALID)
    if not isinstance(expected_days, int) or isinstance(expected_days, bool) or not 1 <= expected_days <= 365:
        raise refuse_on("expected_days", errors.SPECIAL_DURATION_REQUIRED)
    application = locked(application)
    require_state_for(application, "special_pause", by)
    for clock in open_clocks(application, paused_since__isnull=True):
        clock_pause(clock=clock, reason=reason, note=note, expected_days=expected_days)
    label = ClockPause.Reason(reason).label
    told = (
        f"需进行{label}，预计所需时间{expected_days}个工作日，该期间不计入办理期限"
        "（《中华人民共和国行政许可法》第四十五条）"
    )
    event(
        application,
        "special",
        f"特别程序：{label}（预计{expected_days}个工作日，不计入办理期限）",
        department=application.lead_department,
        note=note,
    )
    notice_issue(application, Notice.Kind.SPECIAL, procedure=str(label), days=expected_days, note=note)
    audit_record(
        action="approvals.application.special_pause",
        obj=application,
        changes={"reason": [None, reason], "expected_days": [None, expected_days]},
    )
    notices.tell(APPLICATION, application, f"{told}。{note}" if note else told)
    return application


@case_service
def application_special_resume(*, application: Application, by) -> Application:
    require_may(by, application, "special_resume")
    application = locked(application)
    require_state_for(application, "special_resume", by)
    for clock in open_clocks(application, paused_since__isnull=False):
        clock_resume(clock=clock)
    event(application, "special_end", "特殊程序结束，恢复计时", department=application.lead_department)
    audit_record(action="approvals.application.special_resume", obj=application)
    return application


@case_service
def application_extend(*, application: Application, by, approver, reason: str) -> Application:
    """Ask the lead department's head for +10 working days (+15 for joint handling) on the whole limit; he decides
    in his own session (application_extend_decide), and a head asking himself decides at once."""
    require_may(by, application, "extend")
    _require_extension_approver(approver, application, named="approver")
    application = locked(application)
    require_state_for(application, "extend", by)
    whole = open_clocks(application, stage="whole").first()
    if whole is None or whole.extension_total:
        raise refuse(errors.EXTENSION_TWICE)
    amount = JOINT_EXTENSION if application.item.co_departments.exists() else EXTENSION
    request = extension_request(
        clock=whole, amount=amount, reason=reason, by=by, approver=approver, link=_link(application)
    )
    audit_record(action="approvals.application.extend", obj=application, changes={"requested": [None, amount]})
    if request.approved:
        _extended(application, request)
    return application


@case_service
def application_extend_decide(*, application: Application, by, approve: bool, note: str = "") -> Application:
    """The head's decision on the extension asked for: approved, the limit grows and the applicant is told. What
    the case admits is checked first: once an extension is decided, no head is the one it awaits, so who-may
    would answer that the step is another department's."""
    application = locked(application)
    require_state_for(application, "extend_decide", by)
    require_may(by, application, "extend_decide")
    _require_extension_approver(by, application)  # named while head; no longer the head, no decision
    request = extension_decide(
        request=pending_extension(SUBJECT, application.pk),
        by=by,
        approve=approve,
        note=note,
        link=_link(application),
    )
    if request.approved:
        _extended(application, request)
    return application


def _require_extension_approver(user, application: Application, named: str = "") -> None:
    """第四十二条: +10 days "经本行政机关负责人批准" (the lead department's head); joint or unified handling +15
    days "经本级人民政府负责人批准" (a head of the people's government the lead department belongs to)."""
    unit = extension_unit(application)
    if unit is None or not is_head_of(user, unit):
        joint = application.item.co_departments.exists()
        error = errors.EXTENSION_GOVERNMENT_HEAD if joint else errors.EXTENSION_APPROVER
        raise refuse_on(named, error) if named else refuse(error)  # named: the approver asked for, not the asker


def _extended(application: Application, request) -> None:
    event(
        application,
        "extend",
        f"经批准延长办理期限{request.amount}个工作日",
        department=application.lead_department,
        note=request.reason,
    )
    notices.tell(APPLICATION, application, f"办理期限延长{request.amount}个工作日：{request.reason}")


def _link(application: Application) -> str:
    return reverse_once("workbench_approvals:detail", application.pk)
