"""A clerk's queue: what waits for the departments he works in (org/access.workplaces: his own, and the bureau
above an office of his), oldest first: what he may act on and nothing else.

The busiest staff page, so it is plain SQL instead of eleven ORM queries: one statement reads every section's first
QUEUE_ROWS with their cases' running limits, and every count. Each arm is a range scan of the queue index of its
table (application_queue, branch_queue); benchmarks/hall_bench.py measures the page at 1,000,000 applications.
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from django.db import connection
from django.db.models import BigIntegerField, CharField, Exists, F, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Cast
from django.utils.translation import gettext_lazy as _

from zhengtong.core.labels import choice_label
from zhengtong.core.paging import CAP, MOST_RANGES, Counted, Followed, Keys, MergedRanges, RowsOf, bounded_count
from zhengtong.core.sql import aware, blanks
from zhengtong.core.timefmt import due_text, local_minute
from zhengtong.org.access import workplaces
from zhengtong.org.models import Department
from zhengtong.supervision.models import Clock

from .case import APPLICATION
from .models import Application, Branch, ServiceItem, Status

SUBJECT = APPLICATION.subject

# The queue page is an overview: each section's ten oldest, its count and a link to the whole list (sorted by due,
# searched, paged: section_applications). Ten keep all five sections on a screen or two in 大字版 and on a phone;
# with twenty the page took 2.1-2.4x its floor (decision 0015, session 55).
QUEUE_ROWS = 10
COUNT_CAP = 1000  # a section's count stops past it ("1000+"), as site search's does (decision 0011)

# Sections a lead department works through, in page order after acceptance.
LEAD_SECTIONS = {
    "accept": Status.SUBMITTED,
    "decide": Status.JOINING,
    "deliver": Status.CONCLUDED,
    "correction": Status.CORRECTION,
}
SECTIONS = ("accept", "reviews", "decide", "deliver", "correction")
TITLES = {
    "accept": _("待受理"),
    "reviews": _("本部门审查"),
    "decide": _("待决定"),
    "deliver": _("待送达"),
    "correction": _("等待申请人补正"),
}

# The limit a section's cases wait on: the stage of the clock its step runs (services: accept at submission, a
# department's review and the whole limit at acceptance, delivery at the decision); none while the applicant
# corrects, when the acceptance limit is paused (行政许可法 第三十二条).
SECTION_STAGES = {"accept": "accept", "reviews": "review:{code}", "decide": "whole", "deliver": "deliver"}


class Row(NamedTuple):
    id: int
    receipt_no: str
    item_name: str
    applicant_name: str
    received_at: dt.datetime
    department_name: str  # the reviewing department (reviews only)
    is_lead: bool
    due_at: dt.datetime | None = None  # the soonest running limit of the clerk's own departments (with_deadlines)
    level: str = ""  # its warning level (supervision.Level)
    paused: bool = False  # every limit of the case is paused (补正)

    @property
    def due(self) -> str:
        return due_text(self.due_at)

    @property
    def level_label(self) -> str:
        return choice_label(Clock, "level", self.level) if self.level else ""

    @property
    def received(self) -> str:
        """Local time to the minute: a hundred rows through the template's date filter cost more than the queries."""
        return local_minute(self.received_at)


class Section(NamedTuple):
    rows: list[Row]
    count: int  # at most COUNT_CAP
    capped: bool = False  # more than COUNT_CAP wait
    title: str = ""


def _tables() -> dict[str, str]:
    return {
        "app": Application._meta.db_table,
        "branch": Branch._meta.db_table,
        "item": ServiceItem._meta.db_table,
        "dept": Department._meta.db_table,
    }


def _literal(value: str) -> str:
    """A section's state as a literal of its statement: a code constant, never input."""
    assert value.isidentifier(), value
    return f"'{value}'"


def _sections_sql(lead_arm: str, review_arm: str) -> str:
    """One arm per section, the lead's sections in LEAD_SECTIONS' order and then the reviews, each in the state its
    cases wait in. The states are written into the statement, not passed as parameters: with a parameter every
    arm looked alike to the planner, so PostgreSQL planned the counts afresh on every call instead of keeping
    their prepared plan (decision 0023)."""
    arms = [
        lead_arm.format(key=_literal(key), status=_literal(status.value), n=n)
        for n, (key, status) in enumerate(LEAD_SECTIONS.items())
    ]
    arms.append(review_arm.format(status=_literal(Branch.State.PENDING.value)))
    return " UNION ALL ".join(arms)


