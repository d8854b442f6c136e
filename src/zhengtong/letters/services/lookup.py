"""The public status lookup. A service, not a selector: each wrong code is counted and audited."""

from __future__ import annotations

from zhengtong.cases import lookup

from ..case import LETTER
from ..models import Letter


def status_lookup(*, number: str, code: str, ip: str | None) -> Letter:
    """The writer (or a caller told the number and code on the phone) follows the case without logging in
    (cases/lookup.py: throttled, audited)."""
    return lookup.status_lookup(
        LETTER,
        number=number,
        code=code,
        ip=ip,
        stored_hash=lambda letter: letter.query_hash,
        find=lambda n: Letter.objects.filter(number=n).select_related("department").first(),
    )
