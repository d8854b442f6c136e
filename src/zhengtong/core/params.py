"""An action's parameters as a workbench form or an API client sends them (a QueryDict: repeated keys for a
list), read strictly: a wrong value is refused naming the field, never read as something else.

The same helpers serve the pages and the API (cases/api.py), which take the same parameters to the same
services: a "true" that was read as false recorded the opposite decision, a list read as its last item dropped
a correction notice's other items, and a "²" that passed `isdigit` crashed `int`.
"""

from __future__ import annotations

from .errors import InvalidInput

MAX_TEXT = 2000  # a reason, a note, an opinion: what the forms allow
MAX_ID = 2**63 - 1  # the largest key either database stores

TRUE = {"1", "true", "on", "yes"}
FALSE = {"0", "false", "off", "no", ""}


def _invalid(name: str, message: str) -> InvalidInput:
    return InvalidInput(message, code="INVALID_PARAMETER", fields={name: [message]})


def text(data, name: str, *, max_length: int = MAX_TEXT) -> str:
    values = data.getlist(name) if hasattr(data, "getlist") else [data.get(name)]
    if len(values) > 1:
        raise _invalid(name, f"“{name}”只能填写一项。")
    value = "" if not values or values[0] is None else str(values[0])
    if len(value) > max_length:
        raise _invalid(name, f"“{name}”不能超过{max_length}个字。")
    return value


def lines(data, name: str, *, max_length: int = MAX_TEXT) -> list[str]:
    """Items one per line, or a list of items: every one kept."""
    values = data.getlist(name) if hasattr(data, "getlist") else [data.get(name)]
    items = [line.strip() for value in values if value for line in str(value).splitlines() if line.strip()]
    if sum(len(item) for item in items) > max_length:
        raise _invalid(name, f"“{name}”合计不能超过{max_length}个字。")
    return items


def flag(data, name: str) -> bool:
    value = text(data, name, max_length=10).strip().lower()
    if value in TRUE:
        return True
    if value in FALSE:
        return False
    raise _invalid(name, f"“{name}”只能是 1（是）或 0（否）。")


def identifier(data, name: str) -> int | None:
    """A row's id, or None when absent; anything but decimal digits in range is refused."""
    value = text(data, name, max_length=20).strip()
    if not value:
        return None
    if not (value.isascii() and value.isdecimal()) or not 0 < int(value) <= MAX_ID:
        raise _invalid(name, f"“{name}”应为编号（数字）。")
    return int(value)


def whole_number(data, name: str, *, maximum: int = 100_000) -> int | None:
    """A count (0 to `maximum`), or None when absent; anything else is refused, naming the field."""
    value = text(data, name, max_length=12).strip()
    if not value:
        return None
    if not (value.isascii() and value.isdecimal()) or int(value) > maximum:
        raise _invalid(name, f"“{name}”应为0到{maximum}之间的整数。")
    return int(value)


def identifiers(data, name: str) -> list[int]:
    values = data.getlist(name) if hasattr(data, "getlist") else (data.get(name) or [])
    out = []
    for value in values:
        found = identifier({name: value}, name)
        if found is not None:
            out.append(found)
    return out
