"""Paging a list of any length: the pager's query, and a paginator whose cost does not grow with the table.

Django's paginator counts every row on every page view (a COUNT over a million published documents took longer
than the page) and reads page N with an OFFSET that walks every earlier row. A page here counts at most
`CAP` rows and offers the pages up to them: "共 1000 条以上"; reading further back is the filters' and the site
search's job, as in the clerk's queue and site search (decisions 0006, 0011, 0020). The API's lists count alike
and page on, for programs that copy a whole list."""

from __future__ import annotations

from urllib.parse import urlencode

from django.core.exceptions import EmptyResultSet
from django.core.paginator import Paginator
from django.db import connections
from django.utils.functional import cached_property
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param

CAP = 1000
# More ranges than this are a scope over much of the list, walked in order instead of merged (MergedRanges; SQLite
# takes at most 500 SELECTs in one compound statement).
MOST_RANGES = 64
MAX_PAGE = 10**9  # page 10**20 would be an OFFSET neither database can hold (found by schemathesis: a 500)


def pager_query(params, name: str = "page") -> str:
    """The request's query string without the pager's own parameter (`name`: a page holding two paged lists gives
    each its own), every value kept: the pager adds its own page, the filter stays. Built from the values, not
    from a copied QueryDict (a deep copy on the letters list's hot path)."""
    return urlencode([(key, value) for key, values in params.lists() if key != name for value in values])


class BoundedPaginator(Paginator):
    """Counts up to CAP + 1 rows, an index range read stopped by its LIMIT; a list holding more shows CAP of them
    (`capped`), and a page past them is the last it shows."""

    @cached_property
    def counted(self) -> int:
        return bounded_count(self.object_list)

    @cached_property
    def count(self) -> int:
        return min(self.counted, CAP)

    @property
    def capped(self) -> bool:
        return self.counted > CAP

    def _get_page(self, rows, number, paginator):
        # The page's rows are read where the page is made, not where the template first loops over them: what a
        # view sets around `page_of` (core.sql.planned_for_its_values) covers the rows' read as well as the count.
        return super()._get_page(list(rows), number, paginator)


def bounded_count(rows) -> int:
    """How many rows, counted up to CAP + 1: without the list's ORDER BY (the count needs no order, and an
    order by something computed would be computed for every row first)."""
    if not hasattr(rows, "query"):
        # a list that keeps its own (letters' published list, cached) or counts its own (MergedRanges)
        kept = getattr(rows, "bounded_count", None)
        return kept() if kept else len(rows[: CAP + 1])
    return (rows if rows.query.is_sliced else rows.order_by())[: CAP + 1].count()


class MergedRanges:
    """The keys of the rows of several querysets in one order, for a list over "this column or that one" (a
    department's grants, held or given; a clerk's queue over his departments), which no one index serves: each
    queryset is read as its own index range in the order, only as far as the slice asked for ends, and those
    first rows are merged, a row found by two querysets once (UNION). A database given the OR instead reads
    every matching row and sorts them, and given the UNION alone sorts the ranges whole. `order` names columns of
    the model itself ("-due_at"), or orders them saying where NULLs go (F("stopped_at").asc(nulls_first=True));
    `key` the column a slice answers with. Sliced (with an end) and counted as page_of and
    BoundedPagination expect of a list."""

    def __init__(self, querysets, order: tuple, key: str = "pk"):
        self.querysets, self.order, self.key = querysets, order, key

    def __getitem__(self, wanted: slice) -> list:
        return [row[0] for row in self._read(self._statement(wanted.stop))][wanted.start : wanted.stop]

    def bounded_count(self) -> int:
        """Counted from any rows of each range, not its first in the order: a range with fewer rows than the cap
        gives them all, one with more gives more than the cap whichever it gives, and the union's count up to the
        cap is the same; a range the planner misjudges is then not read whole and sorted."""
        sql, params, db = self._statement(CAP + 1, ordered=False)
        return self._read((f"SELECT COUNT(*) FROM ({sql}) merged", params, db))[0][0] if sql else 0

    def _statement(self, n: int, *, ordered: bool = True) -> tuple[str, list, str]:
        """The first `n` rows' keys and order, merged (or, not `ordered`, any `n` of their keys): the statement,
        its parameters and its database ("" when every queryset is empty)."""
        terms = [_term(spelt) for spelt in self.order]
        names = [name for name, _direction in terms]
        selected = [self.key, *(name for name in names if name != self.key)] if ordered else [self.key]
        arms, params, db = [], [], "default"
        for i, rows in enumerate(self.querysets):
            try:
                in_order = rows.order_by(*self.order) if ordered else rows.order_by()
                sql, arm_params = in_order.values_list(*selected)[:n].query.sql_with_params()
            except EmptyResultSet:  # a part that can hold no row (a condition on an empty list)
                continue
            arms.append(f"SELECT * FROM ({sql}) arm{i}")
            params += arm_params
            db = rows.db
        if not arms:
            return "", params, db
        by = ", ".join(f"{selected.index(name) + 1}{direction}" for name, direction in terms) if ordered else ""
        return f"{' UNION '.join(arms)}{f' ORDER BY {by}' if by else ''} LIMIT {int(n)}", params, db

    @staticmethod
    def _read(statement: tuple[str, list, str]) -> list:
        sql, params, db = statement
        if not sql:
            return []
        with connections[db].cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()


