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
ANCHOR_PAGES = 50


class Published(NamedTuple):
    count: int
    page_size: int
    starts: tuple  # (published_at, id) of the first row of page 1, 2, ... up to ANCHOR_PAGES


def _count_key(kind: str) -> str:
    return f"zt:letters:published:{kind or 'all'}"


def published(kind: str, page_size: int) -> Published:
    """The count and the page keys of the published letters (of one kind) in the list's order."""
    key = _count_key(kind)
    figures = cache.get(key)
    if figures is None or figures.page_size != page_size:
        letters = Letter.objects.filter(published_at__isnull=False)
        letters = letters.filter(kind=kind) if kind else letters
        keys = list(letters.order_by("-published_at", "-id").values_list("published_at", "id")[:page_size * ANCHOR_PAGES])
        figures = Published(letters.count(), page_size, tuple(keys[::page_size]))
        cache.set(key, figures, COUNT_TTL)
    return figures


def forget_counts() -> None:
    cache.delete_many([_count_key(k) for k in ["", *Kind.values]])
