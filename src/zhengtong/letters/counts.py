"""The published list's figures, cached: its count up to core.paging's CAP, and the key of the first row of each
page the list offers.

Counting 300,000 published rows on every list page cost more than the page itself, and a page read with OFFSET
walks every earlier row of the index: page 50 walked 980 rows, the statement's main cost. The list offers the
pages up to CAP rows, as every bounded list does ("共 1000 条以上"; reading further back is the filters' and the
search's job), and with the key of each one's first row known a page is an index range read of its own 20 rows.
One statement reads the keys and, by how many there are, the count; read by OFFSET, the deepest page grew with
the table (decision 0020).

Publication, withdrawal and imports drop the figures after commit (`forget_counts`); otherwise they live
COUNT_TTL seconds."""

from __future__ import annotations

from typing import NamedTuple

from django.core.cache import cache

from zhengtong.core import paging

from .models import Kind, Letter

COUNT_TTL = 300
PAGE_SIZE = 20  # the public list's; the page keys are kept at this step
ANCHOR_PAGES = paging.CAP // PAGE_SIZE  # every page the list offers (a test lowers it to read the rest by OFFSET)


class Published(NamedTuple):
    count: int  # up to CAP + 1: more than CAP is shown as "共 CAP 条以上"
    starts: tuple  # (published_at, id) of the first row of page 1, 2, ... up to ANCHOR_PAGES


def _count_key(kind: str) -> str:
    return f"zt:letters:published:v3:{kind or 'all'}"  # v3: the count bounded (v2 counted every row)


def published(kind: str = "") -> Published:
    """The count (up to CAP + 1) and the page keys of the published letters (of one kind) in the list's order."""
    key = _count_key(kind)
    figures = cache.get(key)
    if figures is None:
        letters = Letter.objects.filter(published_at__isnull=False)
        letters = letters.filter(kind=kind) if kind else letters
        keys = list(letters.order_by("-published_at", "-id").values_list("published_at", "id")[: paging.CAP + 1])
        figures = Published(len(keys), tuple(keys[: PAGE_SIZE * ANCHOR_PAGES : PAGE_SIZE]))
        cache.set(key, figures, COUNT_TTL)
    return figures


def forget_counts() -> None:
    cache.delete_many([_count_key(k) for k in ["", *Kind.values]])