def _rows_sql(marks: str, departments: int) -> str:
    """The lead's sections' first QUEUE_ROWS cases; the reviews' first QUEUE_ROWS branches of each of his
    departments' (a case asked of two of them is two branches: staff_queue makes them one row)."""
    t = _tables()
    lead_arm = (
        f"SELECT * FROM (SELECT {{key}} AS section, a.id, a.receipt_no, i.name, a.applicant_name, a.received_at, "
        f"'' AS department, FALSE AS is_lead, 0 AS branch FROM {t['app']} a JOIN {t['item']} i ON i.id = a.item_id "
        f"WHERE a.lead_department_id IN ({marks}) AND a.status = {{status}} ORDER BY a.received_at "
        f"LIMIT {QUEUE_ROWS}) q{{n}}"
    )
    review_arm = (
        f"SELECT * FROM (SELECT 'reviews' AS section, a.id, a.receipt_no, i.name, a.applicant_name, b.received_at, "
        f"d.name AS department, b.is_lead, b.id FROM {t['branch']} b JOIN {t['app']} a ON a.id = b.application_id "
        f"JOIN {t['item']} i ON i.id = a.item_id JOIN {t['dept']} d ON d.id = b.department_id "
        f"WHERE b.department_id IN ({marks}) AND b.state = {{status}} ORDER BY b.received_at "
        f"LIMIT {QUEUE_ROWS * departments}) r"
    )
    return _sections_sql(lead_arm, review_arm)


def _counts_sql(marks: str, departments: int) -> str:
    """A count per section up to COUNT_CAP + 1, each its own index-only range scan stopped by its LIMIT. One GROUP
    BY over the statuses hashed every row instead (decision 0009); an uncapped count read every waiting row, 1.9 ms
    for a clerk with 14,000 (decision 0011). The reviews count cases, not branches: each department's range, so
    stopped, and their UNION, where a case asked of two of his departments is one (a department's branches are
    each of another case: branch_unique); past the cap, one range alone holds more than it."""
    t, limit = _tables(), COUNT_CAP + 1
    lead_arm = (
        f"SELECT {{key}} AS section, COUNT(*) AS waiting FROM (SELECT 1 FROM {t['app']} a "
        f"WHERE a.lead_department_id IN ({marks}) AND a.status = {{status}} LIMIT {limit}) a{{n}}"
    )
    if departments > MOST_RANGES:  # SQLite takes at most 500 SELECTs in one compound statement (waiting_in_order)
        ranges = (
            f"SELECT * FROM (SELECT DISTINCT b.application_id FROM {t['branch']} b WHERE b.department_id IN ({marks}) "
            f"AND b.state = {{status}} LIMIT {limit}) b"
        )
    else:
        ranges = " UNION ".join(
            f"SELECT * FROM (SELECT b.application_id FROM {t['branch']} b WHERE b.department_id = %s "
            f"AND b.state = {{status}} LIMIT {limit}) b{n}"
            for n in range(departments)
        )
    review_arm = f"SELECT 'reviews', COUNT(*) FROM ({ranges}) b"
    return _sections_sql(lead_arm, review_arm)


# A case row's columns in the queue page's statement, after its section and count (staff_queue reads them in order)
_HEAD_ROW = (
    "h.id", "h.receipt_no", "h.name", "h.applicant_name", "h.received_at", "h.department", "h.is_lead", "h.branch",
    "c.id", "c.department_id", "c.due_at", "c.level", "c.paused_since", "c.stage",
)  # fmt: skip


def _head_sql(marks: str, departments: int) -> str:
    """The queue page's one statement: the sections' first rows (_rows_sql), each once for every running limit of
    its case (none: once, the limit's columns empty), then a row per section holding its count (_counts_sql) in
    `waiting`, empty for the rows. Rows, counts and the rows' limits were three statements, a round trip each."""
    clock = Clock._meta.db_table
    return (
        f"SELECT h.section, NULL AS waiting, {', '.join(_HEAD_ROW)} "
        f"FROM ({_rows_sql(marks, departments)}) h LEFT JOIN {clock} c ON c.subject_type = %s "
        f"AND c.subject_id = CAST(h.id AS VARCHAR(64)) AND c.stopped_at IS NULL "
        f"UNION ALL SELECT n.section, n.waiting, {blanks(_HEAD_ROW)} "
        f"FROM ({_counts_sql(marks, departments)}) n"
    )


