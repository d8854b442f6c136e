"""A clerk's queue: what waits for the departments he works in (org/access.workplaces: his own, and the bureau
above an office of his), oldest first: what he may act on and nothing else.

The busiest staff page, so it is plain SQL instead of eleven ORM queries: every section's first QUEUE_ROWS in
one UNION ALL, and every count in another. Each arm is a range scan of the queue index of its table (application_queue,
branch_queue); benchmarks/hall_bench.py measures the page at 1,000,000 applications.
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from django.db import connection

from zhengtong.core.sql import aware
from zhengtong.core.timefmt import local_minute
from zhengtong.org.access import workplaces
from zhengtong.org.models import Department

from .models import Application, Branch, ServiceItem, Status

QUEUE_ROWS = 20
COUNT_CAP = 1000  # a section's count stops past it ("1000+"), as site search's does (decision 0011)

# Sections a lead department works through, in page order after acceptance.
LEAD_SECTIONS = {
    "accept": Status.SUBMITTED,
    "decide": Status.JOINING,
    "deliver": Status.CONCLUDED,
    "correction": Status.CORRECTION,
}
SECTIONS = ("accept", "reviews", "decide", "deliver", "correction")


class Row(NamedTuple):
    id: int
    receipt_no: str
    item_name: str
    applicant_name: str
    received_at: dt.datetime
    department_name: str  # the reviewing department (reviews only)
    is_lead: bool

    @property
    def received(self) -> str:
        """Local time to the minute: a hundred rows through the template's date filter cost more than the queries."""
        return local_minute(self.received_at)


class Section(NamedTuple):
    rows: list[Row]
    count: int  # at most COUNT_CAP
    capped: bool = False  # more than COUNT_CAP wait


def _tables() -> dict[str, str]:
    return {
        "app": Application._meta.db_table,
        "branch": Branch._meta.db_table,
        "item": ServiceItem._meta.db_table,
        "dept": Department._meta.db_table,
    }


def _rows_sql(marks: str) -> str:
    lead_arm = (
        "SELECT * FROM (SELECT %s AS section, a.id, a.receipt_no, i.name, a.applicant_name, a.received_at, "
        "'' AS department, FALSE AS is_lead FROM {app} a JOIN {item} i ON i.id = a.item_id "
        f"WHERE a.lead_department_id IN ({marks}) AND a.status = %s ORDER BY a.received_at LIMIT {QUEUE_ROWS}) q"
    )
    review_arm = (
        "SELECT * FROM (SELECT 'reviews' AS section, a.id, a.receipt_no, i.name, a.applicant_name, b.received_at, "
        "d.name AS department, b.is_lead FROM {branch} b JOIN {app} a ON a.id = b.application_id "
        "JOIN {item} i ON i.id = a.item_id JOIN {dept} d ON d.id = b.department_id "
        f"WHERE b.department_id IN ({marks}) AND b.state = %s ORDER BY b.received_at LIMIT {QUEUE_ROWS}) r"
    )
    arms = [f"{lead_arm}{n}" for n in range(len(LEAD_SECTIONS))] + [review_arm]
    return " UNION ALL ".join(arms).format(**_tables())


def _counts_sql(marks: str) -> str:
    """A count per section up to COUNT_CAP + 1, each its own index-only range scan stopped by its LIMIT. One GROUP
    BY over the statuses hashed every row instead (decision 0009); an uncapped count read every waiting row, 1.9 ms
    for a clerk with 14,000 (decision 0011)."""
    limit = COUNT_CAP + 1
    lead_arm = (
        f"SELECT %s, COUNT(*) FROM (SELECT 1 FROM {{app}} a WHERE a.lead_department_id IN ({marks}) "
        f"AND a.status = %s LIMIT {limit}) a"
    )
    review_arm = (
        f"SELECT 'reviews', COUNT(*) FROM (SELECT 1 FROM {{branch}} b WHERE b.department_id IN ({marks}) "
        f"AND b.state = %s LIMIT {limit}) b"
    )
    return " UNION ALL ".join([lead_arm] * len(LEAD_SECTIONS) + [review_arm]).format(**_tables())


def staff_queue(user) -> dict[str, Section]:
    """Every section with its first QUEUE_ROWS rows, oldest first, and its count up to COUNT_CAP."""
    ids = sorted(workplaces(user))
    if not ids:
        return {key: Section([], 0) for key in SECTIONS}
    marks = ", ".join(["%s"] * len(ids))
    params: list = []  # both statements take the sections in the same order and shape
    for key, status in LEAD_SECTIONS.items():
        params += [key, *ids, status.value]
    params += [*ids, Branch.State.PENDING.value]
    rows: dict[str, list[Row]] = {key: [] for key in SECTIONS}
    with connection.cursor() as cursor:
        cursor.execute(_rows_sql(marks), params)
        for section, pk, receipt_no, item_name, applicant, received_at, department, is_lead in cursor.fetchall():
            rows[section].append(
                Row(pk, receipt_no, item_name, applicant, aware(received_at), department, bool(is_lead))
            )
        cursor.execute(_counts_sql(marks), params)
        counts = dict(cursor.fetchall())
    return {key: Section(rows[key], min(counts[key], COUNT_CAP), counts[key] > COUNT_CAP) for key in SECTIONS}
