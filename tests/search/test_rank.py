"""Relevance among the bounded candidates (search/rank.py, decision 0006): BM25 with the title weighted highest,
computed from the candidates' own token columns, because FTS5's bm25() walks every match of each word to count
them (60–300 ms for a common word at 1M documents)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from zhengtong.search import rank
from zhengtong.search.query import Query, parse
from zhengtong.search.selectors import search
from zhengtong.search.services import Document, index_now

BODY = "各 单位 要 做好 准备 工作"


def _order(units, docs):
    """Indexes of `docs` (title, words, parts) best first."""
    avgdl = rank.average_length(docs)
    scores = [rank.score(doc, units, avgdl) for doc in docs]
    return sorted(range(len(docs)), key=lambda i: -scores[i])


def test_the_title_outranks_the_body():
    units = rank.units(Query(terms=("防汛",)), {})
    assert _order(units, [("通知", f"防汛 {BODY}", ""), ("防汛 通知", BODY, "")]) == [1, 0]


def test_more_occurrences_outrank_fewer_and_neighbours_are_each_counted():
    units = rank.units(Query(terms=("防汛",)), {})
    assert _order(units, [("通知", f"防汛 {BODY} 做好", ""), ("通知", f"防汛 防汛 {BODY}", "")]) == [1, 0]
    assert rank.occurrences(("", "防汛 防汛 防汛", ""), " 防汛 ") == 3.0


def test_at_equal_counts_the_shorter_document_ranks_higher():
    units = rank.units(Query(terms=("防汛",)), {})
    assert _order(units, [("通知", f"防汛 {BODY} {BODY}", ""), ("通知", f"防汛 {BODY}", "")]) == [1, 0]


def test_a_rare_word_weighs_more_than_a_common_one():
    query = Query(terms=("防汛", "通知"))
    units = rank.units(query, {("防汛",): 3, ("通知",): 900}, documents=100_000)
    assert _order(units, [("", f"通知 通知 {BODY}", ""), ("", f"防汛 {BODY} 做好", "")]) == [1, 0]


def test_a_phrase_counts_only_where_its_words_stand_in_order():
    units = rank.units(Query(phrases=(("最低", "生活"),)), {})
    assert rank.occurrences(("", "生活 最低 保障", ""), units[0][0]) == 0
    assert rank.occurrences(("最低 生活 保障", "", ""), units[0][0]) == rank.WEIGHTS[0]


def test_sqlite_ranks_without_fts5s_bm25(db):
    if connection.vendor != "sqlite":
        pytest.skip("PostgreSQL ranks with ts_rank, which counts no document frequencies")
    for n in range(3):
        index_now(
            Document(
                kind="disclosure.document",
                kind_label="政府文件",
                object_id=str(n),
                title=f"第{n}号通知",
                text="做好防汛准备。" * (n + 1),
                url=f"/d/{n}/",
            )
        )
    with CaptureQueriesContext(connection) as captured:
        hits = search(parse("防汛 通知")).hits
    assert len(hits) == 3 and hits[0].entry.object_id == "2"  # the most occurrences in the body
    assert not any("bm25(" in q["sql"] for q in captured.captured_queries)
