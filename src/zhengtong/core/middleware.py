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


class LanguageCookieMiddleware:
    """zh-Hans for everyone unless the reader chose English with the footer switch (Django's set_language
    cookie). Unlike LocaleMiddleware, the browser's Accept-Language is ignored: a government site answers
    in Chinese first, whatever the visitor's browser was set up with."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.available = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        from django.utils import translation

        choice = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = choice if choice in self.available else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response
