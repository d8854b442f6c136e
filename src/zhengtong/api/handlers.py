"""Django's own error responses (no URL matched, an uncaught error): JSON with the API's error shape under /api/,
the Chinese error pages elsewhere."""

from __future__ import annotations

from django.http import JsonResponse
from django.views import defaults

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
    return _api(request, 500) if request.path.startswith("/api/") else defaults.server_error(request)
