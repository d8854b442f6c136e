from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import NamedTuple

from django.db import connection
from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from zhengtong.accounts.models import User
from zhengtong.core.labels import choice_label
from zhengtong.core.sql import aware, blanks
from zhengtong.org.access import government_of, heads
from zhengtong.org.models import Department
from zhengtong.supervision.models import Clock
from zhengtong.supervision.selectors import CaseDeadline, deadline_of, running_limits_sql

from .case import APPLICATION
from .models import Application, Decision, Event, ItemType, ServiceItem, Status


def published_items() -> QuerySet[ServiceItem]:
    return ServiceItem.objects.filter(published=True).select_related("lead_department")


# The catalogue's audiences (the page's and the API's `audience`) and the guide's "面向" flags.
AUDIENCE_FLAGS = {"citizen": "for_citizens", "legal": "for_legal_persons", "investor": "for_investors"}
POPULAR_DAYS = 90


def for_audience(items: QuerySet[ServiceItem], audience: str | None) -> QuerySet[ServiceItem]:
    """The services meant for `audience`; every service for an audience without a flag (or none)."""
    flag = AUDIENCE_FLAGS.get(audience or "")
    return items.filter(**{flag: True}) if flag else items


def popular_items(*, audience: str = "", limit: int = 8) -> list[ServiceItem]:
    """热门服务: the published online services most applied for in the last POPULAR_DAYS days, for the audience.
    A count over three months of applications: the portal caches it (views.home)."""
    since = timezone.now() - dt.timedelta(days=POPULAR_DAYS)
    items = for_audience(ServiceItem.objects.filter(published=True, online=True), audience)
    recent = Count("applications", filter=Q(applications__received_at__gte=since))
    return list(items.annotate(recent=recent).order_by("-recent", "name").only("code", "name")[:limit])


class Named(NamedTuple):
    name: str


class PublicEvent(NamedTuple):
    at: dt.datetime
    action: str
    label: str
    department: Named | None
    note: str


@dataclass(frozen=True)
class PublicStatus:
    """What anyone with the receipt number and query code sees. Read in one statement: this is the hall's
    busiest public page (benchmarks/hall_bench.py). Its attributes are those of Application that the summary
    and timeline templates read, so the status page shares them with the applicant's and the clerk's pages."""

    pk: int
    receipt_no: str
    query_hash: str
    status: str
    received_at: dt.datetime
    decision: str
    decision_reason: str
    result_doc_no: str
    certificate_no: str
    concluded_at: dt.datetime | None
    delivered_at: dt.datetime | None
    item: Named
    lead_department: Named
    events: tuple[PublicEvent, ...]
    deadline: CaseDeadline | None  # supervision's rule over its running limits, read with it

    def get_status_display(self) -> str:
        return choice_label(Application, "status", self.status)

    def get_decision_display(self) -> str:
        return choice_label(Application, "decision", self.decision) if self.decision else ""


# A status row's columns after its part (public_application reads them in order): the case's, then a stage's
_STATUS_ROW = (
    "a.receipt_no", "a.query_hash", "a.status", "a.received_at", "a.decision", "a.decision_reason",
    "a.result_doc_no", "a.certificate_no", "a.concluded_at", "a.delivered_at", "i.name", "lead.name",
    "e.id AS event_id", "e.at AS event_at", "e.action", "e.label", "ed.name", "e.note", "a.id",
)  # fmt: skip


def _public_status_sql() -> str:
    """The status page's one statement: the application joined to its item, lead department and stages, a row a
    stage ("case"), then its running limits, a row each ("limit")."""
    tables = {
        "app": Application._meta.db_table,
        "item": ServiceItem._meta.db_table,
        "event": Event._meta.db_table,
        "dept": Department._meta.db_table,
    }
    case = (
        f"SELECT 'case' AS part, {', '.join(_STATUS_ROW)}, NULL AS due_at, NULL AS paused_since, NULL AS whole "
        "FROM {app} a JOIN {item} i ON i.id = a.item_id JOIN {dept} lead ON lead.id = a.lead_department_id "
        "LEFT JOIN {event} e ON e.application_id = a.id LEFT JOIN {dept} ed ON ed.id = e.department_id "
        "WHERE a.receipt_no = %s"
    ).format(**tables)
    limits = running_limits_sql(f"(SELECT CAST(s.id AS VARCHAR(64)) FROM {tables['app']} s WHERE s.receipt_no = %s)")
    return f"{case} UNION ALL SELECT 'limit', {blanks(_STATUS_ROW)}, l.* FROM ({limits}) l ORDER BY event_at, event_id"


def public_application(receipt_no: str) -> PublicStatus | None:
    """The application with its item, lead department, every stage and its running limit: one statement."""
    with connection.cursor() as cursor:
        cursor.execute(_public_status_sql(), [receipt_no, APPLICATION.subject, receipt_no, False])
        rows = cursor.fetchall()
    width = 1 + len(_STATUS_ROW)
    stages = [row[1:width] for row in rows if row[0] == "case"]
    if not stages:
        return None
    first = stages[0]
    events = tuple(
        PublicEvent(aware(at), action, label, Named(dept) if dept else None, note)
        for _a, _h, _s, _r, _d, _dr, _doc, _c, _ca, _da, _i, _l, event_id, at, action, label, dept, note, _pk in stages
        if event_id is not None
    )
    return PublicStatus(
        pk=first[18],
        receipt_no=first[0],
        query_hash=first[1],
        status=first[2],
        received_at=aware(first[3]),
        decision=first[4],
        decision_reason=first[5],
        result_doc_no=first[6],
        certificate_no=first[7],
        concluded_at=aware(first[8]),
        delivered_at=aware(first[9]),
        item=Named(first[10]),
        lead_department=Named(first[11]),
        events=events,
        deadline=deadline_of([row[width:] for row in rows if row[0] == "limit"]),
    )


def my_applications(user) -> QuerySet[Application]:
    return Application.objects.filter(applicant=user).select_related("item").order_by("-received_at")


def extension_unit(application: Application):
    """Whose head approves an extension (行政许可法 第四十二条): the lead department's ("本行政机关负责人", +10
    days), or for joint or unified handling the people's government's it belongs to ("本级人民政府负责人",
    +15 days)."""
    if application.item.co_departments.exists():
        return government_of(application.lead_department)
    return application.lead_department


def extension_approvers(application: Application, unit=None):
    """The heads who may approve its extension; `unit`: extension_unit's answer, where the caller has read it."""
    unit = unit or extension_unit(application)
    return heads(unit) if unit is not None else User.objects.none()


def licensing_decisions(start, end, department) -> int:
    """行政许可 decisions (准予 or 不予) made in [start, end) on licensing items by the department or a unit below it,
    即办件 included (decided at acceptance): the annual disclosure report's 第二十条第（五）项."""
    return Application.objects.filter(
        item__item_type=ItemType.LICENSING,
        decision__in=[Decision.GRANTED, Decision.DENIED],
        concluded_at__gte=start,
        concluded_at__lt=end,
        lead_department__path__startswith=department.path,
    ).count()


def overdue_for_acceptance(now=None) -> list[int]:
    """Applications still waiting for acceptance whose running acceptance limit has passed (a limit paused for
    correction does not run)."""
    ids = Clock.objects.filter(
        subject_type=APPLICATION.subject,
        stage="accept",
        stopped_at__isnull=True,
        paused_since__isnull=True,
        due_at__lte=now or timezone.now(),
    ).values_list("subject_id", flat=True)
    return list(
        Application.objects.filter(pk__in=[int(i) for i in ids], status=Status.SUBMITTED).values_list("pk", flat=True)
    )
