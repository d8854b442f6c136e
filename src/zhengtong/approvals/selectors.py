from __future__ import annotations

import hashlib
import hmac

from django.core.cache import cache
from django.db import transaction
from django.db.models import Count, Q, QuerySet

from zhengtong.audit.services import audit_record
from zhengtong.core.errors import InvalidInput, PermissionDenied

from . import errors
from zhengtong.org.models import Department

from .models import Application, Branch, ServiceItem, Status
from .services.common import query_hash

QUERY_ATTEMPTS_PER_HOUR = 10
QUEUE_ROWS = 20


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
    application = (public_application(receipt_no) if receipt_no else None)
    if application is None or not hmac.compare_digest(application.query_hash, query_hash(receipt_no, code)):
        for k in keys:
            cache.add(k, 0, 3600)
            cache.incr(k)
        with transaction.atomic():
            audit_record(action="approvals.status.denied", object_type="approvals.application", object_id=receipt_no[:64])
        c, m = errors.QUERY_FAILED
        raise InvalidInput(m, code=c)
    return application


PUBLIC_FIELDS = ("receipt_no", "query_hash", "status", "received_at", "decision", "decision_reason", "result_doc_no",
                 "certificate_no", "item__name", "lead_department__name")


def public_application(receipt_no: str) -> Application | None:
    """One indexed lookup, only the columns the status page shows (the guide's long texts are not read)."""
    return (Application.objects.select_related("item", "lead_department").only(*PUBLIC_FIELDS)
            .filter(receipt_no=receipt_no).order_by().first())


def public_events(application: Application):
    # application_id is read by the related manager for every row: leaving it deferred costs a query per event.
    return application.events.select_related("department").only("application", "at", "label", "note", "department__name")


def my_applications(user) -> QuerySet[Application]:
    return Application.objects.filter(applicant=user).select_related("item").order_by("-received_at")


def staff_queue(departments) -> dict:
    """What waits for these departments: acceptance and decisions (as lead), reviews (as a branch)."""
    # Resolve "my departments and their offices" to ids first, so each queue query is a plain range scan of
    # the (department, status, received_at) index instead of a join on the department tree.
    ids = set()
    for department in departments:
        ids.update(Department.objects.filter(path__startswith=department.path).values_list("pk", flat=True))
    paths = sorted(ids)
    if not paths:
        return {}
    lead = (Application.objects.filter(lead_department_id__in=ids).select_related("item")
            .only("receipt_no", "applicant_name", "received_at", "concluded_at", "status", "item__name"))
    reviews = (Branch.objects.filter(department_id__in=ids, state=Branch.State.PENDING)
               .select_related("application__item", "department")
               .only("is_lead", "department__name", "application__receipt_no", "application__applicant_name",
                     "application__received_at", "application__item__name"))
    sections = {
        "accept": lead.filter(status=Status.SUBMITTED).order_by("received_at"),
        "reviews": reviews.order_by("received_at"),
        "decide": lead.filter(status=Status.JOINING).order_by("received_at"),
        "deliver": lead.filter(status=Status.CONCLUDED).order_by("received_at"),
        "correction": lead.filter(status=Status.CORRECTION).order_by("received_at"),
    }
    # The oldest first, QUEUE_ROWS of each: a clerk works from the top; the counts say how many wait (the four
    # lead counts in one aggregate over the queue index).
    statuses = {"accept": Status.SUBMITTED, "decide": Status.JOINING, "deliver": Status.CONCLUDED, "correction": Status.CORRECTION}
    counts = Application.objects.filter(lead_department_id__in=ids, status__in=statuses.values()).aggregate(
        **{key: Count("id", filter=Q(status=value)) for key, value in statuses.items()})
    counts["reviews"] = sections["reviews"].count()
    return {key: {"rows": list(qs[:QUEUE_ROWS]), "count": counts[key]} for key, qs in sections.items()}