def staff_queue(user) -> dict[str, Section]:
    """Every section with its first QUEUE_ROWS rows, oldest first, and its count up to COUNT_CAP."""
    ids = sorted(workplaces(user))
    if not ids:
        return {key: Section([], 0, title=str(TITLES[key])) for key in SECTIONS}
    marks = ", ".join(["%s"] * len(ids))
    params = ids * len(SECTIONS)  # the rows' and the counts': each section's arm takes the departments
    rows: dict[str, dict[tuple, tuple]] = {key: {} for key in SECTIONS}  # a branch's once, whatever its limits
    limits: dict[str, dict[int, Limit]] = {}
    counts: dict[str, int] = {}
    mine = set(ids)
    with connection.cursor() as cursor:
        cursor.execute(_head_sql(marks, len(ids)), [*params, SUBJECT, *params])
        for (
            section,
            waiting,
            pk,
            receipt_no,
            item_name,
            applicant,
            received_at,
            department,
            is_lead,
            branch,
            *clock,
        ) in cursor.fetchall():
            if pk is None:
                counts[section] = waiting
                continue
            # by branch, not by department name: two of his departments may share one (each bureau's 办公室)
            row = Row(pk, receipt_no, item_name, applicant, aware(received_at), department, bool(is_lead))
            rows[section].setdefault((pk, branch), (row.received_at, pk, branch, row))
            clock_id, *limit = clock
            if clock_id is not None:
                limits.setdefault(str(pk), {})[clock_id] = _limit(*limit, mine=mine)
    # in the order each arm read them (a join keeps no order it is not asked for); a review's branches are the case's
    ordered = {key: [row for *_order, row in sorted(rows[key].values())] for key in SECTIONS}
    ordered["reviews"] = _one_row_a_case(ordered["reviews"])
    return {
        key: Section(
            _dated(ordered[key], limits, key), min(counts[key], COUNT_CAP), counts[key] > COUNT_CAP, str(TITLES[key])
        )
        for key in SECTIONS
    }


def _one_row_a_case(branches: list[Row]) -> list[Row]:
    """The first QUEUE_ROWS cases of the reviews: a case asked of several of his departments once, naming each
    of them, the lead's mark if one of them leads."""
    cases: dict[int, Row] = {}
    for row in branches:
        first = cases.get(row.id)
        if first is None:
            cases[row.id] = row
        else:
            named = f"{first.department_name}、{row.department_name}"
            cases[row.id] = first._replace(department_name=named, is_lead=first.is_lead or row.is_lead)
    return list(cases.values())[:QUEUE_ROWS]


def with_deadlines(rows: list[Row], department_ids, section: str = "") -> list[Row]:
    """A section's page of rows (section_applications) with their limits (_dated): one indexed read for the page's
    rows (clock_subject), in plain SQL as the rows are. The queue page reads its rows' limits with them."""
    if not rows:
        return rows
    subjects = sorted({str(r.id) for r in rows})
    # Padded to a multiple of QUEUE_ROWS: each length of the IN list is a statement of its own, and psycopg keeps a
    # connection's hundred most used prepared (settings: ZT_DB_PREPARE); five lengths instead of a hundred.
    subjects += subjects[-1:] * (-len(subjects) % QUEUE_ROWS)
    limits: dict[str, dict[int, Limit]] = {}
    mine = set(department_ids)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT id, subject_id, department_id, due_at, level, paused_since, stage FROM {Clock._meta.db_table} "
            f"WHERE subject_type = %s AND subject_id IN ({', '.join(['%s'] * len(subjects))}) "
            "AND stopped_at IS NULL",
            [SUBJECT, *subjects],
        )
        for clock_id, subject_id, *limit in cursor.fetchall():
            limits.setdefault(subject_id, {})[clock_id] = _limit(*limit, mine=mine)
    return _dated(rows, limits, section)


class Limit(NamedTuple):
    """A running clock of a case as a queue row weighs it."""

    own: bool  # of one of the clerk's departments
    due_at: dt.datetime
    level: str
    paused: bool
    stage: str


def _limit(department_id, due_at, level, paused_since, stage, *, mine) -> Limit:
    return Limit(department_id in mine, aware(due_at), level, paused_since is not None, stage)


def _dated(rows: list[Row], limits: dict[str, dict[int, Limit]], section: str) -> list[Row]:
    """Each row of a section with the limit that matters to this clerk, of its case's running limits (`limits`,
    by case and clock): his own departments' for the step the section waits on (SECTION_STAGES; what the section
    is sorted by), else the soonest of his departments', else of the case; paused when every limit of the case is."""
    step = SECTION_STAGES.get(section, "")
    out = []
    for row in rows:
        found = list(limits.get(str(row.id), {}).values())
        going = [c for c in found if not c.paused]
        ours = [c for c in going if c.own]
        waited = [c for c in ours if step and _is_stage(c.stage, step)]
        chosen = waited or ours or going
        if chosen:
            soonest = min(chosen, key=lambda c: c.due_at)
            out.append(row._replace(due_at=soonest.due_at, level=soonest.level))
        else:
            out.append(row._replace(paused=bool(found)))
    return out


