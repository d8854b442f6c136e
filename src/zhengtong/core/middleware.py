"""ZT_SITE_ROLE: a node in the internet zone must not even route to the workbench or the admin."""

from __future__ import annotations

from django.conf import settings
from django.http import Http404

INTERNAL_PREFIXES = ("/workbench/", "/admin/", "/api/v1/internal/")
SHARED_PREFIXES = ("/accounts/", "/static/", "/healthz", "/readyz", "/api/schema/", "/api/docs/", "/i18n/")


def path_allowed(role: str, path: str) -> bool:
    if role == "all" or path.startswith(SHARED_PREFIXES):
        return True
    internal = path.startswith(INTERNAL_PREFIXES)
    return internal if role == "internal" else not internal


class SiteRoleMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not path_allowed(settings.SITE_ROLE, request.path):
            raise Http404
        return self.get_response(request)
