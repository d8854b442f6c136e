"""Each share-request action's parameters, read strictly (core/params.py), and the service it calls: the same for
the workbench's forms and the API's action endpoint (cases/api.py)."""

from __future__ import annotations

import datetime as dt

from zhengtong.core import params
from zhengtong.core.errors import InvalidInput

from .services.requests import share_request_grant, share_request_refuse, share_request_withdraw


def pairs(data, name: str) -> dict[str, str]:
    """ "key=value" lines (a row range): a line without "=" is refused naming the field."""
    out = {}
    for line in params.lines(data, name, max_length=500):
        key, sep, value = line.partition("=")
        if not sep or not key.strip():
            raise InvalidInput(f"“{name}”每行应写成“信息项=值”。", code="INVALID_PARAMETER", fields={name: ["格式"]})
        out[key.strip()] = value.strip()
    return out


def date(data, name: str) -> dt.date | None:
    value = params.text(data, name, max_length=10).strip()
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise InvalidInput(f"“{name}”应为日期，如 2027-06-30。", code="INVALID_PARAMETER", fields={name: ["日期"]})


def _grant(request, user, data, files):
    return share_request_grant(
        request=request,
        by=user,
        fields=params.lines(data, "fields") or None,
        row_filter=pairs(data, "row_filter"),
        expires_on=date(data, "expires_on"),
        rate_per_minute=params.whole_number(data, "rate_per_minute"),
        reason=params.text(data, "reason"),
    )


ACTIONS = {
    "grant": _grant,
    "refuse": lambda request, user, data, files: share_request_refuse(
        request=request, by=user, reason=params.text(data, "reason")
    ),
    "withdraw": lambda request, user, data, files: share_request_withdraw(request=request, by=user),
}
