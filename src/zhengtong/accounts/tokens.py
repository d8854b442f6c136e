"""API keys: issued by their owner after the second factor (the page) or by the console to an integration
account, shown once, stored as a SHA-256, revoked by the owner or the security administrator. Each change is
audited without the key."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from zhengtong.audit.services import audit_record

from .models import ApiToken, User

PREFIX = "zt_"
# How stale last_used_at may get: a key used all day costs one write per ten minutes, not one per request.
USE_RESOLUTION = timedelta(minutes=10)


def digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


@transaction.atomic(durable=True)
def token_issue(*, user: User, name: str) -> tuple[ApiToken, str]:
    key = PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(user=user, name=name, prefix=key[:10], digest=digest(key))
    audit_record(
        action="accounts.token.issue", obj=token, changes={"owner": [None, user.username], "name": [None, name]}
    )
    return token, key


@transaction.atomic(durable=True)
def token_revoke(*, token: ApiToken) -> None:
    revoked = ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(revoked_at=timezone.now())
    if revoked:
        audit_record(action="accounts.token.revoke", obj=token, changes={"owner": [token.user.username, None]})


def token_user(key: str) -> User | None:
    """The active owner of a live key, or None."""
    if not key.startswith(PREFIX) or len(key) > 100:
        return None
    token = ApiToken.objects.select_related("user").filter(digest=digest(key), revoked_at__isnull=True).first()
    if token is None or not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > USE_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user
