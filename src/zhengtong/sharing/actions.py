"""Each share-request action's parameters, read strictly (core/params.py), and the service it calls: the same for
the workbench's forms and the API's action endpoint (cases/api.py)."""

from __future__ import annotations

import datetime as dt

from zhengtong.core import params
from zhengtong.core.errors import refuse_on

from . import errors
from .services.requests import share_request_grant, share_request_refuse, share_request_withdraw


def pairs(data, name: str) -> dict[str, str]:
    """Lines of key=value (a row range): a line without "=", without a value, or naming a key twice is refused
    naming the field (an empty value would widen the range to every row)."""
    out = {}
    for line in params.lines(data, name, max_length=500):
        key, sep, value = (part.strip() for part in line.partition("="))
        if not sep or not key or not value or key in out:
            raise refuse_on(name, errors.PAIRS_INVALID)
        out[key] = value
    return out


def date(data, name: str) -> dt.date | None:
    value = params.text(data, name, max_length=10).strip()
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise refuse_on(name, errors.DATE_INVALID) from None


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
