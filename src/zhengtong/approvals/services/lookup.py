"""The public status lookup. A service, not a selector: each wrong code is counted and audited."""

from __future__ import annotations

from zhengtong.cases import lookup

from ..case import APPLICATION
from ..selectors import PublicStatus, public_application


def status_lookup(*, receipt_no: str, code: str, ip: str | None) -> PublicStatus:
    """Anyone with the receipt number and query code sees the application's stages, without logging in
    (cases/lookup.py: throttled, audited)."""
    return lookup.status_lookup(
        APPLICATION,
        number=receipt_no,
        code=code,
        ip=ip,
        find=public_application,
        stored_hash=lambda found: found.query_hash,
    )
