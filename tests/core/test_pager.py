"""The list pager (issue 22 item 6): first, previous, "第 3 / 10 页", next, last and a jump to any page, the
filter kept in every link and in the jump form; the search results use the same pager."""

from __future__ import annotations

import re

from django.core.paginator import Paginator
from django.template import engines


def _render(**values) -> str:
    """The pager as a page calls it: `{{ pager(page=page, query=query) }}`."""
    page = '{% from "core/_pager.html" import pager %}{{ pager(**values) }}'
    return engines["jinja2"].from_string(page).render({"values": values})


def test_a_middle_page_links_first_previous_next_last_and_jumps_keeping_the_filter(db):
    page = Paginator(range(100), 10).get_page(3)
    html = _render(page=page, query="kind=complaint&q=%E8%B7%AF%E7%81%AF")
    links = dict(re.findall(r'<a class="page-link" href="\?([^"]*)"[^>]*>([^<]+)</a>', html))
    assert {label: href for href, label in links.items()} == {
        "第一页": "kind=complaint&amp;q=%E8%B7%AF%E7%81%AF&amp;page=1",
        "上一页": "kind=complaint&amp;q=%E8%B7%AF%E7%81%AF&amp;page=2",
        "下一页": "kind=complaint&amp;q=%E8%B7%AF%E7%81%AF&amp;page=4",
        "最后一页": "kind=complaint&amp;q=%E8%B7%AF%E7%81%AF&amp;page=10",
    }
    assert "第 3 / 10 页" in html and "共 100 条" in html
    form = re.search(r"<form.*?</form>", html, re.S).group(0)
    assert 'type="hidden" name="kind" value="complaint"' in form and 'type="hidden" name="q" value="路灯"' in form
    assert 'name="page"' in form and 'max="10"' in form and "跳转" in form


def test_the_first_page_has_no_way_back_and_one_page_needs_no_pager(db):
    first = _render(page=Paginator(range(100), 10).get_page(1), query="")
    assert "第一页" not in first and "上一页" not in first and "最后一页" in first
    assert _render(page=Paginator(range(5), 10).get_page(1), query="").strip() == ""


def test_search_results_page_with_the_same_pager(db):
    html = _render(number=2, pages=5, query="q=x")
    assert "第 2 / 5 页" in html and "page=5" in html and "共" not in html


def test_a_list_of_any_length_counts_at_most_the_cap_and_says_so(db, monkeypatch):
    """Issue 26: a page's cost must not grow with its table. A bounded list counts CAP + 1 rows at most and
    offers the pages up to CAP; a later page number lands on the last page it offers."""
    from zhengtong.accounts.models import User
    from zhengtong.core import paging

    monkeypatch.setattr(paging, "CAP", 30)
    User.objects.bulk_create([User(username=f"u{n}", real_name="甲") for n in range(45)])
    page = paging.page_of(User.objects.order_by("pk"), 10, "99")
    assert (page.paginator.count, page.paginator.capped, page.number) == (30, True, 3)
    html = _render(page=page, query="")
    assert "共 30 条以上" in html and "第 3 / 3 页" in html
    short = paging.page_of(User.objects.order_by("pk")[:25], 10, "x")
    assert (short.paginator.count, short.paginator.capped, short.number) == (25, False, 1)
    assert "共 25 条" in _render(page=short, query="") and "以上" not in _render(page=short, query="")


def test_merged_ranges_page_and_count_their_union_in_order(district, monkeypatch):
    """core.paging.MergedRanges: the rows any of the querysets holds, once each, in the order, sliced anywhere
    and counted up to the cap, as page_of and the API's pagination read a list."""
    from zhengtong.core import paging
    from zhengtong.org.models import Department

    everything = Department.objects.all()
    overlapping = [
        everything.filter(kind=Department.Kind.OFFICE),
        everything.exclude(code="A1"),
        everything.filter(code="B"),
    ]
    merged = paging.MergedRanges(overlapping, ("-code", "id"))
    expected = list(everything.order_by("-code", "id").values_list("pk", flat=True))
    assert merged[0:100] == expected and merged[1:3] == expected[1:3] and merged[4:100] == expected[4:]
    assert merged.bounded_count() == len(expected)
    monkeypatch.setattr(paging, "CAP", 2)
    assert merged.bounded_count() == 3, "counted to one past the cap"
    assert paging.MergedRanges([everything.filter(pk__in=[])], ("id",))[0:10] == []
    assert paging.MergedRanges([everything.filter(pk__in=[])], ("id",)).bounded_count() == 0


def test_merged_ranges_count_any_rows_of_each_range_not_the_first_in_order(district, monkeypatch):
    """Issue 26: the count took each range's first rows in the list's order, so a range the planner misjudged was
    read whole and sorted (a head's limits filtered to red: 2,004 limits sorted, 7 ms at 100,000 cases). A count
    needs no order: a range with fewer rows than the cap gives them all, and one with more gives more than the
    cap whichever it gives, so the union's count up to the cap is the same."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from zhengtong.core import paging
    from zhengtong.org.models import Department

    everything = Department.objects.all()
    merged = paging.MergedRanges([everything.exclude(code="A1"), everything.filter(code="A1")], ("-code", "id"))
    with CaptureQueriesContext(connection) as counted:
        assert merged.bounded_count() == everything.count()
    assert "ORDER BY" not in counted.captured_queries[0]["sql"]
    monkeypatch.setattr(paging, "CAP", 1)
    assert merged.bounded_count() == 2, "counted to one past the cap"
