from .common import require_department
from .lookup import status_lookup
from .submit import application_submit
from .time_limits import (
    application_extend,
    application_extend_decide,
    application_special_pause,
    application_special_resume,
)
from .workflow import (
    application_accept,
    application_conclude,
    application_deliver,
    application_refuse,
    application_request_correction,
    application_resubmit,
    application_withdraw,
    require_branch_pending,
    review_decide,
)

__all__ = [
    "application_submit",
    "application_accept",
    "application_conclude",
    "application_deliver",
    "application_extend",
    "application_extend_decide",
    "application_refuse",
    "application_request_correction",
    "application_resubmit",
    "application_special_pause",
    "application_special_resume",
    "application_withdraw",
    "require_branch_pending",
    "require_department",
    "review_decide",
    "status_lookup",
]
