"""API authentication that tells the audit trail who is acting.

DRF authenticates a token inside the view, after the middleware has bound the request's actor (anonymous, as
the session had no user): without this, every change made with a token was audited with no actor
(等保2.0 8.1.4.3 a: the audit covers each user).
"""

from __future__ import annotations

from django.conf import settings
from rest_framework import authentication, exceptions

from zhengtong.audit.context import rebind

from .models import ApiToken, User
from .tokens import token_user


class TokenAuthentication(authentication.TokenAuthentication):
    """`Authorization: Token <key>`, the key looked up by its hash (accounts/tokens.py)."""

    model = ApiToken

    def authenticate_credentials(self, key):
        user = token_user(key)
        if user is None:
            raise exceptions.AuthenticationFailed("接口密钥无效或已吊销。")
        return user, key

    def authenticate(self, request):
        found = super().authenticate(request)
        if found is None:
            return None
        if settings.SITE_ROLE == "public" and found[0].kind == User.Kind.STAFF:
            # staff work on the internal node only (accounts.middleware.StaffZoneMiddleware)
            raise exceptions.AuthenticationFailed("工作人员请在政务内网使用本系统。")
        rebind(found[0], request._request)
        return found


def second_factor_behind(request) -> bool:
    """The API request stands on a second factor: a key (issued only in a session that passed it, or by the
    console to an integration account) or such a session itself."""
    if isinstance(request.successful_authenticator, TokenAuthentication):
        return True
    return bool(getattr(request.user, "is_verified", lambda: False)())
