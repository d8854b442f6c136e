"""Every API error has the same shape: {"code": stable code, "message": Chinese text, "fields": {...}}."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_handler

from zhengtong.core.errors import ZtError

_CODES = {
    exceptions.NotAuthenticated: ("NOT_AUTHENTICATED", "请先登录。"),
    exceptions.AuthenticationFailed: ("AUTHENTICATION_FAILED", "身份认证失败。"),
    exceptions.PermissionDenied: ("PERMISSION_DENIED", "您没有权限进行此操作。"),
    exceptions.NotFound: ("NOT_FOUND", "要找的内容不存在。"),
    exceptions.MethodNotAllowed: ("METHOD_NOT_ALLOWED", "不支持该请求方法。"),
    exceptions.NotAcceptable: ("NOT_ACCEPTABLE", "不支持请求的返回格式。"),
    exceptions.UnsupportedMediaType: ("UNSUPPORTED_MEDIA_TYPE", "不支持提交的数据格式。"),
    exceptions.Throttled: ("THROTTLED", "请求过于频繁，请稍后再试。"),
    exceptions.ParseError: ("PARSE_ERROR", "提交的数据无法解析。"),
    exceptions.ValidationError: ("INVALID_INPUT", "提交的内容有误，请按提示修改。"),
}


CSRF_FAILED = ("CSRF_FAILED", "请求缺少有效的安全校验码（CSRF）：网页中请刷新后重试；程序请用令牌（Token）认证。")


def _fields(detail) -> dict:
    if not isinstance(detail, dict):
        return {}
    out = {}
    for name, errors in detail.items():
        errors = errors if isinstance(errors, list) else [errors]
        out[name] = [{"code": getattr(e, "code", "invalid"), "message": str(e)} for e in errors]
    return out


def exception_handler(exc, context):
    if isinstance(exc, ZtError):
        return Response(exc.as_dict(), status=exc.status)
    if isinstance(exc, RecursionError):  # JSON nested past the parser's depth: refused as unparsable
        exc = exceptions.ParseError()
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()
    response = drf_handler(exc, context)
    if response is None:
        return None
    code, message = next(((c, m) for cls, (c, m) in _CODES.items() if isinstance(exc, cls)), ("ERROR", "请求失败。"))
    if isinstance(exc, exceptions.PermissionDenied) and str(exc.detail).startswith("CSRF Failed"):
        code, message = CSRF_FAILED  # a browser session's request without its form token, not a missing right
    fields = _fields(exc.detail) if isinstance(exc, exceptions.ValidationError) else {}
    if isinstance(exc, exceptions.ValidationError) and isinstance(exc.detail, list):
        fields = {"non_field_errors": [{"code": getattr(e, "code", "invalid"), "message": str(e)} for e in exc.detail]}
    response.data = {"code": code, "message": message, "fields": fields}
    if response.status_code == status.HTTP_401_UNAUTHORIZED and "WWW-Authenticate" not in response:
        response["WWW-Authenticate"] = "Token"
    return response
