"""The application as a case type of the engine (cases/)."""

from zhengtong.cases.types import CaseType

from . import errors

APPLICATION = CaseType(
    subject="approvals.application", state_field="status", query_purpose="zhengtong-query-code:",
    lookup_throttled=errors.QUERY_THROTTLED, lookup_failed=errors.QUERY_FAILED,
)
