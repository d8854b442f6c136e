"""CKAN's error shape: a status, a `__type` and a message or the fields at fault."""

from __future__ import annotations


class ActionError(Exception):
    def __init__(self, status: int, kind: str, message: str = "", **fields):
        super().__init__(message)
        self.status, self.kind, self.message, self.fields = status, kind, message, fields


def not_found(what: str = "Not found") -> ActionError:
    return ActionError(404, "Not Found Error", what)


def invalid(**fields) -> ActionError:
    return ActionError(409, "Validation Error", "", **fields)
