"""ZT_SITE_ROLE: a node in the internet zone must not even route to the workbench or the admin."""

from __future__ import annotations

import json

from django.conf import settings
from django.http import Http404, HttpResponse, JsonResponse
from django.http.multipartparser import MultiPartParserError

from . import request_memo

INTERNAL_PREFIXES = ("/workbench/", "/admin/", "/api/v1/internal/")
SHARED_PREFIXES = (
    "/accounts/",
    "/messages/",
    "/static/",
    "/healthz",
    "/readyz",
    "/api/schema/",
    "/api/docs/",
    "/i18n/",
)


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


class RequestMemoMiddleware:
    """Each request keeps what it reads once (core/request_memo.py)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with request_memo.scope():
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


NUL_ERROR = {
    "code": "NUL_CHARACTER",
    "message": "提交的内容含有不允许的空字符（NUL），请检查后重新提交。",
    "fields": {},
}


def _has_nul(request) -> bool:
    if "\x00" in request.path or "%00" in request.META.get("QUERY_STRING", ""):
        return True
    if "\x00" in request.META.get("HTTP_AUTHORIZATION", ""):
        return True
    if request.method == "POST" and request.content_type in (
        "application/x-www-form-urlencoded",
        "multipart/form-data",
    ):
        return any("\x00" in k or any("\x00" in v for v in values) for k, values in request.POST.lists())
    if request.method in ("POST", "PUT", "PATCH") and request.content_type == "application/json":
        return _json_has_nul(request.body)
    return False


def _json_has_nul(body: bytes) -> bool:
    """A JSON string carries NUL as the escape \\u0000 (a raw one is no JSON; the escape's u is lower case and its
    digits have none). Parsed only when the escape's text is there at all, so that an escaped backslash before
    "u0000" is not mistaken for it; the body is not copied to look."""
    if b"\\u0000" not in body:
        return False
    try:
        parsed = json.loads(body)
    except (ValueError, RecursionError):
        return False  # the API's parser refuses it with its own answer (api/errors.py)

    def has(value) -> bool:
        if isinstance(value, str):
            return "\x00" in value
        if isinstance(value, dict):
            return any(has(k) or has(v) for k, v in value.items())
        return isinstance(value, list) and any(has(v) for v in value)

    return has(parsed)


MALFORMED_ERROR = {"code": "MALFORMED_BODY", "message": "提交的数据格式不正确，无法解析。", "fields": {}}
TOO_LARGE_ERROR = {
    "code": "REQUEST_TOO_LARGE",
    "message": "提交的内容过大（上限100MB），请减少或压缩附件后重试。",
    "fields": {},
}
MAX_REQUEST_BYTES = 100 * 1024 * 1024  # several 20 MB materials at once; Django itself sets no limit on files


def _too_large(request) -> bool:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0) > MAX_REQUEST_BYTES
    except ValueError:
        return False


class RejectNulMiddleware:
    """Refuse, before any view reads it, input no view can handle: a NUL byte (PostgreSQL refuses it in text,
    so any lookup would fail with a 500), an unparseable multipart body, and a body over the size limit."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        status = 413 if _too_large(request) else 400
        try:
            refused = TOO_LARGE_ERROR if status == 413 else (NUL_ERROR if _has_nul(request) else None)
        except MultiPartParserError:  # a multipart body without a valid boundary: the client's error, not ours
            refused = MALFORMED_ERROR
        if refused:
            if request.path.startswith("/api/"):
                return JsonResponse(refused, status=status)
            return HttpResponse(
                f'<!doctype html><html lang="zh-CN"><title>请求有误</title><p data-code="{refused["code"]}">'
                f"{refused['message']}</p></html>",
                status=status,
                content_type="text/html; charset=utf-8",
            )
        return self.get_response(request)
