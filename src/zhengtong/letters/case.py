"""The letter as a case type of the engine (cases/)."""

from zhengtong.cases.types import CaseType

from . import errors

LETTER = CaseType(
    subject="letters.letter", query_purpose="zhengtong-letter-query:",
    lookup_throttled=errors.QUERY_THROTTLED, lookup_failed=errors.QUERY_FAILED,
)
