"""Error types with stable codes and Chinese messages.

A code never changes once released: clients, tests and the help desk key on it. The message is what a
70-year-old citizen reads, so it says what is wrong and what to do.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _


class ZtError(Exception):
    """Base of every expected failure; the API renders it as {code, message, fields}."""

    status = 400
    code = "ERROR"
    message = _("操作未能完成。")

    def __init__(self, message=None, *, code: str | None = None, fields: dict | None = None):
        self.message = message if message is not None else self.message
        self.code = code or self.code
        self.fields = fields or {}
        super().__init__(str(self.message))

    def as_dict(self) -> dict:
        return {"code": self.code, "message": str(self.message), "fields": self.fields}


class InvalidInput(ZtError):
    code = "INVALID_INPUT"
    message = _("提交的内容有误，请按提示修改。")


class PermissionDenied(ZtError):
    status = 403
    code = "PERMISSION_DENIED"
    message = _("您没有权限进行此操作。")


class NotFound(ZtError):
    status = 404
    code = "NOT_FOUND"
    message = _("要找的内容不存在或已被删除。")


class InvalidTransition(ZtError):
    status = 409
    code = "INVALID_TRANSITION"
    message = _("当前状态下不能进行此操作。")


class Conflict(ZtError):
    status = 409
    code = "CONFLICT"
    message = _("数据已存在或已被他人修改。")


def refuse(error: tuple[str, str], cls: type[ZtError] = InvalidInput, **params) -> ZtError:
    """The error for one of an app's (code, message) pairs; `params` fill the message's %(name)s places."""
    code, message = error
    return cls(message % params if params else message, code=code)


def refuse_on(field: str, error: tuple[str, str], cls: type[ZtError] = InvalidInput, **params) -> ZtError:
    """`refuse`, naming the field it is about: a form shows the message beside that field, the API lists it under
    `fields`."""
    refusal = refuse(error, cls, **params)
    refusal.fields = {field: [{"code": refusal.code, "message": str(refusal.message)}]}
    return refusal
