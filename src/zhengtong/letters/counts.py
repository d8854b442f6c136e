"""The published list's figures, cached: its count, and the key of the first row of each of its first pages.

Counting 300,000 published rows on every list page cost more than the page itself. And a page read with OFFSET
walks every earlier row of the index: page 50 walked 980 rows, the statement's main cost. With the key of a
page's first row known, the page is an index range read of its own 20 rows, whatever its depth. Readers page
near the front, so the keys cover the first ANCHOR_PAGES pages; deeper pages use OFFSET.

Publication, withdrawal and imports drop the figures after commit (`forget_counts`); otherwise they live
COUNT_TTL seconds."""

from __future__ import annotations

from typing import NamedTuple

from django.core.cache import cache

from .models import Kind, Letter

COUNT_TTL = 300
PAGE_SIZE = 20  # the public list's; the page keys are kept at this step
ANCHOR_PAGES = 50


class Published(NamedTuple):
    count: int
    starts: tuple  # (published_at, id) of the first row of page 1, 2, ... up to ANCHOR_PAGES


def _count_key(kind: str) -> str:
    return f"zt:letters:published:v2:{kind or 'all'}"  # v2: the count and page keys (v1 held a bare count)


def published(kind: str = "") -> Published:
    """The count and the page keys of the published letters (of one kind) in the list's order."""
    key = _count_key(kind)
    figures = cache.get(key)
    if figures is None:
        letters = Letter.objects.filter(published_at__isnull=False)
        letters = letters.filter(kind=kind) if kind else letters
        keys = list(
            letters.order_by("-published_at", "-id").values_list("published_at", "id")[: PAGE_SIZE * ANCHOR_PAGES]
        )
        figures = Published(letters.count(), tuple(keys[::PAGE_SIZE]))
        cache.set(key, figures, COUNT_TTL)
    return figures


def forget_counts() -> None:
    cache.delete_many([_count_key(k) for k in ["", *Kind.values]])