def _is_stage(stage: str, step: str) -> bool:
    """Whether a clock's stage is a section's step (SECTION_STAGES: a department's review is one per department)."""
    if "{code}" in step:
        return stage.startswith(step.split("{")[0])
    return stage == step


def section_applications(user, section: str, *, q: str = "", sort: str = "received"):
    """Every case of a section (the queue page shows the first QUEUE_ROWS), for the departments the clerk works
    in, matching `q` (a receipt number or the applicant's name), oldest first or soonest due first: by the
    running limit of the step the section waits on, of his departments (the one each row shows, with_deadlines),
    then the cases whose limit is paused or not running, oldest first. A page reads only its own rows oldest first
    (`waiting_in_order`). By due, a section of at most CAP cases is sorted whole, each case's limit looked up
    (`_sorted_whole`); a bigger one is read from its step's running limits in due order (`_walked`): sorting a
    50,000-case section whole took 0.5 s a page on PostgreSQL. Either way the cost is bounded by CAP, but for
    待决定 over CAP cases: the whole limit also runs while a case is reviewed, so the walk passes those cases."""
    ids = sorted(workplaces(user))
    in_order = waiting_in_order(section, ids, q)
    steps = _waiting_steps(section, ids) if sort == "due" else None
    if steps is None:  # oldest first, or no limit runs while the section waits (补正): by due is oldest first
        return RowsOf(_as_listed(Application.objects.all()), in_order)
    if len(ids) > MOST_RANGES:  # SQLite takes at most 500 SELECTs in one compound statement: one list
        return _sorted_whole(section, ids, q, steps)
    counted = bounded_count(in_order)
    if counted <= CAP:
        return Counted(_sorted_whole(section, ids, q, steps), counted)
    return RowsOf(_as_listed(Application.objects.all()), _walked(section, ids, q, steps, counted))


def _waiting_steps(section: str, department_ids) -> QuerySet[Clock] | None:
    """His departments' running limits of the step a section waits on (SECTION_STAGES), or None for a section
    that waits on none."""
    stage = SECTION_STAGES.get(section)
    if stage is None or not department_ids:
        return None
    if "{code}" in stage:
        codes = Department.objects.filter(pk__in=department_ids).values_list("code", flat=True)
        stages = [stage.format(code=code) for code in codes]
    else:
        stages = [stage]
    return Clock.objects.filter(
        subject_type=SUBJECT,
        department_id__in=department_ids,
        stage__in=stages,
        stopped_at__isnull=True,
        paused_since__isnull=True,
    )


# A section by due: soonest limit first, among equal ones the earlier started, then the limit's id; the cases no
# such limit runs for after them, oldest first.
BY_DUE = ("due_at", "started_at", "id")


def _sorted_whole(section: str, department_ids, q: str, steps: QuerySet[Clock]) -> QuerySet[Application]:
    """The section with each case's soonest limit of the step looked up, sorted whole (at most CAP cases, or a
    clerk of more departments than MOST_RANGES)."""
    soonest = steps.filter(subject_id=Cast(OuterRef("pk"), CharField())).order_by(*BY_DUE)
    cases = _as_listed(_section(section, department_ids, q))
    cases = cases.annotate(
        due=Subquery(soonest.values("due_at")[:1]),
        due_started=Subquery(soonest.values("started_at")[:1]),
        due_clock=Subquery(soonest.values("pk")[:1]),
    )
    return cases.order_by(F("due").asc(nulls_last=True), "due_started", "due_clock", "received_at", "pk")


