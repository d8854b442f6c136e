"""One exchange read: checked against the caller department's grant (fields, rows, expiry, rate), answered with
the granted fields only, and logged, answered or refused, in the signed exchange log (sharing/log.py)."""

from __future__ import annotations

import time
from dataclasses import dataclass

from django.db import connection, transaction
from django.utils import timezone

from zhengtong.audit.services import audit_record
from zhengtong.core import throttle
from zhengtong.core.codes import keyed_hash
from zhengtong.core.errors import Conflict, InvalidInput, NotFound, PermissionDenied, ZtError, refuse
from zhengtong.core.sql import columns, instance
from zhengtong.org.access import workplaces

from .. import errors, log
from ..models import Grant, Resource
from ..registers import SPECS

PAGE_SIZE = 100


class RateExceeded(ZtError):
    status = 429
    code = "RATE_EXCEEDED"


@dataclass(frozen=True)
class Answer:
    grant: Grant
    fields: list[str]
    rows: list[dict]
    page: int
    more: bool
    entry: int  # the call's row in the exchange log


def _grant(code: str, user, wanted: int | None, fields: list[str] | None) -> Grant:
    """The caller's department's current grant on resource `code` (the one named, where the caller names one),
    read with its resource in one statement; the refusals say which check failed."""
    found = _grants_on(code, sorted(workplaces(user)), wanted)
    today = timezone.localdate()
    current = [g for g in found if g.current(today)]
    if current:  # of several, one that grants every field asked for
        return next((g for g in current if set(fields or ()) <= set(g.fields)), current[0])
    if any(g.state == Grant.State.ACTIVE for g in found):
        expired = max(g.expires_on for g in found if g.state == Grant.State.ACTIVE)
        raise refuse(errors.GRANT_EXPIRED, PermissionDenied, date=expired.isoformat())
    if found:
        raise refuse(errors.EXCHANGE_REVOKED, PermissionDenied)
    resource = Resource.objects.filter(code=code).first()
    if resource is None:
        raise refuse(errors.RESOURCE_UNKNOWN, NotFound)
    if not resource.online:
        raise refuse(errors.NOT_ONLINE, Conflict)
    raise refuse(errors.NO_GRANT, PermissionDenied)


def _grants_on(code: str, consumers: list[int], wanted: int | None) -> list[Grant]:
    """The grants on resource `code` to any of `consumers` (the one numbered `wanted` only, where given), each with
    its resource, latest expiry first: in plain SQL, as every exchange call asks (core.sql.instance)."""
    if not consumers:
        return []
    one = " AND g.id = %s" if wanted is not None else ""
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {columns(Grant, 'g')}, {columns(Resource, 'r')} FROM {Grant._meta.db_table} g "
            f"JOIN {Resource._meta.db_table} r ON r.id = g.resource_id WHERE r.code = %s "
            f"AND g.consumer_id IN ({', '.join(['%s'] * len(consumers))}){one} ORDER BY g.expires_on DESC, g.id "
            "LIMIT 20",
            [code, *consumers, *([wanted] if wanted is not None else [])],
        )
        rows = cursor.fetchall()
    width = len(Grant._meta.concrete_fields)
    grants = []
    for row in rows:
        grant = instance(Grant, row[:width])
        grant.resource = instance(Resource, row[width:])
        grants.append(grant)
    return grants


def _checked_fields(grant: Grant, fields: list[str] | None) -> list[str]:
    if not fields:
        return list(grant.fields)
    for key in fields:
        if key not in grant.fields:
            raise refuse(errors.FIELD_NOT_GRANTED, PermissionDenied, key=key[:40])
    return [k for k in grant.fields if k in fields]


def _checked_filters(resource: Resource, grant: Grant, filters: dict[str, str]) -> dict[str, str]:
    """A read filters only on columns the grant lets it see or fixes: filtering on any other would let the
    caller learn its values row by row."""
    spec, granted = SPECS[resource.register], {*grant.fields, *grant.row_filter}
    for key, value in filters.items():
        column = spec.column(key)
        if key not in granted or column is None or column.match is None:
            raise refuse(errors.FILTER_NOT_ALLOWED, InvalidInput, key=key[:40])
        if key in grant.row_filter and grant.row_filter[key] != value:
            raise refuse(errors.ROWS_NOT_GRANTED, PermissionDenied, key=key[:40], value=value[:40])
    return {**filters, **grant.row_filter}


def _within_rate(grant: Grant) -> None:
    """Calls per minute per grant, counted in the shared cache: Redis in production (ZT_REDIS_URL), where every
    web worker counts into the same key atomically. A fixed minute: up to twice the rate across a minute's edge."""
    calls = throttle.hit(f"zt:exchange:rate:{grant.pk}:{int(time.time() // 60)}", 120)
    if calls > grant.rate_per_minute:
        raise refuse(errors.RATE_EXCEEDED, RateExceeded, limit=grant.rate_per_minute)


def _entry(user, resource, grant, fields, query: str, rows: int, outcome: str) -> int:
    return log.append(
        grant_id=grant.pk if grant else None,
        resource_code=(resource.code if resource else "")[:40],
        consumer_id=grant.consumer_id if grant else None,
        provider_id=resource.provider_id if resource else None,
        caller=user.username[:150],
        fields=fields,
        query_hash=keyed_hash("zhengtong-exchange-query:", query),
        rows=rows,
        outcome=outcome,
    )


def exchange_refused(*, user, code: str, refusal: ZtError) -> None:
    """A call refused before it could be read (a malformed page, grant or filter): logged and audited as any."""
    with transaction.atomic():
        _entry(user, None, None, [], f"code={code[:40]}", 0, refusal.code)
        audit_record(
            action="sharing.denied.exchange",
            object_type="sharing.resource",
            object_repr=code[:200],
            changes={"code": [None, refusal.code], "user": [None, user.username]},
        )


def exchange_read(
    *, user, code: str, fields: list[str] | None, filters: dict[str, str], page: int = 1, grant: int | None = None
) -> Answer:
    """Read rows of resource `code`. A refusal is logged with its code (and audited) before it is raised."""
    query = "&".join(f"{k}={v}" for k, v in sorted(filters.items())) + f"#page={page}"
    resource = found = None
    try:
        found = _grant(code, user, grant, fields)
        resource = found.resource
        if not resource.online:
            raise refuse(errors.NOT_ONLINE, Conflict)
        _within_rate(found)
        chosen = _checked_fields(found, fields)
        matching = _checked_filters(resource, found, filters)
        spec = SPECS[resource.register]
        start = (page - 1) * PAGE_SIZE
        rows = list(spec.matching(matching, chosen)[start : start + PAGE_SIZE + 1])
        answer = spec.read(rows[:PAGE_SIZE], chosen)
        entry_id = _entry(user, resource, found, chosen, query, len(answer), "answered")
        return Answer(found, chosen, answer, page, len(rows) > PAGE_SIZE, entry_id)
    except ZtError as refusal:
        resource = resource or Resource.objects.filter(code=code).first()  # the provider sees calls on it
        with transaction.atomic():
            _entry(user, resource, found, [f[:40] for f in (fields or [])][:50], query, 0, refusal.code)
            audit_record(
                action="sharing.denied.exchange",
                object_type="sharing.resource",
                object_id=str(resource.pk) if resource else "",
                object_repr=code[:200],
                changes={"code": [None, refusal.code], "user": [None, user.username]},
            )
        raise
