from __future__ import annotations

from .context import Actor, _current, client_ip


class AuditContextMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        authenticated = bool(user and user.is_authenticated)
        actor = Actor(
            user_id=user.pk if authenticated else None,
            name=user.get_username() if authenticated else "",
            department_id=getattr(user, "primary_department_id", None) if authenticated else None,
            ip=client_ip(request),
            user_agent=request.META.get("HTTP_USER_AGENT", "")[:300],
        )
        token = _current.set(actor)
        try:
            return self.get_response(request)
        finally:
            _current.reset(token)
