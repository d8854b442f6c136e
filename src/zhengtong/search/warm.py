"""Search's pages read into memory before the first visitor asks (issue 26, cold search).

After a restart, with the operating system's page cache empty, the first queries each read their index pages
from disk, several times slower than a warm query (decision 0020 has the figures). `zhengtong serve` asks every
app to warm up before it starts the web workers (AppConfig.warm); search reads its index, its rows and their keys
into the page cache with PostgreSQL's pg_prewarm ("read" mode: the page cache holds far more than
shared_buffers), or reads the SQLite file through once. Where pg_prewarm cannot be installed (no privilege), it
says so and starts cold.

On PostgreSQL it reads every relation a query reads: each search table, every index on it, and its TOAST table
with that table's index. A document's tsvector is a few kilobytes, so PostgreSQL keeps it out of line, in the
TOAST table, and ranking the candidates (ts_rank) and testing rows read it there: left out, each cold query read
hundreds of tsvectors from disk. The TOAST table is the largest relation of all, so the page cache must hold it:
where the machine's memory cannot, the kernel keeps what was read last."""

from __future__ import annotations

import logging
from pathlib import Path

from django.db import DatabaseError, connection, transaction

log = logging.getLogger(__name__)

POSTGRES_TABLES = ("search_tsv", "search_entry")
# A table, its indexes, its TOAST table and that one's index: by the catalogue, so an index added later is read too.
_RELATIONS = """
    SELECT t.oid::regclass::text, 0 FROM pg_class t WHERE t.oid = to_regclass(%(table)s)
    UNION ALL SELECT i.indexrelid::regclass::text, 1 FROM pg_index i WHERE i.indrelid = to_regclass(%(table)s)
    UNION ALL SELECT t.reltoastrelid::regclass::text, 2 FROM pg_class t
        WHERE t.oid = to_regclass(%(table)s) AND t.reltoastrelid <> 0
    UNION ALL SELECT i.indexrelid::regclass::text, 3 FROM pg_class t JOIN pg_index i ON i.indrelid = t.reltoastrelid
        WHERE t.oid = to_regclass(%(table)s)
    ORDER BY 2, 1
"""
CHUNK = 8 * 1024 * 1024


def prewarm() -> str:
    """Read search's tables and indexes into the page cache; returns what was done, for the start-up log."""
    if connection.vendor == "postgresql":
        return _postgres()
    if connection.vendor == "sqlite":
        return _sqlite(Path(connection.settings_dict["NAME"]))
    return "搜索预热：不支持此数据库"


def _postgres() -> str:
    blocks = 0
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_prewarm")
            for relation in postgres_relations(cursor):
                cursor.execute("SELECT pg_prewarm(%s, 'read')", [relation])
                blocks += cursor.fetchone()[0]
    except DatabaseError as e:  # the extension needs a privilege the site's database role may not have
        log.warning("search prewarm skipped: %s", e)
        return f"搜索预热未进行（{str(e).strip().splitlines()[0]}），首批查询将从磁盘读取索引"
    return f"搜索预热：读入 {blocks * 8 // 1024} MB"


def postgres_relations(cursor) -> list[str]:
    """Every relation search's queries read, by name: the tables that exist (an unmigrated database has none)."""
    relations = []
    for table in POSTGRES_TABLES:
        cursor.execute(_RELATIONS, {"table": table})
        relations += [name for name, _order in cursor.fetchall()]
    return relations


def _sqlite(path: Path) -> str:
    if not path.is_file():
        return "搜索预热：无数据库文件"
    read = 0
    with path.open("rb") as f:  # the index lives in the database file: one sequential read fills the page cache
        while chunk := f.read(CHUNK):
            read += len(chunk)
    return f"搜索预热：读入 {read // (1024 * 1024)} MB"
