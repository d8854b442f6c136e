"""The public list's pages (issue 6, speed target of the list page): the first pages start from cached keys
instead of counting past every earlier row, and must hold exactly the rows the plain OFFSET read gives."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from zhengtong.core import paging
from zhengtong.letters import counts
from zhengtong.letters.counts import forget_counts
from zhengtong.letters.models import Kind, Letter
from zhengtong.letters.public_reads import PAGE_SIZE, PublishedRows

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


def _publish(count: int, *, start: int = 0, ties: int = 3) -> None:
    """`count` published letters; every `ties` in a row share one publication time, so the id breaks the tie."""
    base = timezone.now() - dt.timedelta(days=30)
    kinds = [Kind.COMPLAINT, Kind.CONSULTATION]
    Letter.objects.bulk_create(
        Letter(
            number=f"XJT{start + n:09d}",
            channel="web",
            kind=kinds[n % 2],
            title=f"来信{n}",
            content="内容",
            received_at=base,
            published_at=base + dt.timedelta(minutes=(start + n) // ties),
            public_title=f"公开{start + n}",
        )
        for n in range(count)
    )


def _by_offset(kind: str, start: int, stop: int) -> list[str]:
    letters = Letter.objects.filter(published_at__isnull=False).order_by("-published_at", "-id")
    return list((letters.filter(kind=kind) if kind else letters).values_list("number", flat=True)[start:stop])


@pytest.mark.parametrize("kind", ["", Kind.COMPLAINT])
def test_every_page_holds_the_rows_the_offset_read_gives(kind, monkeypatch):
    monkeypatch.setattr(counts, "ANCHOR_PAGES", 3)  # pages 1–3 start from a key; 4 and later count past rows
    _publish(5 * PAGE_SIZE + 7)
    rows = PublishedRows(kind)
    total = rows.count()
    assert total == len(_by_offset(kind, 0, 10_000))
    for start in range(0, total, PAGE_SIZE):
        stop = min(start + PAGE_SIZE, total)
        assert [r.number for r in rows[start:stop]] == _by_offset(kind, start, stop), start
    assert [r.number for r in rows[5:15]] == _by_offset(kind, 5, 15)  # a window off the page grid


def test_a_newly_published_letter_moves_every_page_down_by_one(django_capture_on_commit_callbacks):
    _publish(2 * PAGE_SIZE)
    before = [r.number for r in PublishedRows()[PAGE_SIZE : 2 * PAGE_SIZE]]
    with django_capture_on_commit_callbacks(execute=True):
        _publish(1, start=10_000)  # newer than all
        transaction.on_commit(forget_counts)  # as publication does (services/publication.py)
    after = [r.number for r in PublishedRows()[PAGE_SIZE : 2 * PAGE_SIZE]]
    assert after[1:] == before[:-1] and after[0] != before[0]
    assert PublishedRows().count() == 2 * PAGE_SIZE + 1


def test_page_one_is_read_live_so_a_letter_just_published_leads_it_before_the_figures_are_forgotten():
    """Another web worker may still read the old figures for a moment: page 1 must not depend on them."""
    _publish(2 * PAGE_SIZE)
    PublishedRows().count()  # the figures are cached
    _publish(1, start=10_000)  # newer than all; nothing forgets the figures
    assert PublishedRows()[0:PAGE_SIZE][0].number == "XJT000010000"


def test_a_page_from_a_key_is_one_statement_once_the_keys_are_cached(django_assert_num_queries):
    _publish(3 * PAGE_SIZE)
    rows = PublishedRows()
    rows.count()
    with django_assert_num_queries(1):
        assert len(PublishedRows()[2 * PAGE_SIZE : 3 * PAGE_SIZE]) == PAGE_SIZE


def test_a_row_names_its_department_or_shows_a_dash(district):
    """The names are read by key after the page is taken (public_reads.PublishedRows): each row gets its own
    department's name, and a letter without one shows a dash."""
    _publish(3)
    first, second = Letter.objects.order_by("id")[:2]
    Letter.objects.filter(pk=first.pk).update(department=district["A"])
    Letter.objects.filter(pk=second.pk).update(department=district["B"])
    names = {r.number: r.department for r in PublishedRows("")[0:3]}
    assert names[first.number] == district["A"].name and names[second.number] == district["B"].name
    assert list(names.values()).count("—") == 1


def test_the_list_offers_the_pages_up_to_the_cap_each_read_from_its_key(client, monkeypatch, django_assert_num_queries):
    """Issue 26 (no page's cost grows with the table): past core.paging's CAP the list says "共 N 条以上" and
    offers no page beyond it, so every page it offers starts from a kept key, never an OFFSET past the table."""
    monkeypatch.setattr(paging, "CAP", 2 * PAGE_SIZE)
    _publish(3 * PAGE_SIZE)
    first = client.get("/letters/")
    assert first.status_code == 200 and "共 40 条以上" in first.content.decode()
    assert first.context["page"].paginator.num_pages == 2
    last = client.get("/letters/?page=99")  # past the cap: the last page offered
    assert last.context["page"].number == 2
    assert [r.number for r in last.context["page"]] == _by_offset("", PAGE_SIZE, 2 * PAGE_SIZE)
    with django_assert_num_queries(1) as read:  # once the figures are kept: the page's own statement, from its key
        assert len(PublishedRows()[PAGE_SIZE : 2 * PAGE_SIZE]) == PAGE_SIZE
    assert "OFFSET" not in read.captured_queries[0]["sql"].upper()


def test_the_kept_figures_count_up_to_the_cap_and_key_every_page_offered(monkeypatch):
    monkeypatch.setattr(paging, "CAP", 2 * PAGE_SIZE)
    monkeypatch.setattr(counts, "ANCHOR_PAGES", 2)
    _publish(3 * PAGE_SIZE)
    figures = counts.published()
    assert figures.count == 2 * PAGE_SIZE + 1 and len(figures.starts) == 2


def test_every_page_the_list_can_offer_has_a_kept_key():
    assert counts.ANCHOR_PAGES * PAGE_SIZE >= paging.CAP
