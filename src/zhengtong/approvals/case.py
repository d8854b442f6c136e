"""The application as a case type of the engine (cases/): its states, its transition table, who may take each
action (行政许可法 第三十二、三十八、四十二、四十四条), and its public status lookup."""

from django.utils import timezone

from zhengtong.cases.transitions import Action
from zhengtong.cases.types import CaseType, Told
from zhengtong.evaluation.registry import Rated, Subject
from zhengtong.org.access import works_in, works_in_any
from zhengtong.supervision.extensions import awaits_decision_by, pending_extension
from zhengtong.supervision.models import Clock

from . import errors
from .models.applications import OPEN_STATUSES, Branch, Status


def _lead(user, application) -> bool:
    """Staff of the lead department (实施机关) handle acceptance, the decision and delivery."""
    return works_in(user, application.lead_department_id)


def _reviewer(user, application) -> bool:
    """Staff of a department whose review branch is still pending (并联审批)."""
    pending = application.branches.filter(state=Branch.State.PENDING).values_list("department_id", flat=True)
    return works_in_any(user, pending)


def _applicant(user, application) -> bool:
    return bool(user and user.is_authenticated and application.applicant_id == user.pk)


def _applicant_or_window(user, application) -> bool:
    """The applicant resubmits online; for one who applied at the window or on paper (no account), the lead
    department's staff record the corrected materials he brings (行政许可法 第三十二条)."""
    if application.applicant_id is None:
        return _lead(user, application)
    return _applicant(user, application)


def _paused(application) -> bool:
    """A special procedure (听证、专家评审、检验检测, 第四十五条) holds the clocks."""
    return Clock.objects.filter(
        subject_type="approvals.application",
        subject_id=str(application.pk),
        stopped_at__isnull=True,
        paused_since__isnull=False,
    ).exists()


def _extension_approver(user, application) -> bool:
    """The head the clerk named decides the extension he asked for (第四十二条), nobody else."""
    return awaits_decision_by(user, SUBJECT, application.pk)


SUBJECT = "approvals.application"  # the clocks' and the audit rows' name for an application
REVIEW = (Status.REVIEWING, Status.JOINING)

APPLICATION = CaseType(
    subject=SUBJECT,
    steps=(
        ("submit", "提交申请"),
        ("promise", "签署告知承诺书"),
        ("deemed_accept", "依法视为受理"),
        ("decide", "提出审查意见"),
    ),
    state_field="status",
    personal=(("contact_mobile", "联系电话"),),
    told=Told("applicant", lambda a: a.item.name, ("approvals:detail", "receipt_no"), channels=("site", "sms")),
    query_purpose="zhengtong-query-code:",
    lookup_throttled=errors.QUERY_THROTTLED,
    lookup_failed=errors.QUERY_FAILED,
    wrong_state=errors.WRONG_STATE,
    departments=("lead_department", "branches__department"),
    handlers=("registered_by", "branches__decided_by"),
    closed_states=(Status.REJECTED, Status.DELIVERED, Status.WITHDRAWN),
    related_audit=(("approvals.branch", "branches"),),
    actions=(
        Action("accept", "受理", (Status.SUBMITTED,), _lead),
        # 第三十二条（四）: everything missing is told at once, so a resubmitted application gets no second notice
        Action(
            "correction",
            "一次性告知补正",
            (Status.SUBMITTED,),
            _lead,
            once=lambda a: not a.corrections.exists(),
            repeated=errors.CORRECTION_ONCE,
        ),
        Action("refuse", "不予受理", (Status.SUBMITTED, Status.CORRECTION), _lead),
        Action("review", "提交审查意见", (Status.REVIEWING,), _reviewer),
        # 办结 while departments' opinions are pending is kept for 电子监察 (a step skipped)
        # 第四十八条: the decision is made on the hearing's record, so not while a special procedure runs
        Action(
            "conclude",
            "办结",
            (Status.JOINING,),
            _lead,
            reports=(Status.REVIEWING,),
            once=lambda a: not _paused(a),
            repeated=errors.SPECIAL_RUNNING,
        ),
        Action(
            "special_pause",
            "进入特殊程序",
            REVIEW,
            _lead,
            once=lambda a: not _paused(a),
            repeated=errors.SPECIAL_RUNNING,
        ),
        Action("special_resume", "恢复计时", REVIEW, _lead, once=_paused, repeated=errors.NO_SPECIAL_RUNNING),
        Action(
            "extend",
            "申请延长期限",
            REVIEW,
            _lead,
            once=lambda a: pending_extension(SUBJECT, a.pk) is None,
            repeated=errors.EXTENSION_PENDING,
        ),
        Action(
            "extend_decide",
            "审批延长期限",
            REVIEW,
            _extension_approver,
            once=lambda a: pending_extension(SUBJECT, a.pk) is not None,
            repeated=errors.NO_EXTENSION_PENDING,
        ),
        Action("deliver", "送达", (Status.CONCLUDED,), _lead),
        Action("resubmit", "补正后重新提交", (Status.CORRECTION,), _applicant_or_window, applicant=True),
        Action("withdraw", "撤回申请", OPEN_STATUSES, _applicant, applicant=True),
    ),
)


def _rated(application) -> Subject:
    """The lead department answers for the application, and its decider (the lead branch's) is the approver."""
    lead = application.branches.filter(is_lead=True).values_list("decided_by_id", flat=True).first()
    return Subject(
        label=f"{application.item.name}（{application.receipt_no}）",
        department_id=application.lead_department_id,
        staff_id=lead or application.registered_by_id,
        item_code=application.item.code,
        item_name=application.item.name,
        online=application.channel == application.Channel.ONLINE,
        rater_id=application.applicant_id,
        rater_mobile=application.contact_mobile if application.applicant_id is None else "",
        concluded_at=application.concluded_at or timezone.now(),
    )


# 好差评 (国办发〔2019〕51号): a decided application, or one refused at acceptance, is rated by its applicant.
RATED = Rated(concluded=(Status.CONCLUDED, Status.REJECTED, Status.DELIVERED), describe=_rated)
