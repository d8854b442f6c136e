"""The disclosure request and the document under review as case types of the engine (cases/): their states,
transition tables and who may take each action (条例 Art. 27–45; the document's review before publication)."""

from django.utils import timezone

from zhengtong.cases.transitions import Action
from zhengtong.cases.types import CaseType, Told
from zhengtong.evaluation.registry import Rated, Subject
from zhengtong.org.access import works_in
from zhengtong.supervision.extensions import awaits_decision_by, pending_extension

from . import errors
from .models import OPEN_REQUESTS, RequestState, State, Validity


def _office(user, case) -> bool:
    """Staff of the organ the request was made to (or the document is issued by)."""
    return works_in(user, case.department_id)


def _applicant(user, request) -> bool:
    return bool(user and user.is_authenticated and request.applicant_id == user.pk)


def _applicant_or_office(user, request) -> bool:
    """The applicant with an account corrects online himself; for one without (a request by post, fax or in
    person), staff record the correction he sends (Art. 30), as the hall's window does (行政许可法 第三十二条)."""
    if request.applicant_id is None:
        return _office(user, request)
    return _applicant(user, request)


def _extendable(request) -> bool:
    """Once (Art. 33), and one request to the head at a time."""
    return not request.extended and pending_extension("disclosure.request", request.pk) is None


def _extension_approver(user, request) -> bool:
    """The head named in the request decides it in his own session."""
    return awaits_decision_by(user, "disclosure.request", request.pk)


OPEN = OPEN_REQUESTS

REQUEST = CaseType(
    subject="disclosure.request",
    steps=(("register", "登记申请"), ("abandon", "视为放弃申请")),
    wrong_state=errors.REQUEST_WRONG_STATE,
    personal=(("contact_phone", "联系电话"), ("identifier", "证件号码")),
    personal_texts=(("content", "申请内容"),),
    handlers=("answered_by",),
    told=Told("applicant", lambda r: f"政府信息公开申请{r.receipt_no}", ("disclosure:request", "receipt_no")),
    closed_states=(RequestState.DELIVERED, RequestState.ABANDONED, RequestState.WITHDRAWN),
    actions=(
        Action("answer", "答复", (RequestState.REGISTERED,), _office),
        Action(
            "correction",
            "一次性告知补正",
            (RequestState.REGISTERED,),
            _office,
            once=lambda r: not r.correction_items,
            repeated=errors.CORRECTION_ONCE,
        ),
        Action("correct", "记录补正", (RequestState.CORRECTION,), _applicant_or_office, applicant=True),
        # the third party's name and contact, to reach him (its clock's label shows it masked)
        Action("consult", "征求第三方意见", (RequestState.REGISTERED,), _office, may_name=("third_party",)),
        Action(
            "fee_notice",
            "发出收费通知",
            (RequestState.REGISTERED,),
            _office,
            once=lambda r: r.fee > 0 and r.fee_notice_at is None,
            repeated=errors.FEE_NOT_DUE,
        ),
        Action("fee_paid", "登记缴费", (RequestState.FEE,), _office),
        Action("consulted", "记录第三方意见", (RequestState.CONSULTING,), _office),
        Action(
            "extend",
            "申请延期答复",
            (RequestState.REGISTERED, RequestState.CONSULTING),
            _office,
            once=_extendable,
            repeated=errors.EXTENSION_TWICE,
        ),
        Action(
            "extend_decide", "审批延期答复", (RequestState.REGISTERED, RequestState.CONSULTING), _extension_approver
        ),
        Action("deliver", "送达", (RequestState.ANSWERED,), _office),
        Action("withdraw", "撤回申请", OPEN, _applicant, applicant=True),
    ),
)


def _rated(request) -> Subject:
    """A request answered is rated by its applicant's account; a request registered from paper has no account and
    its contact phone was never proved, so no SMS link goes to it."""
    return Subject(
        label=f"政府信息公开申请（{request.receipt_no}）",
        department_id=request.department_id,
        staff_id=request.answered_by_id,
        item_code="disclosure.request",
        item_name="政府信息公开申请",
        online=request.channel == "online",
        rater_id=request.applicant_id,
        rater_mobile="",
        concluded_at=request.answered_at or timezone.now(),
    )


RATED = Rated(concluded=(RequestState.ANSWERED, RequestState.DELIVERED), describe=_rated)


def _reviewer(user, document) -> bool:
    """保密审查 is done by another member of the issuing organ than the one who drafted it."""
    return _office(user, document) and document.created_by_id != getattr(user, "pk", None)


def _in_force(document) -> bool:
    return document.validity == Validity.IN_FORCE


DOCUMENT = CaseType(
    subject="disclosure.document",
    steps=(
        ("create", "起草"),
        ("import", "批量导入"),
        ("mask", "遮蔽个人信息"),
        ("publish", "发布"),
        ("reject", "退回修改"),
    ),
    wrong_state=errors.WRONG_STATE,
    handlers=("created_by", "reviewed_by"),
    closed_states=(State.PUBLISHED,),
    actions=(
        Action("update", "修改草稿", (State.DRAFT,), _office),
        Action("submit", "提交审核", (State.DRAFT,), _office),
        Action("detach", "删除附件", (State.DRAFT,), _office),
        Action("mask_body", "遮盖正文中的个人信息", (State.DRAFT, State.REVIEW), _office),
        Action("review", "保密审查", (State.REVIEW,), _reviewer),
        Action("amend", "标注为已修改", (State.PUBLISHED,), _office, once=_in_force, repeated=errors.NOT_IN_FORCE),
        Action("repeal", "标注为已废止", (State.PUBLISHED,), _office, once=_in_force, repeated=errors.NOT_IN_FORCE),
    ),
)
