"""The workflow after submission, one service per transition (行政许可法 第三十二、四十二、四十四、四十五条).

待受理 → 受理 / 不予受理 / 补正 (clock paused until the applicant resubmits) → 审查: one branch per department in
parallel, each on its own clock → the lead joins the opinions → 办结 (准予 / 不予许可) → 送达. Every service
checks the department, locks the application, checks its state, writes an event and an audit row, and starts or
stops the clocks, all in one transaction.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from zhengtong.audit.services import audit_record
from zhengtong.cases import notices
from zhengtong.cases.guards import case_service, reported
from zhengtong.core.errors import InvalidTransition, refuse
from zhengtong.core.reverse import reverse_once
from zhengtong.org.access import is_head_of
from zhengtong.sharing.services.licences import licence_record
from zhengtong.supervision.extensions import extension_decide, extension_request, pending_extension
from zhengtong.supervision.models import ClockPause, Violation
from zhengtong.supervision.services import clock_pause, clock_resume, clock_start, clock_stop

from .. import errors
from ..case import APPLICATION
from ..models import Application, Branch, CorrectionNotice, Decision, Notice, ServiceType, Status
from ..selectors import extension_unit
from .common import (
    SUBJECT,
    event,
    locked,
    open_clocks,
    require_department,
    require_may,
    require_state_for,
)
from .notices import notice_issue
from .submit import clean_form, store_materials

DELIVERY_LIMIT = 10  # 行政许可法 第四十四条: certificate issued within 10 days of the decision
EXTENSION = 10  # 第四十二条: +10 days with the agency head's approval
JOINT_EXTENSION = 15  # 第四十二条: joint handling +15 days with the government head's approval


def _stop(application, *, cancelled=False, **filters) -> None:
    for clock in open_clocks(application, **filters):
        clock_stop(clock=clock, cancelled=cancelled)


def _label(application) -> str:
    return f"{application.item.name}（{application.receipt_no}）"


def _start_review(application, by, *, started_at=None) -> None:
    item = application.item
    departments = [(item.lead_department, True)] + [(d, False) for d in item.co_departments.all()]
    for department, lead in departments:
        Branch.objects.create(
            application=application, department=department, is_lead=lead, received_at=application.received_at
        )
        clock_start(
            subject_type=SUBJECT,
            subject_id=str(application.pk),
            subject_label=_label(application),
            stage=f"review:{department.code}",
            stage_label=f"{department.short_name or department.name}审查",
            department=department,
            limit=item.review_limit,
            item_code=item.code,
        )
    clock_start(
        subject_type=SUBJECT,
        subject_id=str(application.pk),
        subject_label=_label(application),
        stage="whole",
        stage_label="办结时限",
        whole=True,
        department=item.lead_department,
        assignee=by,
        limit=item.committed_limit,
        item_code=item.code,
        started_at=started_at,
    )


@case_service
def application_accept(*, application: Application, by) -> Application:
    require_may(by, application, "accept")
    application = locked(application)
    require_state_for(application, "accept", by)
    _stop(application, stage="accept")
    event(application, "accept", "受理", department=application.lead_department)
    notice_issue(application, Notice.Kind.ACCEPTED)
    if application.item.service_type == ServiceType.IMMEDIATE:
        # 即办件: decided on the spot, at acceptance.
        application.status, application.decision = Status.CONCLUDED, Decision.GRANTED
        application.concluded_at = timezone.now()
        event(application, "conclude", "即办件当场办结：准予", department=application.lead_department)
        notice_issue(application, Notice.Kind.GRANTED)
        _start_delivery(application, by)
    else:
        application.status = Status.REVIEWING
        _start_review(application, by)
    application.save(update_fields=["status", "decision", "concluded_at", "updated_at"])
    audit_record(
        action="approvals.application.accept",
        obj=application,
        changes={"status": ["submitted", application.status]},
    )
    notices.tell(APPLICATION, application, "已受理")
    return application


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


@transaction.atomic(durable=True)
def application_deem_accepted(*, application: Application) -> bool:
    """第三十二条: neither accepted, refused nor sent back for correction within the limit, the application counts
    as accepted from the day its materials were received. No one decides it, so no one's rights are asked; the
    scheduled task's actor is in the audit row. The decision limit runs from receipt. Returns False when
    something else happened to it first."""
    application = locked(application)
    accept = open_clocks(application, stage="accept", paused_since__isnull=True).first()
    if application.status != Status.SUBMITTED or accept is None or accept.due_at > timezone.now():
        return False
    _stop(application, stage="accept")
    received = timezone.localtime(application.received_at)
    event(
        application,
        "deemed_accept",
        "视为受理",
        department=application.lead_department,
        note=f"受理时限内未作出受理、不予受理或补正告知，依据《中华人民共和国行政许可法》第三十二条，"
        f"自收到申请材料之日（{received:%Y年%-m月%-d日}）起视为受理。",
    )
    application.status = Status.REVIEWING
    application.save(update_fields=["status", "updated_at"])
    notice_issue(application, Notice.Kind.ACCEPTED, deemed=True)
    _start_review(application, None, started_at=application.received_at)
    audit_record(
        action="approvals.application.deemed_accept",
        obj=application,
        changes={"status": ["submitted", application.status], "accepted_from": [None, str(received.date())]},
    )
    notices.tell(APPLICATION, application, f"依法视为受理，自{received:%Y年%-m月%-d日}收到申请材料之日起计算办理期限")
    return True


@case_service
def application_refuse(*, application: Application, by, reason: str) -> Application:
    """不予受理, always with the reason (a refusal without reason is a violation, so it is not accepted)."""
    require_may(by, application, "refuse")
    application = locked(application)
    require_state_for(application, "refuse", by)  # first: a closed case's refusal is no irregularity, only refused
    if not (reason or "").strip():
        raise _without_reason(application, "不予受理未说明理由")
    _stop(application)
    application.status, application.decision_reason = Status.REJECTED, reason.strip()
    application.save(update_fields=["status", "decision_reason", "updated_at"])
    event(application, "refuse", "不予受理", department=application.lead_department, note=reason.strip())
    notice_issue(application, Notice.Kind.REFUSED, reason=reason.strip())
    audit_record(action="approvals.application.refuse", obj=application, changes={"reason": [None, reason.strip()]})
    notices.tell(APPLICATION, application, "不予受理")
    return application


@case_service
def application_request_correction(*, application: Application, by, items: list[str]) -> CorrectionNotice:
    """One notice listing everything missing (一次性告知); the acceptance clock pauses until resubmission."""
    require_may(by, application, "correction")
    items = [i.strip() for i in items if i and i.strip()]
    if not items:
        raise refuse(errors.CORRECTION_ITEMS)
    application = locked(application)
    require_state_for(application, "correction", by)
    for clock in open_clocks(application, stage="accept"):
        clock_pause(clock=clock, reason=ClockPause.Reason.CORRECTION, note="；".join(items)[:300])
    notice = CorrectionNotice.objects.create(
        application=application, items=items, issued_at=timezone.now(), issued_by=by
    )
    application.status = Status.CORRECTION
    application.save(update_fields=["status", "updated_at"])
    event(application, "correction", "一次性告知补正", department=application.lead_department, note="；".join(items))
    notice_issue(application, Notice.Kind.CORRECTION, items=items)
    audit_record(action="approvals.application.correction", obj=application, changes={"items": [None, items]})
    notices.tell(APPLICATION, application, "请补正材料：" + "；".join(items))
    return notice


@case_service
def application_resubmit(*, application: Application, by, uploads: dict, data: dict | None = None) -> Application:
    require_may(by, application, "resubmit")
    application = locked(application)
    require_state_for(application, "resubmit", by)
    if not uploads and not data:  # the notice is given once: a resubmission must bring what it asked for
        raise refuse(errors.CORRECTION_EMPTY)
    round_no = application.corrections.count()
    store_materials(application, uploads, by=by, round_no=round_no, required=False)
    if data:
        application.data = {**application.data, **clean_form(application.item, {**application.data, **data})}
    application.corrections.filter(resolved_at__isnull=True).update(resolved_at=timezone.now())
    for clock in open_clocks(application, stage="accept"):
        clock_resume(clock=clock)
    application.status = Status.SUBMITTED
    application.save(update_fields=["status", "data", "updated_at"])
    event(application, "resubmit", "申请人提交补正材料", department=application.lead_department)
    audit_record(action="approvals.application.resubmit", obj=application, changes={"round": [None, round_no]})
    return application


@case_service
def review_decide(*, branch: Branch, by, agree: bool, reason: str = "") -> Branch:
    """A department's opinion on its own branch; staff of another department are refused (and audited)."""
    application = branch.application
    require_department(by, branch.department, application, "review")
    application = locked(application)
    require_state_for(application, "review", by)
    branch = Branch.objects.select_for_update().get(pk=branch.pk)
    if branch.state != Branch.State.PENDING:  # the branch's opinion, not the case's state: the case is 审查中
        raise refuse(errors.BRANCH_DECIDED, InvalidTransition, opinion=branch.get_state_display())
    if not agree and not (reason or "").strip():
        raise refuse(errors.REASON_REQUIRED)
    branch.state = Branch.State.AGREED if agree else Branch.State.DISAGREED
    branch.reason, branch.decided_by, branch.decided_at = reason.strip(), by, timezone.now()
    branch.save(update_fields=["state", "reason", "decided_by", "decided_at"])
    _stop(application, stage=f"review:{branch.department.code}")
    event(
        application,
        "review",
        f"{branch.department.name}审查意见：{branch.get_state_display()}",
        department=branch.department,
        note=branch.reason,
    )
    if not application.branches.filter(state=Branch.State.PENDING).exists():
        application.status = Status.JOINING
        application.save(update_fields=["status", "updated_at"])
        event(application, "joined", "各部门审查完毕，待牵头部门决定", department=application.lead_department)
    audit_record(action="approvals.branch.decide", obj=branch, changes={"state": ["pending", branch.state]})
    return branch


