"""Search's pages read into memory before the first visitor asks (issue 26, cold search).

After a restart, with the operating system's page cache empty, the first queries each read their index pages
from disk: 83-122 ms p95 where a warm query takes under 50. `zhengtong serve` asks every app to warm up before it
starts the web workers (AppConfig.warm); search reads its index, its rows and their keys into the page cache
with PostgreSQL's pg_prewarm ("read" mode: the page cache holds far more than shared_buffers), or reads the
SQLite file through once. Where pg_prewarm cannot be installed (no privilege), it says so and starts cold."""

from __future__ import annotations

import logging
from pathlib import Path

from django.db import DatabaseError, connection, transaction

log = logging.getLogger(__name__)

POSTGRES_RELATIONS = ("search_tsv_gin", "search_tsv", "search_tsv_pkey", "search_entry", "search_entry_pkey")
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
            for relation in POSTGRES_RELATIONS:
                cursor.execute("SELECT to_regclass(%s) IS NOT NULL", [relation])
                if cursor.fetchone()[0]:
                    cursor.execute("SELECT pg_prewarm(%s, 'read')", [relation])
                    blocks += cursor.fetchone()[0]
    except DatabaseError as e:  # the extension needs a privilege the site's database role may not have
        log.warning("search prewarm skipped: %s", e)
        return f"搜索预热未进行（{str(e).strip().splitlines()[0]}），首批查询将从磁盘读取索引"
    return f"搜索预热：读入 {blocks * 8 // 1024} MB"


def _sqlite(path: Path) -> str:
    if not path.is_file():
        return "搜索预热：无数据库文件"
    read = 0
    with path.open("rb") as f:  # the index lives in the database file: one sequential read fills the page cache
        while chunk := f.read(CHUNK):
            read += len(chunk)
    return f"搜索预热：读入 {read // (1024 * 1024)} MB"
