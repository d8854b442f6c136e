"""Cold search (issue 26, item 4): the first queries after a restart must not wait on the disk. `zhengtong serve`
reads search's index and rows into the page cache before the web workers start."""

from __future__ import annotations

import io

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection

from zhengtong.search import warm


def test_serve_warms_search_before_the_workers_start(db, monkeypatch):
    started = []
    monkeypatch.setattr("os.execvp", lambda *command: started.append(command))
    monkeypatch.setattr(warm, "prewarm", lambda: "搜索预热：读入 1 MB")
    out = io.StringIO()
    call_command("serve", stdout=out)
    assert "搜索预热：读入 1 MB" in out.getvalue() and "gunicorn" in started[0][1]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_prewarm")
def test_on_postgresql_the_index_and_rows_are_read_with_pg_prewarm(db):
    said = apps.get_app_config("search").warm()
    assert said.startswith("搜索预热：读入"), said
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_prewarm'")
        assert cursor.fetchone()


def test_on_sqlite_the_database_file_is_read_through(tmp_path):
    database = tmp_path / "zhengtong.sqlite3"
    database.write_bytes(b"\0" * (3 * 1024 * 1024))
    assert warm._sqlite(database) == "搜索预热：读入 3 MB"
    assert warm._sqlite(tmp_path / "missing.sqlite3") == "搜索预热：无数据库文件"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_prewarm")
def test_on_postgresql_the_tsvectors_kept_out_of_line_are_read_too(db):
    """Issue 26, item 4: a document's tsvector is kept in its table's TOAST table, which ranking reads for every
    candidate; the warm-up reads it, its index and every index of both tables, found in the catalogue."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT t.reltoastrelid::regclass::text, i.indexrelid::regclass::text FROM pg_class t "
            "JOIN pg_index i ON i.indrelid = t.reltoastrelid WHERE t.oid = 'search_tsv'::regclass"
        )
        toast, toast_index = cursor.fetchone()
        relations = warm.postgres_relations(cursor)
    assert {"search_tsv", "search_tsv_gin", "search_tsv_pkey", toast, toast_index} <= set(relations)
    assert {"search_entry", "search_entry_pkey", "search_entry_title", "search_entry_unique"} <= set(relations)
