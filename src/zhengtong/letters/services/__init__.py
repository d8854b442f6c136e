from .catalogue import limit_save, responsibility_save
from .dispatch import (
    letter_accept,
    letter_decline,
    letter_dispatch,
    letter_merge,
    letter_return,
    letter_review_return,
    letter_sign,
)
from .handling import (
    letter_callback,
    letter_close,
    letter_co_opinion,
    letter_draft_reply,
    letter_reopen,
    letter_review_reply,
    letter_supervise,
)
from .history import Historical, letters_import
from .intake import Intake, letter_submit
from .lookup import status_lookup
from .publication import letter_publish, letter_unpublish

__all__ = [
    "Historical",
    "Intake",
    "letters_import",
    "letter_accept",
    "letter_callback",
    "letter_close",
    "letter_co_opinion",
    "letter_decline",
    "letter_dispatch",
    "letter_draft_reply",
    "letter_merge",
    "letter_publish",
    "letter_reopen",
    "letter_return",
    "letter_review_reply",
    "letter_review_return",
    "letter_sign",
    "letter_submit",
    "letter_supervise",
    "letter_unpublish",
    "limit_save",
    "responsibility_save",
    "status_lookup",
]
