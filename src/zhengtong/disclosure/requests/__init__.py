"""Requests for disclosure (依申请公开, 条例 Art. 27–45), each step one audited service on the deadline clock:
register → (one correction notice within 7 working days; the limit restarts on the corrected request; abandoned
if not corrected in time) → (third-party consultation: the clock pauses, the third party has 15 working days) →
(one extension of 20 working days, approved by the head) → answer of one Art. 36 type with its reason → delivery.
"""

from .common import OPEN_STATES
from .fees import fee_for, request_fee_notice, request_fee_paid
from .handling import (
    request_answer,
    request_consult,
    request_consulted,
    request_deliver,
    request_extend,
    request_extend_decide,
    request_withdraw,
)
from .intake import request_correct, request_correction, request_register, requests_abandon_overdue

__all__ = [
    "OPEN_STATES",
    "fee_for",
    "request_answer",
    "request_consult",
    "request_consulted",
    "request_correct",
    "request_correction",
    "request_deliver",
    "request_extend",
    "request_extend_decide",
    "request_fee_notice",
    "request_fee_paid",
    "request_register",
    "request_withdraw",
    "requests_abandon_overdue",
]
