"""Share requests and grants: a department asks for a resource with its purpose, fields, row range and period;
an unconditional resource is granted at once, a conditional one is decided by the provider within the settings'
working days (on the deadline clock, with its warnings); the provider may narrow what it grants, and revoke."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from zhengtong.audit.services import audit_record
from zhengtong.cases import guards, notices, transitions
from zhengtong.cases.guards import case_service
from zhengtong.core.errors import PermissionDenied, refuse, refuse_on
from zhengtong.core.sql import next_key
from zhengtong.notifications.services import notify
from zhengtong.org.access import department_staff, works_in
from zhengtong.supervision.models import Clock
from zhengtong.supervision.services import clock_start, clock_stop

from .. import errors
from ..case import SHARE_REQUEST, SUBJECT
from ..models import Grant, Resource, ShareClass, ShareRequest
from ..registers import SPECS

State = ShareRequest.State
MAX_PERIOD_DAYS = 3 * 366
DEFAULT_RATE = 600


def _fields(resource: Resource, fields) -> list[str]:
    keys = list(resource.items.values_list("key", flat=True))
    chosen = [str(f) for f in fields or []]
    if not chosen:
        raise refuse_on("fields", errors.FIELDS_REQUIRED)
    for key in chosen:
        if key not in keys:
            raise refuse_on("fields", errors.FIELD_UNKNOWN, key=key)
    return [k for k in keys if k in chosen]  # in the catalogue's order, each once


def _row_filter(resource: Resource, row_filter) -> dict[str, str]:
    spec = SPECS.get(resource.register)
    chosen = {str(k): str(v).strip() for k, v in (row_filter or {}).items() if str(v).strip()}
    for key in chosen:
        column = spec.column(key) if spec else None
        if column is None or column.match is None:
            raise refuse_on("row_filter", errors.FILTER_INVALID, key=key[:40])
        if column.personal:  # the range is kept in clear on the request, the grant and the audit row
            raise refuse_on("row_filter", errors.FILTER_PERSONAL, key=key)
    return chosen


def _period(period_until, today: dt.date) -> dt.date:
    if not isinstance(period_until, dt.date) or not today < period_until <= today + dt.timedelta(days=MAX_PERIOD_DAYS):
        raise refuse_on("period_until", errors.PERIOD_INVALID)
    return period_until


def _grant(request: ShareRequest, by, *, fields, row_filter, expires_on, rate) -> Grant:
    grant = Grant.objects.create(
        request=request,
        resource=request.resource,
        consumer=request.consumer,
        provider_id=request.resource.provider_id,
        fields=fields,
        row_filter=row_filter,
        expires_on=expires_on,
        rate_per_minute=rate,
        granted_by=by,
    )
    audit_record(
        action="sharing.grant.create",
        obj=grant,
        changes={"fields": [None, fields], "row_filter": [None, row_filter], "expires_on": [None, str(expires_on)]},
    )
    return grant


@case_service
def share_request_submit(
    *, resource: Resource, consumer, by, purpose: str, fields, period_until, row_filter=None
) -> ShareRequest:
    """共享申请. An unconditional resource is granted as asked at once; a conditional one waits for the provider."""
    if not works_in(by, consumer):
        raise guards.denied(SHARE_REQUEST, by, None, "submit", errors.NOT_CONSUMER, department=consumer)
    if resource.share_class == ShareClass.NONE:
        raise refuse(errors.NOT_SHARED, PermissionDenied, basis=resource.share_basis)
    if resource.provider_id == getattr(consumer, "pk", consumer):
        raise refuse(errors.OWN_RESOURCE)
    purpose = (purpose or "").strip()
    if not purpose:
        raise refuse_on("purpose", errors.PURPOSE_REQUIRED)
    now = timezone.now()
    chosen, rows = _fields(resource, fields), _row_filter(resource, row_filter)
    period = _period(period_until, timezone.localdate())
    key = next_key(ShareRequest)
    request = ShareRequest.objects.create(
        pk=key,
        number=f"GX{now:%Y}{key:07d}",
        resource=resource,
        consumer_id=getattr(consumer, "pk", consumer),
        provider_id=resource.provider_id,
        purpose=purpose[:2000],
        fields=chosen,
        row_filter=rows,
        period_until=period,
        applicant=by,
        submitted_at=now,
    )
    audit_record(
        action="sharing.request.submit",
        obj=request,
        changes={"resource": [None, resource.code], "fields": [None, chosen], "row_filter": [None, rows]},
    )
    if resource.share_class == ShareClass.UNCONDITIONAL:
        request.state, request.decided_at, request.reason = State.GRANTED, now, "无条件共享，自动授权"
        request.save(update_fields=["state", "decided_at", "reason"])
        _grant(request, None, fields=chosen, row_filter=rows, expires_on=period, rate=DEFAULT_RATE)
        return request
    clock_start(
        subject_type=SUBJECT,
        subject_id=str(request.pk),
        stage="decision",
        stage_label="共享审核",
        subject_label=f"{request.number} {resource.name}",
        department=request.provider,
        limit=settings.SHARING_DECISION_DAYS,
        started_at=now,
    )
    notify(
        recipients=department_staff(request.provider),
        title=f"共享申请待审核：{resource.name}",
        body=f"{request.consumer.name}申请共享“{resource.name}”，请在{settings.SHARING_DECISION_DAYS}个工作日内审核。",
        link=reverse("workbench_sharing:request", args=[request.pk]),
    )
    return request


def _locked(request: ShareRequest) -> ShareRequest:
    return guards.locked(ShareRequest.objects.select_related("resource", "consumer", "provider"), request)


def _close(request: ShareRequest, *, cancelled: bool = False) -> None:
    for clock in Clock.objects.filter(subject_type=SUBJECT, subject_id=str(request.pk), stopped_at__isnull=True):
        clock_stop(clock=clock, cancelled=cancelled)


def _act(request: ShareRequest, by, action: str, error) -> ShareRequest:
    if action != "withdraw" and request.applicant_id == by.pk and works_in(by, request.provider_id):
        error = errors.OWN_REQUEST  # the provider's staff, but the one who asked (case.provider_staff)
    transitions.require_may(SHARE_REQUEST, request, by, action, error)
    request = _locked(request)
    transitions.require_state_for(SHARE_REQUEST, request, action, errors.WRONG_STATE, by)
    return request


def _narrower(label: str, asked: dict | list, given: dict | list) -> None:
    if isinstance(asked, list):
        if not set(given) <= set(asked):
            raise refuse_on(label, errors.NARROWER_ONLY, label=_LABELS[label])
    elif any(given.get(k) != v for k, v in asked.items()):
        raise refuse_on(label, errors.NARROWER_ONLY, label=_LABELS[label])


_LABELS = {"fields": "信息项", "row_filter": "数据范围", "expires_on": "有效期"}


@case_service
def share_request_grant(
    *, request: ShareRequest, by, fields=None, row_filter=None, expires_on=None, rate_per_minute=None, reason=""
) -> ShareRequest:
    """同意共享: the grant may narrow the fields, add to the row range and shorten the period, never widen them."""
    request = _act(request, by, "grant", errors.NOT_PROVIDER)
    chosen = _fields(request.resource, fields) if fields is not None else list(request.fields)
    _narrower("fields", request.fields, chosen)
    rows = {**request.row_filter, **_row_filter(request.resource, row_filter or {})}
    _narrower("row_filter", request.row_filter, rows)
    expires = expires_on or request.period_until
    if expires > request.period_until:
        raise refuse_on("expires_on", errors.NARROWER_ONLY, label=_LABELS["expires_on"])
    _period(expires, timezone.localdate())
    rate = DEFAULT_RATE if rate_per_minute is None else rate_per_minute
    if not isinstance(rate, int) or isinstance(rate, bool) or not 1 <= rate <= 100_000:
        raise refuse_on("rate_per_minute", errors.RATE_INVALID)
    request.state, request.decided_by, request.decided_at = State.GRANTED, by, timezone.now()
    request.reason = (reason or "").strip()[:2000]
    request.save(update_fields=["state", "decided_by", "decided_at", "reason"])
    _close(request)
    _grant(request, by, fields=chosen, row_filter=rows, expires_on=expires, rate=rate)
    audit_record(action="sharing.request.grant", obj=request, changes={"state": [State.SUBMITTED, State.GRANTED]})
    notices.tell(SHARE_REQUEST, request, "已同意", request.reason)
    return request


@case_service
def share_request_refuse(*, request: ShareRequest, by, reason: str) -> ShareRequest:
    """不予共享, with the reason and its basis."""
    request = _act(request, by, "refuse", errors.NOT_PROVIDER)
    reason = (reason or "").strip()
    if not reason:
        raise refuse_on("reason", errors.REASON_REQUIRED)
    request.state, request.decided_by, request.decided_at, request.reason = State.REFUSED, by, timezone.now(), reason
    request.save(update_fields=["state", "decided_by", "decided_at", "reason"])
    _close(request)
    audit_record(action="sharing.request.refuse", obj=request, changes={"reason": [None, reason[:500]]})
    notices.tell(SHARE_REQUEST, request, "不予共享", request.reason)
    return request


@case_service
def share_request_withdraw(*, request: ShareRequest, by) -> ShareRequest:
    request = _act(request, by, "withdraw", errors.NOT_CONSUMER)
    request.state = State.WITHDRAWN
    request.save(update_fields=["state"])
    _close(request, cancelled=True)
    audit_record(action="sharing.request.withdraw", obj=request, changes={"state": [State.SUBMITTED, State.WITHDRAWN]})
    return request


@case_service
def grant_revoke(*, grant: Grant, by, reason: str) -> Grant:
    """撤销授权: from the next call on, the exchange refuses it."""
    if not works_in(by, grant.resource.provider_id):
        raise guards.denied(SHARE_REQUEST, by, grant.request, "revoke", errors.NOT_PROVIDER)
    grant = Grant.objects.select_for_update().get(pk=grant.pk)
    if grant.state == Grant.State.REVOKED:
        raise refuse(errors.GRANT_REVOKED)
    reason = (reason or "").strip()
    if not reason:
        raise refuse_on("reason", errors.REVOKE_REASON_REQUIRED)
    grant.state, grant.revoked_at, grant.revoked_by = Grant.State.REVOKED, timezone.now(), by
    grant.revoke_reason = reason[:300]
    grant.save(update_fields=["state", "revoked_at", "revoked_by", "revoke_reason"])
    audit_record(action="sharing.grant.revoke", obj=grant, changes={"reason": [None, grant.revoke_reason]})
    return grant