def _record_licence(application: Application) -> None:
    """A licence granted here is the electronic-licence register's record from now on (sharing/)."""
    applicant = application.applicant
    licence_record(
        application_id=application.pk,
        number=application.certificate_no,
        kind=application.item.result,
        holder_name=application.applicant_name,
        holder_uscc=getattr(applicant, "uscc", None) or "",
        holder_id=getattr(applicant, "id_number", None) or "",
        issued_by=application.lead_department,
        item_code=application.item.code,
    )


@case_service
def application_conclude(
    *, application: Application, by, granted: bool, reason: str = "", doc_no: str, certificate_no: str = ""
) -> Application:
    """The lead joins the opinions and decides: 准予许可 or 不予许可 (with reason), with the decision document."""
    require_may(by, application, "conclude")
    application = locked(application)
    pending = [
        b.department.name for b in application.branches.filter(state=Branch.State.PENDING).select_related("department")
    ]
    try:
        require_state_for(application, "conclude", by)
    except InvalidTransition as refusal:
        if not pending:
            raise
        detail = f"并联审批尚有部门未提出意见即作出决定：{'、'.join(pending)}"
        raise reported(
            refusal,
            APPLICATION,
            application,
            kind=Violation.Kind.SKIPPED_STEP,
            department=application.lead_department,
            detail=detail,
        ) from None
    # the parameters after the state: a closed case's decision is refused naming its state, and kept for nobody
    if not granted and not (reason or "").strip():
        raise _without_reason(application, "不予许可未说明理由")
    if not (doc_no or "").strip():
        raise refuse(errors.DOC_NO_REQUIRED)
    application.status = Status.CONCLUDED
    application.decision = Decision.GRANTED if granted else Decision.DENIED
    application.decision_reason, application.result_doc_no = reason.strip(), doc_no.strip()[:100]
    application.certificate_no, application.concluded_at = certificate_no.strip()[:100], timezone.now()
    application.save(
        update_fields=[
            "status",
            "decision",
            "decision_reason",
            "result_doc_no",
            "certificate_no",
            "concluded_at",
            "updated_at",
        ]
    )
    _stop(application, stage="whole")
    event(
        application,
        "conclude",
        f"办结：{application.get_decision_display()}",
        department=application.lead_department,
        note=application.decision_reason,
    )
    notice_issue(
        application,
        Notice.Kind.GRANTED if granted else Notice.Kind.DENIED,
        number=application.result_doc_no,
        reason=application.decision_reason,
        certificate=application.certificate_no,
    )
    if granted:
        _start_delivery(application, by)
        _record_licence(application)
    audit_record(
        action="approvals.application.conclude", obj=application, changes={"decision": [None, application.decision]}
    )
    notices.tell(APPLICATION, application, f"已办结（{application.get_decision_display()}）")
    return application


