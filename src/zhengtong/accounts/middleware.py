"""Idle timeout without a write per request (settings: SESSION_COOKIE_AGE is the idle age); the second factor
before anything else for staff."""

from __future__ import annotations

import time
from urllib.parse import quote

from django.conf import settings
from django.http import Http404, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse

from .access import to_sign_in
from .models import User

# The session's expiry moves forward at most this often: the idle age is SESSION_COOKIE_AGE minus at most this.
TOUCH_SECONDS = 60
TOUCH_KEY = "_zt_touched"


class IdleSessionMiddleware:
    """In place of SESSION_SAVE_EVERY_REQUEST, which costs every page a transaction: an existing session is
    marked modified when it was last saved more than a minute ago, so SessionMiddleware saves it and its
    expiry becomes now + SESSION_COOKIE_AGE. A visitor without a session gets none."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        session = getattr(request, "session", None)
        if session is not None and session.session_key:
            now = int(time.time())
            if now - session.get(TOUCH_KEY, 0) > TOUCH_SECONDS:
                session[TOUCH_KEY] = now
        return self.get_response(request)


class SecondFactorMiddleware:
    """Staff who have given only their password reach the second-factor pages and the log-out, nothing else: a
    page asks for the second factor, the API refuses with a code. A token client is not affected (it has no
    session; DRF authenticates the token in the view)."""

    OPEN = ("accounts:otp", "accounts:otp_setup", "accounts:logout")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and user.kind == User.Kind.STAFF
            and not user.is_verified()
            and request.path not in {reverse(name) for name in self.OPEN}
        ):
            if request.path_info.startswith("/api/"):  # where urls.py mounts the API
                message = "请先完成动态口令验证。"
                return JsonResponse({"code": "SECOND_FACTOR_REQUIRED", "message": message, "fields": {}}, status=403)
            return to_sign_in(request, redirect(f"{reverse('accounts:otp')}?next={quote(request.get_full_path())}"))
        return self.get_response(request)


class StaffZoneMiddleware:
    """On a node in the internet zone (ZT_SITE_ROLE=public) staff open nothing but the log-out: they work on the
    internal node (等保2.0 区域边界). An API token is refused there by `api_auth.TokenAuthentication`."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            settings.SITE_ROLE == "public"
            and user is not None
            and user.is_authenticated
            and user.kind == User.Kind.STAFF
            and request.path != reverse("accounts:logout")
        ):
            raise Http404
        return self.get_response(request)
