"""The workflow after submission, one service per transition (行政许可法 第三十二、四十四条; the limit's special
procedures and extension, 第四十二、四十五条, in time_limits.py).

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
from zhengtong.core.errors import InvalidTransition, refuse, refuse_on
from zhengtong.sharing.services.licences import licence_record
from zhengtong.supervision.models import ClockPause, Violation
from zhengtong.supervision.services import clock_pause, clock_resume, clock_start, clock_stop

from .. import errors
from ..case import APPLICATION
from ..models import Application, Branch, CorrectionNotice, Decision, Notice, ServiceType, Status
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
        raise refuse_on("items", errors.CORRECTION_ITEMS)
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
        answers = {**application.data, **data}
        application.data = {**application.data, **clean_form(application.item, answers, kept=application.data)}
    application.corrections.filter(resolved_at__isnull=True).update(resolved_at=timezone.now())
    for clock in open_clocks(application, stage="accept"):
        clock_resume(clock=clock)
    application.status = Status.SUBMITTED
    application.save(update_fields=["status", "data", "updated_at"])
    event(application, "resubmit", "申请人提交补正材料", department=application.lead_department)
    audit_record(action="approvals.application.resubmit", obj=application, changes={"round": [None, round_no]})
    return application


def require_branch_pending(branch: Branch) -> None:
    """Refused (409 naming the branch's opinion) once the department has given it: the branch's state, not the
    case's, which stays 审查中 while other departments review. Also read before an opinion's parameters
    (actions._review), as the case's state is before a step's."""
    if branch.state != Branch.State.PENDING:
        raise refuse(errors.BRANCH_DECIDED, InvalidTransition, opinion=branch.get_state_display())


@case_service
def review_decide(*, branch: Branch, by, agree: bool, reason: str = "") -> Branch:
    """A department's opinion on its own branch; staff of another department are refused (and audited)."""
    application = branch.application
    require_department(by, branch.department, application, "review")
    application = locked(application)
    require_state_for(application, "review", by)
    branch = Branch.objects.select_for_update().get(pk=branch.pk)
    require_branch_pending(branch)
    if not agree and not (reason or "").strip():
        raise refuse_on("reason", errors.REASON_REQUIRED)
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
        raise refuse_on("doc_no", errors.DOC_NO_REQUIRED)
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


def _without_reason(application: Application, detail: str):
    """第三十二条 and 第三十八条: a refusal states its reason; one without is refused and kept for 电子监察."""
    return reported(
        refuse_on("reason", errors.REASON_REQUIRED),
        APPLICATION,
        application,
        kind=Violation.Kind.REFUSAL_WITHOUT_REASON,
        department=application.lead_department,
        detail=detail,
    )