def _walked(section: str, ids, q: str, steps: QuerySet[Clock], counted: int) -> Followed:
    """Each department's running limits of the step in due order (clock_waiting), stopped where the page ends,
    then the cases none of them runs for, oldest first; `counted`: the section's bounded count, read already."""
    # Each limit's case looked up as it is read (a scalar subquery, which PostgreSQL keeps per row: as an EXISTS it
    # joined the section's every case to every limit by hash, misjudging how many match, and sorted them all).
    case = _section(section, ids, q).filter(pk=Cast(OuterRef("subject_id"), BigIntegerField()))
    ranges = [
        steps.filter(department_id=pk).alias(case=Subquery(case.values("pk")[:1])).filter(case__isnull=False)
        for pk in ids
    ]
    if len(ids) > 1:  # a case two of his departments review is listed at its sooner limit only
        sooner = steps.filter(subject_id=OuterRef("subject_id")).filter(
            Q(due_at__lt=OuterRef("due_at"))
            | Q(due_at=OuterRef("due_at"), started_at__lt=OuterRef("started_at"))
            | Q(due_at=OuterRef("due_at"), started_at=OuterRef("started_at"), pk__lt=OuterRef("pk"))
        )
        first = Subquery(sooner.values("pk")[:1])
        ranges = [limits.alias(sooner=first).filter(sooner__isnull=True) for limits in ranges]
    running = Keys(MergedRanges(ranges, BY_DUE, key="subject_id"))
    return Followed(running, waiting_in_order(section, ids, q, without=steps), count=counted)


def waiting_in_order(section: str, department_ids, q: str = "", *, without: QuerySet[Clock] | None = None):
    """The ids of a section's cases, oldest first: each department's cases are one range of the section's index
    (application_queue for the lead's sections, branch_queue for the reviews) read in that order as far as the
    page ends, as the queue page's first rows are. Read as one list over the departments, PostgreSQL and SQLite
    read every waiting case and sorted them (29 ms a page for a department's 4,084 reviews at a million
    applications). A case asked of two of his departments (an office and its bureau) is one id: a branch keeps
    its application's received time. More departments than MOST_RANGES are one list, as before. `without`: leaving
    out the cases those limits are of (by due, the cases none of them runs for; ranges only)."""
    if len(department_ids) > MOST_RANGES:  # SQLite takes at most 500 SELECTs in one compound statement
        return _section(section, department_ids, q).order_by("received_at", "pk").values_list("pk", flat=True)
    if section == "reviews":
        arms = [Branch.objects.filter(department_id=pk, state=Branch.State.PENDING) for pk in department_ids]
        key, through = "application_id", "application__"
    else:
        status = LEAD_SECTIONS[section]
        arms = [Application.objects.filter(lead_department_id=pk, status=status) for pk in department_ids]
        key, through = "pk", ""
    if q:
        arms = [arm.filter(_matching(q, through)) for arm in arms]
    if without is not None:
        limited = Exists(without.filter(subject_id=Cast(OuterRef(key), CharField())))
        arms = [arm.exclude(limited) for arm in arms]
    return MergedRanges(arms, ("received_at", key), key=key)


def _section(section: str, department_ids, q: str) -> QuerySet[Application]:
    """A section's cases as one queryset, in no order."""
    if section == "reviews":
        branches = Branch.objects.filter(department_id__in=department_ids, state=Branch.State.PENDING)
        cases = Application.objects.filter(pk__in=branches.values("application_id"))
    else:
        cases = Application.objects.filter(lead_department_id__in=department_ids, status=LEAD_SECTIONS[section])
    return cases.filter(_matching(q)) if q else cases


def _matching(q: str, through: str = "") -> Q:
    """A receipt number (as written, in any case) or part of the applicant's name."""
    return Q(**{f"{through}receipt_no": q.upper()}) | Q(**{f"{through}applicant_name__contains": q})


def _as_listed(applications: QuerySet[Application]) -> QuerySet[Application]:
    """The columns `as_rows` prints: a whole row decrypted the applicant's mobile and what he typed, fifty times a
    page, for nothing."""
    return applications.select_related("item").only("receipt_no", "applicant_name", "received_at", "item__name")


def as_rows(applications, department_ids, section: str = "") -> list[Row]:
    """A page of a section's full list as the queue page's rows; the reviews name which of his departments review
    each case and whether one of them leads, as the queue page does (one read for the page)."""
    reviewing: dict[int, list[tuple[str, bool]]] = {}
    if section == "reviews":
        branches = Branch.objects.filter(
            application_id__in=[a.pk for a in applications],
            department_id__in=department_ids,
            state=Branch.State.PENDING,
        ).order_by("department__path")
        for application_id, name, is_lead in branches.values_list("application_id", "department__name", "is_lead"):
            reviewing.setdefault(application_id, []).append((name, is_lead))
    rows = [
        Row(
            a.pk,
            a.receipt_no,
            a.item.name,
            a.applicant_name,
            a.received_at,
            "、".join(name for name, _lead in reviewing.get(a.pk, [])),
            any(lead for _name, lead in reviewing.get(a.pk, [])),
        )
        for a in applications
    ]
    return with_deadlines(rows, department_ids, section)
