"""API keys: issued by their owner after the second factor (the page) or by the console to an integration
account, shown once, stored as a SHA-256, revoked by the owner or the security administrator. Each change is
audited without the key."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.db import connection, transaction
from django.utils import timezone

from zhengtong.audit.services import audit_record
from zhengtong.core.sql import aware, columns, instance

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
    with connection.cursor() as cursor:  # plain SQL: every API call asks (core.sql.instance, decision 0023)
        cursor.execute(
            f"SELECT t.id, t.last_used_at, {columns(User, 'u')} FROM {ApiToken._meta.db_table} t "
            f"JOIN {User._meta.db_table} u ON u.id = t.user_id WHERE t.digest = %s AND t.revoked_at IS NULL",
            [digest(key)],
        )
        found = cursor.fetchone()
    if found is None:
        return None
    token_id, last_used_at, user = found[0], aware(found[1]), instance(User, found[2:])
    if not user.is_active:
        return None
    now = timezone.now()
    if last_used_at is None or now - last_used_at > USE_RESOLUTION:
        ApiToken.objects.filter(pk=token_id).update(last_used_at=now)
    return user
