from __future__ import annotations

import hashlib
import hmac

from django.core.cache import cache
from django.db import transaction
from django.db.models import Q, QuerySet

from zhengtong.audit.services import audit_record
from zhengtong.core.errors import InvalidInput, PermissionDenied

from . import errors
from .models import Application, Branch, ServiceItem, Status
from .services.common import query_hash

QUERY_ATTEMPTS_PER_HOUR = 10


def published_items() -> QuerySet[ServiceItem]:
    return ServiceItem.objects.filter(published=True).select_related("lead_department")


def status_lookup(*, receipt_no: str, code: str, ip: str | None) -> Application:
    """Anyone with the receipt number and query code sees the application's stages, without logging in.
    Wrong codes are audited and throttled per receipt number and per IP (a 6-digit code must not be guessable)."""
    receipt_no, code = (receipt_no or "").strip().upper(), (code or "").strip()
    # Hashed: a receipt number or address typed by anyone must not become a raw cache key.
    keys = ["zt:query:" + hashlib.sha256(f"{kind}:{value}".encode()).hexdigest() for kind, value in (("r", receipt_no), ("ip", ip))]
    if any((cache.get(k) or 0) >= QUERY_ATTEMPTS_PER_HOUR for k in keys):
        c, m = errors.QUERY_THROTTLED
        raise PermissionDenied(m, code=c)
    application = (Application.objects.select_related("item", "lead_department").filter(receipt_no=receipt_no).first()
                   if receipt_no else None)
    if application is None or not hmac.compare_digest(application.query_hash, query_hash(receipt_no, code)):
        for k in keys:
            cache.add(k, 0, 3600)
            cache.incr(k)
        with transaction.atomic():
            audit_record(action="approvals.status.denied", object_type="approvals.application", object_id=receipt_no[:64])
        c, m = errors.QUERY_FAILED
        raise InvalidInput(m, code=c)
    return application


def my_applications(user) -> QuerySet[Application]:
    return Application.objects.filter(applicant=user).select_related("item").order_by("-received_at")


def staff_queue(user, departments) -> dict:
    """What waits for this user's departments: acceptance and decisions (as lead), reviews (as a branch)."""
    paths = [d.path for d in departments]
    in_departments = Q()
    for path in paths:
        in_departments |= Q(lead_department__path__startswith=path)
    branch_q = Q()
    for path in paths:
        branch_q |= Q(department__path__startswith=path)
    lead = Application.objects.filter(in_departments).select_related("item")
    return {
        "accept": lead.filter(status__in=[Status.SUBMITTED]).order_by("received_at")[:100] if paths else [],
        "reviews": (Branch.objects.filter(branch_q, state=Branch.State.PENDING, application__status=Status.REVIEWING)
                    .select_related("application__item", "department").order_by("application__received_at")[:100]) if paths else [],
        "decide": lead.filter(status=Status.JOINING).order_by("received_at")[:100] if paths else [],
        "deliver": lead.filter(status=Status.CONCLUDED).order_by("concluded_at")[:100] if paths else [],
        "correction": lead.filter(status=Status.CORRECTION).order_by("received_at")[:100] if paths else [],
    }
