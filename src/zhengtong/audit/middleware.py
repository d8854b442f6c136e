from __future__ import annotations

from .context import _current, actor_for


class AuditContextMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _current.set(actor_for(getattr(request, "user", None), request))
        try:
            return self.get_response(request)
        finally:
            _current.reset(token)
