"""Django's own error responses (no URL matched, an uncaught error): JSON with the API's error shape under /api/,
the Chinese error pages elsewhere."""

from __future__ import annotations

from django.core.cache import cache
from django.http import HttpResponseServerError, JsonResponse
from django.template import loader
from django.views import defaults

from zhengtong.core.models import SITE_SETTINGS_CACHE_KEY, SiteSettings

ERRORS = {
    400: ("BAD_REQUEST", "请求有误。"),
    403: ("PERMISSION_DENIED", "您没有权限进行此操作。"),
    404: ("NOT_FOUND", "要找的内容不存在。"),
    500: ("SERVER_ERROR", "服务暂时出现问题，本次操作未生效，请稍后重试。"),
}


def _api(request, status: int):
    code, message = ERRORS[status]
    return JsonResponse({"code": code, "message": message, "fields": {}}, status=status)


def bad_request(request, exception):
    return _api(request, 400) if request.path.startswith("/api/") else defaults.bad_request(request, exception)


def permission_denied(request, exception):
    return _api(request, 403) if request.path.startswith("/api/") else defaults.permission_denied(request, exception)


def page_not_found(request, exception):
    return _api(request, 404) if request.path.startswith("/api/") else defaults.page_not_found(request, exception)


def server_error(request):
    """The site's name on the page when the cache holds it; nothing here may need the database, which may be
    what failed. No template language beyond two names: the error may be in the templates too."""
    if request.path.startswith("/api/"):
        return _api(request, 500)
    try:
        site = cache.get(SITE_SETTINGS_CACHE_KEY)
    except Exception:  # the cache may be down too
        site = None
    site = site or SiteSettings()
    template = loader.get_template("500.html")
    body = template.render({"site_name": site.site_name, "contact_phone": site.contact_phone})
    return HttpResponseServerError(body)
