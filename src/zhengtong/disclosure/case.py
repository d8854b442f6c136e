"""The disclosure request and the document under review as case types of the engine (cases/)."""

from zhengtong.cases.types import CaseType

from .models import RequestState, State

REQUEST = CaseType(
    subject="disclosure.request",
    handlers=("answered_by",),
    closed_states=(RequestState.DELIVERED, RequestState.ABANDONED, RequestState.WITHDRAWN),
)
DOCUMENT = CaseType(
    subject="disclosure.document", handlers=("created_by", "reviewed_by"), closed_states=(State.PUBLISHED,)
)
