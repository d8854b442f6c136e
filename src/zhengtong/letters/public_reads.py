"""What the public letter pages read: the published list a page at a time, and one published letter with its
public handling record. Masked copies only: the writer's own text and contact never leave the database.

The two busiest public pages, so each is one plain SQL statement (as the hall's queue, approvals/queue.py). At 1M
letters the letter page's two ORM queries took 1.65 ms, the list page's 1.6 ms and its SQL here 0.9 ms (the speed
target, issue 6: p95 <= 2x a one-query view; benchmarks/letters_bench.py, decision 0009).
"""

from __future__ import annotations

import datetime as dt
import functools
from html import escape
from typing import NamedTuple

from django.db import connection
from django.utils import timezone
from django.utils.translation import get_language

from zhengtong.core.reverse import reverse_once
from zhengtong.core.sql import aware, day, local_dates_sql
from zhengtong.core.timefmt import local_minute
from zhengtong.org.models import Department

from . import counts
from .counts import PAGE_SIZE
from .models import Event, Kind, Letter


def _tables() -> dict[str, str]:
    return {"letter": Letter._meta.db_table, "event": Event._meta.db_table, "dept": Department._meta.db_table}


@functools.lru_cache(maxsize=8)
def _kind_labels(language: str) -> dict[str, str]:
    return {value: str(label) for value, label in Kind.choices}


def kind_labels() -> dict[str, str]:
    """Each kind's label in the active language, translated once per language in a process."""
    return _kind_labels(get_language() or "")


class PublicRow(NamedTuple):
    number: str
    title: str
    kind: str
    department: str
    received: str
    replied: str
    url: str  # the letter's public page

    def __html__(self) -> str:
        """The row of the list's table (letters/_published.html), every cell escaped here: markupsafe's escape,
        which Jinja2 calls for each value, builds a Markup (0.44 µs a title against the standard library's
        0.21), and the 20 rows' fragment took 128 µs so against 81 now (decision 0013)."""
        number, title, kind, department, received, replied, url = map(escape, self)
        return (
            f'<tr><td>{number}</td><td><a href="{url}">{title}</a></td><td>{kind}</td><td>{department}</td>'
            f"<td>{received}</td><td>{replied}</td></tr>\n"
        )


class PublishedRows:
    """The public list, newest published first, for core.paging's paginator: its count is cached (counts.py), and a
    slice is one statement that takes the page from the list's covering index (models: letter_public_list) and
    only then reads the 20 rows' department names (joined before the OFFSET, every skipped row was joined too).
    Each name is a subquery by key, not a join: the join's hash table and the sort of its result after it cost
    the statement 50-70 µs more in a request (decision 0012).
    Pages 2 to ANCHOR_PAGES (every page offered) start from their first row's cached key instead of an OFFSET;
    page 1 needs neither and is read live, so a letter just published leads it whatever the cache holds.

    The page size is written into the statement, not bound: with a bound LIMIT, PostgreSQL either plans the
    prepared statement again on every run or keeps a generic plan that does not know the page is 20 rows (its
    join then ran in 0.27 ms instead of 0.08). The statement took 0.63 ms p50 so, and 0.45 with the literal."""

    def __init__(self, kind: str = ""):
        self.kind = kind
        self._figures = None

    def _published(self) -> counts.Published:
        if self._figures is None:
            self._figures = counts.published(self.kind)
        return self._figures

    def count(self) -> int:
        return self._published().count

    bounded_count = count  # already counted up to CAP + 1 (core.paging.BoundedPaginator)

    def __getitem__(self, window: slice) -> list[PublicRow]:
        where, params = ("AND kind = %s", [self.kind]) if self.kind else ("", [])
        page, off_grid = divmod(window.start, PAGE_SIZE)
        starts = self._published().starts
        if not off_grid and 0 < page < len(starts):  # page 1 is read live: a letter just published leads it
            at, pk = starts[page]
            where += " AND (published_at, id) <= (%s, %s)"
            params += [connection.ops.adapt_datetimefield_value(at), pk]
            window_sql = f"LIMIT {int(window.stop - window.start)}"
        else:
            window_sql, params = f"LIMIT {int(window.stop - window.start)} OFFSET %s", [*params, window.start]
        (received, replied), dates_params = local_dates_sql("l.received_at", "l.replied_at")
        sql = (
            f"SELECT l.number, l.public_title, l.kind, (SELECT d.name FROM {{dept}} d WHERE d.id = l.department_id), "
            f"{received}, {replied} FROM "
            "(SELECT id, number, public_title, kind, department_id, received_at, replied_at, published_at "
            "FROM {letter} "
            f"WHERE published_at IS NOT NULL {where} ORDER BY published_at DESC, id DESC {window_sql}) l "
            "ORDER BY l.published_at DESC, l.id DESC"
        ).format(**_tables())
        with connection.cursor() as cursor:
            cursor.execute(sql, [*dates_params, *params])
            rows = cursor.fetchall()
        labels = kind_labels()
        return [
            PublicRow(
                number,
                title,
                labels[kind],
                department or "—",
                day(received),
                day(replied),
                reverse_once("letters:letter", number),
            )
            for number, title, kind, department, received, replied in rows
        ]