def _term(spelt) -> tuple[str, str]:
    """A term of an order as a column and the direction the merged statement sorts it by: "-due_at", or an
    expression that says where NULLs go (F("stopped_at").asc(nulls_first=True): running limits first)."""
    if isinstance(spelt, str):
        return spelt.lstrip("-"), " DESC" if spelt.startswith("-") else ""
    direction = " DESC" if spelt.descending else ""
    nulls = " NULLS FIRST" if spelt.nulls_first else " NULLS LAST" if spelt.nulls_last else ""
    return spelt.expression.name, direction + nulls


class Followed:
    """The keys of one list and then of another (a queue section by due: the cases with a running limit, soonest
    first, then the rest, oldest first). A slice reads the second only where it reaches past the first, whose
    length is then read up to the slice's start. `count`: the whole list's bounded count, as the caller has it
    (the section oldest first): the second list's own count would read all of the first's rows to find none."""

    def __init__(self, first, then, count: int):
        self.first, self.then, self.count = first, then, count

    def __getitem__(self, wanted: slice) -> list:
        start, stop = wanted.start or 0, wanted.stop
        head = list(self.first[start:stop])
        if len(head) == stop - start:
            return head
        ended = start + len(head) if head else len(self.first[0:start])  # where the first list ends, exactly
        return head + list(self.then[max(start - ended, 0) : stop - ended])

    def bounded_count(self) -> int:
        return self.count


class Counted:
    """A list whose bounded count its caller has read already (a queue section's, to choose how to sort it): the
    pager takes that count, where counting again would read the same rows a second time."""

    def __init__(self, rows, count: int):
        self.rows, self.count = rows, count

    def __getitem__(self, wanted: slice):
        return self.rows[wanted]

    def bounded_count(self) -> int:
        return self.count


class Keys:
    """A list of keys read as text (a limit's subject id) as the model's integer keys."""

    def __init__(self, keys):
        self.keys = keys

    def __getitem__(self, wanted: slice) -> list:
        return [int(key) for key in self.keys[wanted]]

    def bounded_count(self) -> int:
        return bounded_count(self.keys)


def rows_of(queryset, keys) -> list:
    """The rows of these keys in their order, in one read (a page of MergedRanges; a row gone meanwhile is left
    out)."""
    keys = list(keys)
    found = queryset.in_bulk(keys)
    return [found[pk] for pk in keys if pk in found]


class RowsOf:
    """The rows of `keys` (a MergedRanges, or a queryset of keys) as a list to page: a slice loads its page's rows
    in the keys' order (rows_of), the count is the keys' own, bounded."""

    def __init__(self, queryset, keys):
        self.queryset, self.keys, self.model = queryset, keys, queryset.model

    def __getitem__(self, wanted: slice) -> list:
        return rows_of(self.queryset, self.keys[wanted])

    def bounded_count(self) -> int:
        return bounded_count(self.keys)


def page_of(rows, per_page: int, number):
    """Page `number` (any text from the request; a bad one is the first, a late one the last) of `rows`."""
    return BoundedPaginator(rows, per_page).get_page(number)


class BoundedPagination(PageNumberPagination):
    """Every API list's pages (REST_FRAMEWORK's default). `count` is bounded as the pages' is, and `capped` says
    the list holds more; unlike a page, a program may read on past the cap (a department's system copying its
    cases): each page reads one row more than it shows, so `next` is there while rows are."""

    def paginate_queryset(self, queryset, request, view=None):
        self.request = request
        size = self.get_page_size(request)
        try:
            self.number = min(max(int(request.query_params.get(self.page_query_param, 1)), 1), MAX_PAGE)
        except ValueError:
            self.number = 1
        start = (self.number - 1) * size
        rows = list(queryset[start : start + size + 1])
        self.has_next, self.counted = len(rows) > size, bounded_count(queryset)
        return rows[:size]

    def get_paginated_response(self, data):
        return Response(
            {
                "count": min(self.counted, CAP),
                "capped": self.counted > CAP,
                "next": self._link(self.number + 1) if self.has_next else None,
                "previous": self._link(self.number - 1) if self.number > 1 else None,
                "results": data,
            }
        )

    def _link(self, number: int) -> str:
        url = self.request.build_absolute_uri()
        return (
            remove_query_param(url, self.page_query_param)
            if number == 1
            else replace_query_param(url, self.page_query_param, number)
        )

    def get_paginated_response_schema(self, schema):
        described = super().get_paginated_response_schema(schema)
        described["properties"]["capped"] = {
            "type": "boolean",
            "description": f"列表超过 {CAP} 条：count 只计到 {CAP}，next 仍可继续翻页",
        }
        return described
