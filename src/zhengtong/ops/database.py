"""The database half of a backup: one consistent copy, and the row counts and audit head read from that same
copy (never from the live database a moment later, which may have moved on).

SQLite: the online backup API copies a running database page by page into a new file. PostgreSQL: a
REPEATABLE READ transaction exports its snapshot, the counts are read in it, and `pg_dump --snapshot` dumps
exactly that state in its custom format; `pg_restore --single-transaction` puts it back whole or not at all.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import connection, transaction

AUDIT_TABLE, LOGIN_TABLE = "audit_operationlog", "audit_loginlog"


class Unsupported(Exception):
    pass


@dataclass
class Contents:
    tables: dict[str, int]
    audit_head: dict | None


def _vendor() -> str:
    if connection.vendor not in ("sqlite", "postgresql"):
        raise Unsupported(f"不支持的数据库：{connection.vendor}")
    return connection.vendor


def _read(cursor, tables: list[str], quote) -> Contents:
    counts = {}
    for table in sorted(tables):
        cursor.execute(f"SELECT count(*) FROM {quote(table)}")
        counts[table] = cursor.fetchone()[0]
    head = _head(cursor, AUDIT_TABLE) if AUDIT_TABLE in counts else None
    if head and LOGIN_TABLE in counts:
        login = _head(cursor, LOGIN_TABLE) or {"seq": 0, "hash": ""}
        head.update(login_seq=login["seq"], login_hash=login["hash"])
    return Contents(counts, head)


def _head(cursor, table: str) -> dict | None:
    cursor.execute(f"SELECT seq, hash FROM {table} ORDER BY seq DESC LIMIT 1")
    row = cursor.fetchone()
    return {"seq": row[0], "hash": row[1]} if row else None


def _sqlite_tables(cursor) -> list[str]:
    cursor.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    return [name for (name,) in cursor.fetchall()]


def _sqlite_quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _sqlite_path() -> Path:
    return Path(settings.DATABASES["default"]["NAME"])


def describe() -> Contents:
    """The live database's row counts and audit head (for a restore's comparison and `backup --describe`)."""
    if _vendor() == "sqlite":
        with connection.cursor() as cursor:
            return _read(cursor, _sqlite_tables(cursor), _sqlite_quote)
    with connection.cursor() as cursor:
        return _read(cursor, connection.introspection.table_names(cursor), connection.ops.quote_name)


def dump(into: Path) -> tuple[str, Contents]:
    """Write a consistent copy into the folder `into`; return its file name and what it holds."""
    if _vendor() == "sqlite":
        name = "database.sqlite3"
        source = sqlite3.connect(_sqlite_path())
        copy = sqlite3.connect(into / name)
        try:
            source.backup(copy)
            contents = _read(copy.cursor(), _sqlite_tables(copy.cursor()), _sqlite_quote)
        finally:
            copy.close()
            source.close()
        return name, contents
    name = "database.pgdump"
    connection.ensure_connection()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
        contents = _read(cursor, connection.introspection.table_names(cursor), connection.ops.quote_name)
        _pg("pg_dump", "--format=custom", f"--snapshot={snapshot}", f"--file={into / name}")
    return name, contents


def is_empty() -> bool:
    if _vendor() == "sqlite":
        path = _sqlite_path()
        if not path.exists():
            return True
        probe = sqlite3.connect(path)
        try:
            return not _sqlite_tables(probe.cursor())
        finally:
            probe.close()
    return not connection.introspection.table_names()


def load(dump_file: Path) -> None:
    """Put a dump back into the site's (empty) database."""
    if _vendor() == "sqlite":
        connection.close()
        path = _sqlite_path()
        for leftover in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
            leftover.unlink(missing_ok=True)
        partial = path.with_suffix(".restoring")
        shutil.copyfile(dump_file, partial)
        os.replace(partial, path)
        return
    connection.close()
    _pg("pg_restore", "--no-owner", "--no-acl", "--exit-on-error", "--single-transaction", str(dump_file))


def _pg(program: str, *args: str) -> None:
    db = settings.DATABASES["default"]
    env = {
        **os.environ,
        "PGHOST": db.get("HOST") or "",
        "PGPORT": str(db.get("PORT") or ""),
        "PGUSER": db.get("USER") or "",
        "PGPASSWORD": db.get("PASSWORD") or "",
        "PGDATABASE": db["NAME"],
    }
    done = subprocess.run([program, *args, f"--dbname={db['NAME']}"], env=env, capture_output=True, text=True)
    if done.returncode:
        raise RuntimeError(f"{program} 失败（{done.returncode}）：{done.stderr.strip()[:2000]}")
