"""API authentication that tells the audit trail who is acting.

DRF authenticates a token inside the view, after the middleware has bound the request's actor (anonymous, as
the session had no user): without this, every change made with a token was audited with no actor
(等保2.0 8.1.4.3 a: the audit covers each user).
"""

from __future__ import annotations

from django.conf import settings
from rest_framework import authentication, exceptions

from zhengtong.audit.context import rebind

from .models import User


class TokenAuthentication(authentication.TokenAuthentication):
    def authenticate(self, request):
        found = super().authenticate(request)
        if found is None:
            return None
        if settings.SITE_ROLE == "public" and found[0].kind == User.Kind.STAFF:
            # staff work on the internal node only (accounts.middleware.StaffZoneMiddleware)
            raise exceptions.AuthenticationFailed("工作人员请在政务内网使用本系统。")
        rebind(found[0], request._request)
        return found