class PublicLetter(NamedTuple):
    pk: int
    number: str
    title: str
    kind: str
    received: str
    accepted: str
    department: str
    replied: str
    content: str
    reply: str


class PublicEvent(NamedTuple):
    at: str  # local time, to the minute
    iso: str
    label: str
    department: str  # the name, or "" when the label already says it or there is none


def _event(at, label: str, department: str | None) -> PublicEvent:
    at = aware(at)
    return PublicEvent(
        local_minute(at),
        timezone.localtime(at).isoformat(),
        label,
        department if department and department not in label else "",
    )


def public_case(number: str) -> tuple[PublicLetter, list[PublicEvent]] | None:
    """A published letter and its public record in order, one row per record row (the letter's columns repeat:
    a few kilobytes, cheaper than a second round trip)."""
    (received, accepted, replied), dates_params = local_dates_sql("l.received_at", "l.accepted_at", "l.replied_at")
    sql = (
        f"SELECT l.id, l.number, l.public_title, l.kind, {received}, {accepted}, ld.name, {replied}, "
        "l.public_content, l.public_reply, e.at, e.label, ed.name FROM {letter} l "
        "LEFT JOIN {dept} ld ON ld.id = l.department_id "
        "LEFT JOIN {event} e ON e.letter_id = l.id AND e.public = %s LEFT JOIN {dept} ed ON ed.id = e.department_id "
        "WHERE l.number = %s AND l.published_at IS NOT NULL ORDER BY e.at, e.id"
    ).format(**_tables())
    with connection.cursor() as cursor:
        cursor.execute(sql, [*dates_params, True, number])
        rows = cursor.fetchall()
    if not rows:
        return None
    pk, number, title, kind, received, accepted, department, replied, content, reply = rows[0][:10]
    letter = PublicLetter(
        pk,
        number,
        title,
        Kind(kind).label,
        day(received),
        day(accepted),
        department or "—",
        day(replied),
        content,
        reply,
    )
    return letter, [_event(at, label, name) for *_letter, at, label, name in rows if at is not None]


def public_events(letter) -> list[PublicEvent]:
    """The public rows of a letter's record, for the writer's own views of it (status lookup, 我的信件)."""
    rows = (
        Event.objects.filter(letter_id=letter.pk, public=True)
        .order_by("at", "pk")
        .values_list("at", "label", "department__name")
    )
    return [_event(at, label, department) for at, label, department in rows]


class LatestReply(NamedTuple):
    number: str
    title: str
    published_on: dt.date


def latest_replies(limit: int = 6) -> list[LatestReply]:
    """最新答复 for the home page: the newest published letters, read in the public list's order and index."""
    rows = (
        Letter.objects.filter(published_at__isnull=False)
        .order_by("-published_at", "-id")
        .values_list("number", "public_title", "published_at")[:limit]
    )
    return [LatestReply(number, title, timezone.localdate(at)) for number, title, at in rows]