def _start_delivery(application, by) -> None:
    clock_start(
        subject_type=SUBJECT,
        subject_id=str(application.pk),
        subject_label=_label(application),
        stage="deliver",
        stage_label="送达",
        department=application.lead_department,
        assignee=by,
        limit=DELIVERY_LIMIT,
        item_code=application.item.code,
    )


@case_service
def application_deliver(*, application: Application, by, method: str) -> Application:
    require_may(by, application, "deliver")
    application = locked(application)
    require_state_for(application, "deliver", by)
    application.status, application.delivered_at = Status.DELIVERED, timezone.now()
    application.save(update_fields=["status", "delivered_at", "updated_at"])
    _stop(application, stage="deliver")
    event(application, "deliver", f"送达（{method}）", department=application.lead_department)
    audit_record(action="approvals.application.deliver", obj=application, changes={"method": [None, method]})
    notices.tell(APPLICATION, application, "结果已送达")
    return application


@case_service
def application_withdraw(*, application: Application, by) -> Application:
    require_may(by, application, "withdraw")
    application = locked(application)
    require_state_for(application, "withdraw", by)
    _stop(application, cancelled=True)
    application.branches.filter(state=Branch.State.PENDING).update(state=Branch.State.CLOSED)
    application.status = Status.WITHDRAWN
    application.save(update_fields=["status", "updated_at"])
    event(application, "withdraw", "申请人撤回申请")
    audit_record(action="approvals.application.withdraw", obj=application, changes={"status": [None, "withdrawn"]})
    return application


