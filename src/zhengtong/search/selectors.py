"""The query side: candidates from the backend, ranked, one page of entries with highlighted title and snippet."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from django.db import connection
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from . import backends
from .models import Entry
from .query import Query, meta_tokens

PAGE_SIZE = 10
SNIPPET = 120


@dataclass(frozen=True)
class Hit:
    entry: Entry
    title: SafeString
    snippet: SafeString


@dataclass(frozen=True)
class Results:
    hits: list[Hit]
    total: int
    capped: bool  # more than COUNT_CAP matched
    page: int
    pages: int


def highlight(text: str, words) -> SafeString:
    """Escape `text` and wrap every query word in <mark> (longest words first, so 北仑区 wins over 北仑)."""
    words = sorted({w for w in words if w}, key=len, reverse=True)
    if not words:
        return mark_safe(escape(text))
    pattern = re.compile("|".join(re.escape(w) for w in words), re.IGNORECASE)
    out, last = [], 0
    for m in pattern.finditer(text):
        out.append(escape(text[last : m.start()]))
        out.append(f"<mark>{escape(m.group())}</mark>")
        last = m.end()
    out.append(escape(text[last:]))
    return mark_safe("".join(out))


def snippet(text: str, words) -> str:
    """About SNIPPET characters around the first query word in the body."""
    lowered = text.lower()
    first = min((i for i in (lowered.find(w) for w in words if w) if i >= 0), default=0)
    start = max(0, first - SNIPPET // 3)
    piece = " ".join(text[start : start + SNIPPET].split())
    return ("…" if start else "") + piece + ("…" if start + SNIPPET < len(text) else "")


def _titled(query: Query) -> list[int]:
    """Entries whose title is exactly what was typed (newest first) and that meet the query's filters, found by
    the title index whether or not the candidates hold them: a service's exact name may be older than the newest
    CANDIDATES documents that mention it."""
    if not query.title:
        return []
    wanted = set(query.filters)
    found = Entry.objects.filter(title=query.title).order_by("-pk")[:PAGE_SIZE]
    return [e.pk for e in found if wanted <= set(meta_tokens(e.kind, e.department_id, e.category, e.published_at))]


def search(query: Query, *, page: int = 1) -> Results:
    if query.empty:
        return Results([], 0, False, 1, 0)
    engine = backends.backend()
    with connection.cursor() as cursor:
        ranked, total = engine.candidates(cursor, query)
        if total is None:  # fewer than CANDIDATES is every match; otherwise counted, up to COUNT_CAP + 1
            total = len(ranked) if len(ranked) < backends.CANDIDATES else engine.count(cursor, query)
    # Relevance first; among equals, the newest (the higher id) first. A title typed exactly before all.
    ranked.sort(key=lambda pair: (-pair[1], -pair[0]))
    exact = _titled(query)
    if exact:
        ranked = [(pk, math.inf) for pk in exact] + [pair for pair in ranked if pair[0] not in exact]
    pages = max(1, -(-len(ranked) // PAGE_SIZE))
    page = min(max(1, page), pages)
    ids = [pk for pk, _score in ranked[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]]
    entries = Entry.objects.in_bulk(ids)
    hits = [
        Hit(
            entries[pk],
            highlight(entries[pk].title, query.highlight),
            highlight(snippet(entries[pk].text, query.highlight), query.highlight),
        )
        for pk in ids
        if pk in entries
    ]
    return Results(hits, min(total, backends.COUNT_CAP), total > backends.COUNT_CAP, page, pages)
