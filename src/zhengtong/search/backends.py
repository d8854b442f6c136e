"""The two index backends behind one interface: SQLite FTS5 (the embedded default) and PostgreSQL tsvector + GIN.

Both hold the same tokens (search.segment), so a query finds the same documents on either. Ranking is bounded
(docs/decisions/0006-search-ranking.md): each query takes the newest CANDIDATES matches in index order, which
either engine reads without visiting every match, and ranks only those by relevance (search.rank on SQLite,
ts_rank on PostgreSQL). A common word at a million documents costs the same as a rare one.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from django.db import connection, transaction

from . import rank
from .query import Query

CANDIDATES = 400
# PostgreSQL: ids in the first window read (PostgresBackend.candidates). Small, because for a word in most
# documents PostgreSQL tests the window's rows one by one (decompressing each tsvector): at 1M documents a
# 20,000-id first window gave one-term p95 165 ms, a 1,000-id one 47 ms (decision 0006).
FIRST_WINDOW = 1_000
COUNT_CAP = 1000  # "1000+": counting every match of a common word is the cost bounded ranking avoids
WINDOW_MARGIN = 1.25  # a window sized from the density seen so far is widened by this, so one more is rarely needed
ROW_TEST_COST = 80  # testing one row against a query costs about as much as reading this many GIN posting entries
STATISTICS_TTL = 600  # seconds; ANALYZE (autovacuum's) refreshes pg_stats far less often
_statistics: dict = {}


def forget_statistics() -> None:
    _statistics.clear()


def _pg_statistics(cursor) -> tuple[dict[str, float], float, float] | None:
    """From pg_stats, cached per process: the fraction of rows holding each of the most common lexemes, the least
    fraction listed (an unlisted lexeme is rarer), and the rows; None before the table was first analysed."""
    now = time.monotonic()
    if not _statistics or now - _statistics["at"] > STATISTICS_TTL:
        cursor.execute(
            "SELECT u.e, u.f FROM pg_stats s, "
            "unnest(s.most_common_elems::text::text[], s.most_common_elem_freqs) AS u(e, f) "
            "WHERE s.schemaname = current_schema() AND s.tablename = 'search_tsv' AND s.attname = 'tsv'"
        )
        pairs = cursor.fetchall()
        cursor.execute("SELECT reltuples FROM pg_class WHERE oid = 'search_tsv'::regclass")
        rows = cursor.fetchone()[0]
        fractions = {lexeme: fraction for lexeme, fraction in pairs if lexeme is not None}
        # most_common_elem_freqs ends with the least and the greatest fraction listed (for arrays, then the nulls')
        extra = [fraction for lexeme, fraction in pairs if lexeme is None]
        _statistics.update(at=now, value=(fractions, extra[0], rows) if fractions and extra and rows > 0 else None)
    return _statistics["value"]


@dataclass(frozen=True)
class Tokens:
    title: list[str]
    words: list[str]
    parts: list[str]
    meta: list[str]


def shingle(a: str, b: str) -> str:
    return f"{a}_{b}"  # "_" never occurs inside a token (search.segment)


def phrase_pairs(phrase) -> list[str]:
    """The pair tokens a phrase matches by: each two neighbouring words (see `pairs`)."""
    return [shingle(a, b) for a, b in zip(phrase, phrase[1:])]


def pairs(tokens: Tokens) -> list[str]:
    """Every pair of neighbouring words (title and body), each once: a phrase query is the AND of its pairs.
    Matching positions instead (FTS5 phrases, PostgreSQL <->) re-reads every candidate's positions: 98 ms p95
    at 1M documents on FTS5 and over 100 ms at only 20,000 on PostgreSQL; a pair is one exact lookup."""
    return sorted({shingle(a, b) for seq in (tokens.title, tokens.words) for a, b in zip(seq, seq[1:])})


class SqliteBackend:
    """FTS5 over space-separated tokens. Ranking is search.rank's BM25 over the candidates' columns, not FTS5's
    bm25(), which walks every match of each word to count them on every query."""

    def put(self, cursor, entry_id: int, tokens: Tokens) -> None:
        cursor.execute("DELETE FROM search_fts WHERE rowid = %s", [entry_id])
        cursor.execute(
            "INSERT INTO search_fts (rowid, title, words, parts, pairs, meta) VALUES (%s, %s, %s, %s, %s, %s)",
            [
                entry_id,
                " ".join(tokens.title),
                " ".join(tokens.words),
                " ".join(tokens.parts),
                " ".join(pairs(tokens)),
                " ".join(tokens.meta),
            ],
        )

    def remove(self, cursor, entry_id: int) -> None:
        cursor.execute("DELETE FROM search_fts WHERE rowid = %s", [entry_id])

    def clear(self, cursor) -> None:
        cursor.execute("DELETE FROM search_fts")

    @staticmethod
    def _unit(unit: tuple[str, ...]) -> str:
        """A word in the title, words or parts, or a phrase by its pairs (rank.scored's units)."""
        if len(unit) == 1:
            return "{title words parts} : " + f'"{unit[0]}"'
        return " AND ".join(f'pairs : "{pair}"' for pair in phrase_pairs(unit))

    @classmethod
    def match(cls, query: Query) -> str:
        return " AND ".join([*(cls._unit(u) for u in rank.scored(query)), *(f'meta : "{f}"' for f in query.filters)])

    def candidates(self, cursor, query: Query) -> tuple[list[tuple[int, float]], int | None]:
        """The newest CANDIDATES matches (FTS5 walks its doclist by rowid descending), scored by search.rank;
        no total on the way."""
        cursor.execute(
            "SELECT rowid FROM search_fts WHERE search_fts MATCH %s ORDER BY rowid DESC LIMIT %s",
            [self.match(query), CANDIDATES],
        )
        ids = [row[0] for row in cursor.fetchall()]
        if not ids:
            return [], None
        cursor.execute(
            f"SELECT rowid, title, words, parts FROM search_fts WHERE rowid IN ({', '.join(['%s'] * len(ids))})", ids
        )
        documents = {row[0]: row[1:] for row in cursor.fetchall()}
        scored = rank.units(query, *self._document_counts(cursor, query))
        avgdl = rank.average_length(documents.values())
        return [(pk, rank.score(document, scored, avgdl)) for pk, document in documents.items()], None

    def _document_counts(self, cursor, query: Query) -> tuple[dict[str, int], int]:
        """How many documents hold each scored unit, up to COUNT_CAP + 1, and how many there are: for a query of
        one unit, nothing (its weight orders nothing)."""
        units = rank.scored(query)
        if len(units) < 2:
            return {}, 0
        counts = {unit: self._capped_count(cursor, self._unit(unit)) for unit in units}
        cursor.execute("SELECT rowid FROM search_fts ORDER BY rowid DESC LIMIT 1")
        return counts, cursor.fetchone()[0]

    @staticmethod
    def _capped_count(cursor, match: str) -> int:
        cursor.execute(
            "SELECT count(*) FROM (SELECT 1 FROM search_fts WHERE search_fts MATCH %s LIMIT %s)", [match, COUNT_CAP + 1]
        )
        return cursor.fetchone()[0]

    def count(self, cursor, query: Query) -> int:
        return self._capped_count(cursor, self.match(query))


# Positions: title from 1, words after it, parts and meta far beyond (a phrase never spans into them).
PARTS_POSITION = 12000
MAX_POSITION = 16383  # PostgreSQL's limit; later positions are clamped


# For a search's statements, in its transaction: no plain index scans (see candidates), and a plan made for the
# words given even once psycopg has prepared the statement (settings: ZT_DB_PREPARE): the best plan depends on
# how common the words are, which a generic plan cannot know. One round trip: with no parameters psycopg sends
# the three as one simple query.
PLANNER_SETTINGS = (
    "SET LOCAL enable_indexscan = off; SET LOCAL enable_seqscan = off; SET LOCAL plan_cache_mode = force_custom_plan"
)


class PostgresBackend:
    """A tsvector written in PostgreSQL's literal form, so PostgreSQL's own parser never re-splits our tokens;
    weights A (title), B (words), D (parts and meta).

    Phrases: every pair of neighbouring words is also a lexeme without positions (see `pairs`)."""

    @staticmethod
    def _vector(tokens: Tokens) -> str:
        positions: dict[str, list[str]] = {}
        at = 0
        for weight, seq in (("A", tokens.title), ("B", tokens.words)):
            for token in seq:
                at += 1
                positions.setdefault(token, []).append(f"{min(at, PARTS_POSITION - 1)}{weight}")
        at = PARTS_POSITION
        for token in [*tokens.parts, *tokens.meta]:
            at = min(at + 1, MAX_POSITION)
            positions.setdefault(token, []).append(f"{at}D")
        # A lexeme keeps at most 256 positions; the first ones are the ones that matter.
        return " ".join(
            [
                *(f"'{token}':{','.join(p[:256])}" for token, p in positions.items()),
                *(f"'{pair}'" for pair in pairs(tokens) if pair not in positions),
            ]
        )

    def put(self, cursor, entry_id: int, tokens: Tokens) -> None:
        cursor.execute(
            "INSERT INTO search_tsv (entry_id, tsv) VALUES (%s, %s::tsvector) "
            "ON CONFLICT (entry_id) DO UPDATE SET tsv = EXCLUDED.tsv",
            [entry_id, self._vector(tokens)],
        )

    def remove(self, cursor, entry_id: int) -> None:
        cursor.execute("DELETE FROM search_tsv WHERE entry_id = %s", [entry_id])

    def clear(self, cursor) -> None:
        cursor.execute("DELETE FROM search_tsv")

    @staticmethod
    def lexemes(query: Query) -> list[str]:
        """Every lexeme a match must hold: the words, each phrase's pairs, the filters."""
        return [*query.terms, *(pair for p in query.phrases for pair in phrase_pairs(p)), *query.filters]

    @classmethod
    def tsquery(cls, query: Query) -> str:
        return " & ".join(f"'{lexeme}'" for lexeme in cls.lexemes(query))

    def expected(self, cursor, query: Query) -> float | None:
        """How many documents should match, by pg_stats, taking the words as independent; None without statistics."""
        statistics = _pg_statistics(cursor)
        if statistics is None:
            return None
        fractions, least, rows = statistics
        share = 1.0
        for lexeme in self.lexemes(query):
            share *= fractions.get(lexeme, least / 2)  # an unlisted lexeme: as PostgreSQL's own estimate takes it
        return share * rows

    def candidates(self, cursor, query: Query) -> tuple[list[tuple[int, float]], int | None]:
        """The newest CANDIDATES matches and, where it was learnt on the way, how many match up to COUNT_CAP + 1.

        Plain index scans are switched off for these statements: PostgreSQL otherwise walks the primary key
        backwards testing rows one by one, fast for a very common word and hundreds of times slower for a middling
        one. What remains costs in two ways: a GIN bitmap reads each term's whole posting list, whatever id range
        it is ANDed with, and a row tested against the query costs about ROW_TEST_COST posting entries (its
        tsvector is decompressed). So the reads are few, and the first is sized by how many should match (pg_stats,
        `expected`):
          1. fewer than COUNT_CAP: every match's id at once, stopping at COUNT_CAP + 1: the newest are taken from
             it and the total is known;
          2. more: the newest ids that should hold COUNT_CAP + 1 matches, which then give the candidates and the
             total ("1000+");
          3. without statistics, or where they were wrong: the newest FIRST_WINDOW ids; for a rare word or phrase
             then every older match at once; otherwise windows sized from the density seen, then the count, by
             testing rows below the last window where matches are dense and by the GIN bitmap where they are not."""
        tsquery = self.tsquery(query)
        cursor.execute("SELECT max(entry_id) FROM search_tsv")
        top = (cursor.fetchone()[0] or 0) + 1
        expected = self.expected(cursor, query)
        with transaction.atomic():
            cursor.execute(PLANNER_SETTINGS)
            if expected is not None and expected <= COUNT_CAP:
                every = self._older(cursor, tsquery, top)
                if len(every) <= COUNT_CAP:
                    return self._ranked(cursor, tsquery, sorted(every, reverse=True)[:CANDIDATES]), len(every)
            if expected is not None and expected > COUNT_CAP:
                upper, limit = max(0, top - int((COUNT_CAP + 1) * top / expected * WINDOW_MARGIN)), COUNT_CAP + 1
            else:
                upper, limit = max(0, top - FIRST_WINDOW), CANDIDATES
            found = self._window(cursor, tsquery, upper, top, limit)
            if len(found) > COUNT_CAP:
                return self._ranked(cursor, tsquery, found[:CANDIDATES]), len(found)
            if limit > CANDIDATES and len(found) >= CANDIDATES:  # the window read whole: count only below it
                total = self._count(cursor, tsquery, len(found), len(found) / (top - upper), upper, top)
                return self._ranked(cursor, tsquery, found[:CANDIDATES]), total
            found = found[:CANDIDATES]
            floor_density = 0.0  # the least density the older ids are known to have
            if len(found) < CANDIDATES and upper > 0 and len(found) / (top - upper) * upper <= 2 * COUNT_CAP:
                older = self._older(cursor, tsquery, upper)
                if len(older) <= COUNT_CAP:
                    newest = found + sorted(older, reverse=True)[: CANDIDATES - len(found)]
                    return self._ranked(cursor, tsquery, newest), len(found) + len(older)
                floor_density = (COUNT_CAP + 1) / upper
            above = 0  # matches in the windows read whole, above the last one (which its limit may have cut)
            window_top = top
            while upper > 0 and len(found) < CANDIDATES:
                density = max(len(found) / (top - upper), floor_density)
                lower = max(0, upper - int((CANDIDATES - len(found)) / density * WINDOW_MARGIN))
                above, window_top = len(found), upper
                found += self._window(cursor, tsquery, lower, upper, CANDIDATES - len(found))
                upper = lower
            total = None
            if len(found) == CANDIDATES:
                total = self._count(cursor, tsquery, above, len(found) / (top - upper), window_top, top)
            return self._ranked(cursor, tsquery, found), total

    @staticmethod
    def _older(cursor, tsquery: str, upper: int) -> list[int]:
        """Every match's id under `upper`, in no order, stopping at COUNT_CAP + 1: one GIN bitmap read."""
        cursor.execute(
            "SELECT entry_id FROM search_tsv WHERE tsv @@ %s::tsquery AND entry_id < %s LIMIT %s",
            [tsquery, upper, COUNT_CAP + 1],
        )
        return [row[0] for row in cursor.fetchall()]

    @staticmethod
    def _count(cursor, tsquery: str, above: int, density: float, below: int, top: int) -> int | None:
        """How many match, up to COUNT_CAP + 1: the `above` matches with ids from `below` to `top` plus those
        under `below`, counted by testing rows where that costs less than reading the posting lists (about
        density * top entries). None where it does not, or where the rows tested did not settle it."""
        rest = COUNT_CAP + 1 - above
        span = int(rest / density * WINDOW_MARGIN)
        if span * ROW_TEST_COST > density * top:
            return None
        lower = max(0, below - span)
        cursor.execute(
            "SELECT count(*) FROM (SELECT 1 FROM search_tsv WHERE tsv @@ %s::tsquery AND entry_id >= %s "
            "AND entry_id < %s LIMIT %s) m",
            [tsquery, lower, below, rest],
        )
        more = cursor.fetchone()[0]
        return above + more if more == rest or lower == 0 else None

    @staticmethod
    def _window(cursor, tsquery: str, lower: int, upper: int, limit: int) -> list[int]:
        """The newest `limit` matches with ids in [lower, upper). PostgreSQL ANDs the GIN bitmap with the
        primary-key range, or tests the range's rows where it expects most of them to match."""
        cursor.execute(
            "SELECT entry_id FROM search_tsv WHERE tsv @@ %s::tsquery AND entry_id >= %s AND entry_id < %s "
            "ORDER BY entry_id DESC LIMIT %s",
            [tsquery, lower, upper, limit],
        )
        return [row[0] for row in cursor.fetchall()]

    @staticmethod
    def _ranked(cursor, tsquery: str, ids: list[int]) -> list[tuple[int, float]]:
        """ts_rank decompresses a tsvector, so only for the candidates kept."""
        if not ids:
            return []
        cursor.execute(
            "SELECT entry_id, ts_rank('{0.1, 0.2, 0.4, 1.0}', tsv, %s::tsquery) FROM search_tsv "
            "WHERE entry_id = ANY(%s)",
            [tsquery, ids],
        )
        return [(row[0], row[1]) for row in cursor.fetchall()]

    def count(self, cursor, query: Query) -> int:
        with transaction.atomic():  # the GIN bitmap, never a row-by-row filter (see candidates)
            cursor.execute(PLANNER_SETTINGS)
            cursor.execute(
                "SELECT count(*) FROM (SELECT 1 FROM search_tsv WHERE tsv @@ %s::tsquery LIMIT %s) m",
                [self.tsquery(query), COUNT_CAP + 1],
            )
            return cursor.fetchone()[0]


def backend():
    return PostgresBackend() if connection.vendor == "postgresql" else SqliteBackend()
