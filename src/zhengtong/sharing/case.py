"""The share request as a case type of the engine (cases/): the consumer department asks, the provider department
decides within 10 working days (政务数据共享条例, DOMAIN.md §6), the consumer may withdraw while it waits."""

from __future__ import annotations

from zhengtong.cases.transitions import Action
from zhengtong.cases.types import CaseType, Told
from zhengtong.org.access import works_in

from . import errors
from .models import ShareRequest

State = ShareRequest.State
SUBJECT = "sharing.sharerequest"


def provider_staff(user, request) -> bool:
    """Staff of the provider who did not ask for it: an office's clerk works in its bureau too, and no one decides
    his own request."""
    return works_in(user, request.provider_id) and request.applicant_id != user.pk


def consumer_staff(user, request) -> bool:
    return works_in(user, request.consumer_id)


SHARE_REQUEST = CaseType(
    subject=SUBJECT,
    steps=(("submit", "提交申请"),),
    wrong_state=errors.WRONG_STATE,
    departments=("consumer", "provider"),
    handlers=("applicant", "decided_by"),
    told=Told("applicant", lambda r: f"共享申请（{r.resource.name}）", ("workbench_sharing:request", "pk")),
    closed_states=(State.GRANTED, State.REFUSED, State.WITHDRAWN),
    actions=(
        Action("grant", "同意共享", (State.SUBMITTED,), provider_staff),
        Action("refuse", "不予共享", (State.SUBMITTED,), provider_staff),
        Action("withdraw", "撤回申请", (State.SUBMITTED,), consumer_staff),
    ),
)
