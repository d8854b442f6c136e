"""Relevance among a query's bounded candidates on SQLite: BM25 over the candidates' own token columns.

FTS5's bm25() counts each query word's documents by walking every match of it, on every query: at 1M
documents 60–300 ms for a common word, while the newest 400 matching ids take 0.4 ms (decision 0006). So the
SQLite backend reads the candidates' ids alone, then their title, words and parts columns, and scores them
here: BM25 with bm25()'s field weights (title 8, words 1, parts 0.5), each word's document count taken up
to the cap the total uses (COUNT_CAP + 1, so every common word weighs the same), and a phrase counted where
its words stand in order in a column.

A document is (title, words, parts), each the space-separated tokens the index holds (search.segment).
"""

from __future__ import annotations

import math

from .query import Query

K1 = 1.2
B = 0.75
WEIGHTS = (8.0, 1.0, 0.5)  # title, words, parts


def _padded(tokens: str) -> str:
    # Every token between its own two spaces, so neighbours are counted each ("a a" holds " a " twice).
    return f" {tokens.replace(' ', '  ')} " if tokens else ""


def scored(query: Query) -> list[tuple[str, ...]]:
    """What is scored, each once, as its words in order: each word alone, and each phrase."""
    return list(dict.fromkeys([*((t,) for t in query.terms), *query.phrases]))


def units(query: Query, document_counts: dict[tuple[str, ...], int], documents: int = 0) -> list[tuple[str, float]]:
    """(needle, idf) per scored unit. A unit without a count weighs 1: alone in a query, its weight orders nothing."""
    out = []
    for unit in scored(query):
        count = document_counts.get(unit)
        idf = 1.0 if count is None else max(math.log((documents - count + 0.5) / (count + 0.5)), 1e-6)
        out.append((_padded(" ".join(unit)), idf))
    return out


def length(document: tuple[str, str, str]) -> int:
    return sum(column.count(" ") + 1 for column in document if column)


def average_length(documents) -> float:
    return max(sum(length(d) for d in documents) / max(len(documents), 1), 1.0)


def _columns(document: tuple[str, str, str]) -> list[tuple[float, str]]:
    return [(weight, _padded(column)) for weight, column in zip(WEIGHTS, document) if column]


def _weighted(columns: list[tuple[float, str]], found: str) -> float:
    return sum(weight * column.count(found) for weight, column in columns)


def occurrences(document: tuple[str, str, str], found: str) -> float:
    return _weighted(_columns(document), found)


def score(document: tuple[str, str, str], scored: list[tuple[str, float]], avgdl: float) -> float:
    norm = K1 * (1 - B + B * length(document) / avgdl)
    columns = _columns(document)  # padded once per document, not once per scored unit
    total = 0.0
    for found, idf in scored:
        f = _weighted(columns, found)
        total += idf * f * (K1 + 1) / (f + norm)
    return total
