"""The letter as a case type of the engine (cases/)."""

from zhengtong.cases.types import CaseType

from . import errors
from .models import State

LETTER = CaseType(
    subject="letters.letter",
    query_purpose="zhengtong-letter-query:",
    lookup_throttled=errors.QUERY_THROTTLED,
    lookup_failed=errors.QUERY_FAILED,
    departments=("assignments__department",),
    handlers=("reply_by", "events__actor"),
    closed_states=(State.CLOSED, State.DECLINED, State.MERGED),
)
