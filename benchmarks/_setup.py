"""Shared by the benchmarks: a fresh PostgreSQL database, migrated, with Django set up against it."""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))


def _server() -> str:
    return os.environ.get("ZT_BENCH_SERVER", "postgres://postgres@127.0.0.1:5432")


def _django_on(url: str) -> str:
    """Django set up against `url`, migrated, with hashed static names as in production."""
    os.environ["ZT_DATABASE_URL"] = url
    os.environ.setdefault("ZT_VAR_DIR", str(ROOT / "var" / "bench"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zhengtong.settings")
    _migrated()
    return url


def _migrated() -> None:
    """Django set up, the database migrated, and static files collected: pages render hashed static names, as in
    production, and fail without the manifest."""
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)


def fresh_postgres(name: str) -> str:
    import psycopg

    with psycopg.connect(f"{_server()}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    return _django_on(f"{_server()}/{name}")


def existing_postgres(name: str) -> str:
    """A PostgreSQL database an earlier run created, migrated forward."""
    return _django_on(f"{_server()}/{name}")


def loaded_postgres(name: str, reuse: bool, load, loaded, size: int) -> dict:
    """A benchmark's data: loaded afresh into a new database `name` (`load(size)`, as the audit actor
    "benchmark"), or, with `reuse`, read back from the database an earlier run loaded (`loaded(size)`)."""
    if reuse:
        existing_postgres(name)
        return loaded(size)
    fresh_postgres(name)
    from zhengtong.audit.context import Actor, acting_as

    with acting_as(Actor(name="benchmark")):
        return load(size)


def fresh_sqlite(path: Path) -> Path:
    """A fresh SQLite file database (the embedded default), migrated, with Django set up against it."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    return existing_sqlite(path)


def existing_sqlite(path: Path) -> Path:
    """A SQLite file database an earlier run created (or a new one), migrated forward, with Django set up."""
    path.parent.mkdir(parents=True, exist_ok=True)
    os.environ["ZT_DATABASE_URL"] = f"sqlite:///{path}"
    os.environ.setdefault("ZT_VAR_DIR", str(ROOT / "var" / "bench"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zhengtong.settings")
    _migrated()
    return path


def timed(fn, repeat: int = 5) -> tuple[float, float]:
    """(median, max) seconds over `repeat` runs."""
    runs = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - t)
    return statistics.median(runs), max(runs)


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def as_stored(model, columns: tuple[str, ...]):
    """For a COPY into `model`'s table: (stored, other columns). `stored(*values)` is a row of `columns` as the
    model stores it (encrypted fields encrypted, each blind index computed from its source), followed by every
    other column at its default."""
    from django.db import connection

    from zhengtong.core import crypto
    from zhengtong.core.fields import BlindIndexField, EncryptedTextField

    fields = {f.column: f for f in model._meta.concrete_fields}
    indexes = [f for f in fields.values() if isinstance(f, BlindIndexField)]
    rest = [c for c, f in fields.items() if c not in columns and not f.primary_key and f not in indexes]
    defaults = tuple(fields[c].get_db_prep_save(fields[c].get_default(), connection) for c in rest)
    at = {c: i for i, c in enumerate(columns)}
    encrypted = {at[c] for c in columns if isinstance(fields[c], EncryptedTextField)}
    cipher: dict[tuple[int, str], str] = {}  # a load repeats a few hundred values: each is encrypted once

    def encrypted_once(i: int, value) -> str:
        key = (i, value if isinstance(value, str) else repr(value))
        if key not in cipher:
            cipher[key] = fields[columns[i]].get_prep_value(value)
        return cipher[key]

    def stored(*values):
        row = [encrypted_once(i, v) if i in encrypted else v for i, v in enumerate(values)]
        return (*row, *defaults, *(crypto.blind_index(values[at[f.source]]) for f in indexes))

    return stored, rest + [f.column for f in indexes]
