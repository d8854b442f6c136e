"""The application as a case type of the engine (cases/)."""

from zhengtong.cases.types import CaseType

from . import errors
from .models.applications import Status

APPLICATION = CaseType(
    subject="approvals.application",
    state_field="status",
    query_purpose="zhengtong-query-code:",
    lookup_throttled=errors.QUERY_THROTTLED,
    lookup_failed=errors.QUERY_FAILED,
    departments=("lead_department", "branches__department"),
    handlers=("registered_by", "branches__decided_by"),
    closed_states=(Status.REJECTED, Status.DELIVERED, Status.WITHDRAWN),
)
