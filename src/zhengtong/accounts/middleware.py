"""Idle timeout without a write per request (settings: SESSION_COOKIE_AGE is the idle age)."""

from __future__ import annotations

import time

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
