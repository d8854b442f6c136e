"""The public status lookup: anyone with a case's number and its 6-digit query code follows the case without
logging in (a letter's writer, an applicant at home, a caller told both on the phone).

The code is stored only as an HMAC (`query_hash`) and compared in constant time. Wrong guesses are counted per
number and per address in the shared cache (core/throttle.py), so every web worker sees the same count: ten
an hour, then each lookup of that number or from that address is refused before it is tried. Each wrong guess
is audited.

The count is read before a guess is judged and written only after a wrong one: guesses sent at once are all
judged, so a burst gets up to the server's concurrency (2 workers x 4 threads) more than ten before the number
closes for the hour, 18 in a million instead of 10. Counting each guess first (`throttle.guess`, as the SMS code
check does) would write the shared cache on every lookup, right ones included: 9 ms on the file cache and 0.45 ms
on Redis on the benchmark machine, on the busiest public page (decision 0014).
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Callable
from typing import TypeVar

from django.db import transaction

from zhengtong.audit.services import audit_record
from zhengtong.core import throttle
from zhengtong.core.codes import keyed_hash, six_digits
from zhengtong.core.errors import PermissionDenied, refuse
from zhengtong.core.models import SiteSettings
from zhengtong.core.sql import lock_for_transaction
from zhengtong.notifications.services import sms_to

from .types import CaseType

ATTEMPTS_PER_HOUR = 10

Found = TypeVar("Found")


def query_hash(case_type: CaseType, number: str, code: str) -> str:
    return keyed_hash(case_type.query_purpose, f"{number}:{code}")


# A client's Idempotency-Key refused (the case API's actions, a hall submission): one pair each, one code.
KEY_TOO_LONG = ("IDEMPOTENCY_KEY_TOO_LONG", "Idempotency-Key 不能超过64个字符。")
KEY_REUSED = ("IDEMPOTENCY_KEY_REUSED", "同一 Idempotency-Key 已用于另一请求（另一操作、另一事项或不同的内容）。")


def submission_digest(case_type: CaseType, scope: str, key: str, content: str = "") -> str:
    """What a case stores of the submission key its client sent (a form's hidden key, an Idempotency-Key), bound
    to who sent it (`scope`) and to what was sent (`content`): the key as sent is never stored, one writer's key
    finds nothing for another, and a page sent again with other words (the next person at a shared computer
    pressing Back) is a new submission, never answered with the first one's code."""
    content_hash = hashlib.sha256(content.encode()).hexdigest()
    return keyed_hash(f"{case_type.subject}:submission", f"{scope}:{key}:{content_hash}")


def made_before(case_type: CaseType, model, digest: str):
    """The case a keyed submission already made, or None, read under a transaction lock on the digest: two tries
    at once cannot both find nothing and both file (the model's unique `submission_key` backs this)."""
    lock_for_transaction(f"{case_type.subject}.submission:{digest}")
    return model.objects.filter(submission_key=digest).first()


def new_query_code(case_type: CaseType, submission: str = "") -> str:
    """A new case's query code: random, or for a keyed submission derived from its digest, so that a client
    retrying after a lost answer is answered with the same number and the same code (issue 21 item 11). Knowing
    the digest gives nothing without SECRET_KEY, as knowing the stored query hash does not."""
    if not submission:
        return six_digits()
    return f"{int(keyed_hash(f'{case_type.query_purpose}code', submission), 16) % 10**6:06d}"


def status_lookup(
    case_type: CaseType,
    *,
    number: str,
    code: str,
    ip: str | None,
    find: Callable[[str], Found | None],
    stored_hash: Callable[[Found], str],
) -> Found:
    """What `find(number)` gives for the case whose query code is `code`. A wrong number and a wrong code are
    refused alike (`lookup_failed`), so the lookup never tells that a number exists."""
    number, code = (number or "").strip().upper(), (code or "").strip()
    keys = throttle.keys(f"lookup:{case_type.subject}", n=number, ip=ip)
    if throttle.exceeded(keys, ATTEMPTS_PER_HOUR):
        raise refuse(case_type.lookup_throttled, PermissionDenied)
    found = find(number) if number else None
    expected = stored_hash(found) if found is not None else query_hash(case_type, number, "-")
    if found is None or not hmac.compare_digest(expected, query_hash(case_type, number, code)):
        throttle.count_failure(keys)
        with transaction.atomic():
            audit_record(
                action=f"{case_type.namespace}.status.denied", object_type=case_type.subject, object_id=number[:64]
            )
        raise refuse(case_type.lookup_failed)
    return found


def send_code(*, mobile: str, recipient, what: str, number_label: str, number: str, code: str, page: str) -> None:
    """The one SMS a new case's submitter gets (issue 22 item 5): its number and query code and the page where they
    work. Sent through the outbox, which keeps no text once it is sent: the code then lives on only as its HMAC."""
    site = SiteSettings.current().site_name
    sms_to(
        mobile=mobile,
        recipient=recipient,
        title=f"{what}，{number_label} {number}，查询码 {code}。凭编号和查询码可在{site}网站“{page}”查看办理进度，"
        "请妥善保存。",
    )