@case_service
def application_special_pause(
    *, application: Application, by, reason: str, note: str, expected_days: int | None = None
) -> Application:
    """第四十五条: 听证、招标、拍卖、检验、检测、检疫、鉴定、专家评审 are not counted; the procedure is named and the
    time it needs is told to the applicant in writing (the event on his record and the message)."""
    require_may(by, application, "special_pause")
    if reason not in SPECIAL_PROCEDURES:
        raise refuse(errors.SPECIAL_REASON_INVALID)
    if not isinstance(expected_days, int) or isinstance(expected_days, bool) or not 1 <= expected_days <= 365:
        raise refuse(errors.SPECIAL_DURATION_REQUIRED)
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
    _require_extension_approver(approver, application)
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
    """The head's decision on the extension asked for: approved, the limit grows and the applicant is told."""
    require_may(by, application, "extend_decide")
    _require_extension_approver(by, application)  # named while head; no longer the head, no decision
    application = locked(application)
    require_state_for(application, "extend_decide", by)
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


def _without_reason(application: Application, detail: str):
    """第三十二条 and 第三十八条: a refusal states its reason; one without is refused and kept for 电子监察."""
    return reported(
        refuse(errors.REASON_REQUIRED),
        APPLICATION,
        application,
        kind=Violation.Kind.REFUSAL_WITHOUT_REASON,
        department=application.lead_department,
        detail=detail,
    )


def _require_extension_approver(user, application: Application) -> None:
    """第四十二条: +10 days "经本行政机关负责人批准" (the lead department's head); joint or unified handling +15
    days "经本级人民政府负责人批准" (a head of the people's government the lead department belongs to)."""
    unit = extension_unit(application)
    if unit is None or not is_head_of(user, unit):
        joint = application.item.co_departments.exists()
        raise refuse(errors.EXTENSION_GOVERNMENT_HEAD if joint else errors.EXTENSION_APPROVER)


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
