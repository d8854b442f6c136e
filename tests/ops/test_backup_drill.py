"""The restore drill (等保2.0 数据备份恢复; DOMAIN §8): a seeded site is backed up while it runs, restored into a
fresh place, and the copy must hold the same rows, the same files and an intact audit chain up to the head the
backup recorded. It runs the console script in child processes, as an operator would, on the engine the suite
runs on (SQLite under `make test`, PostgreSQL in CI's second pass).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.conf import settings

ZHENGTONG = [sys.executable, "-m", "zhengtong"]
ON_POSTGRES = settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
AUDIT_KEY = "drill-audit-key-kept-off-the-database-server"
FIELD_KEY = "ZHJpbGwtZmllbGQta2V5LTMyLWJ5dGVzLWxvbmchISE="  # 32 bytes, base64


class Site:
    """One installation: its own var/ directory and, on PostgreSQL, its own database."""

    def __init__(self, root: Path, name: str):
        self.var = root / name
        self.database = f"zt_drill_{name}_{uuid.uuid4().hex[:8]}" if ON_POSTGRES else None

    def env(self, **extra) -> dict:
        env = {k: v for k, v in os.environ.items() if not k.startswith("ZT_") and k != "DJANGO_SETTINGS_MODULE"}
        env.update(
            {
                "ZT_VAR_DIR": str(self.var),
                "ZT_AUDIT_KEY": AUDIT_KEY,
                "ZT_FIELD_KEY": FIELD_KEY,
                "ZT_SECRET_KEY": "drill-secret",
                **extra,
            }
        )
        if self.database:
            env["ZT_DATABASE_URL"] = f"{_server()}/{self.database}"
        return env

    def run(self, *args, check=True, **extra) -> subprocess.CompletedProcess:
        done = subprocess.run(
            [*ZHENGTONG, *args], env=self.env(**extra), capture_output=True, text=True, timeout=600, check=False
        )
        if check and done.returncode:
            raise AssertionError(f"zhengtong {' '.join(args)} exited {done.returncode}:\n{done.stdout}\n{done.stderr}")
        return done


def _server() -> str:
    db = settings.DATABASES["default"]
    return f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}"


def _psql(sql: str) -> None:
    subprocess.run(["psql", f"{_server()}/postgres", "-qc", sql], check=True, capture_output=True)


@pytest.fixture(scope="module")
def sites(tmp_path_factory):
    made = []
    root = tmp_path_factory.mktemp("sites")

    def make(name: str) -> Site:
        site = Site(root, name)
        if site.database:
            _psql(f"CREATE DATABASE {site.database}")
        made.append(site)
        return site

    yield make
    for site in made:
        if site.database:
            _psql(f"DROP DATABASE IF EXISTS {site.database} WITH (FORCE)")


@pytest.fixture(scope="module")
def seeded(sites, tmp_path_factory):
    """A small seeded 北仑区 and its backup (made once: seeding takes a while)."""
    origin = sites("origin")
    origin.run("demo", "--no-serve", "--applications", "30", "--documents", "30", "--letters", "30")
    origin.run("audit", "anchor")
    backups = tmp_path_factory.mktemp("backups")
    origin.run("backup", str(backups))
    (backup,) = backups.iterdir()
    return origin, backup


def test_a_backup_restored_to_a_fresh_place_holds_the_same_rows_files_and_audit_chain(seeded, sites):
    origin, backup = seeded
    manifest = json.loads((backup / "manifest.json").read_text())
    assert manifest["tables"]["approvals_application"] >= 30 and manifest["tables"]["audit_operationlog"] > 0
    assert manifest["files"], "the seeded attachments are in the backup"

    fresh = sites("fresh")
    done = fresh.run("restore", str(backup))
    assert "恢复完成" in done.stdout, done.stdout

    report = json.loads(fresh.run("backup", "--describe").stdout)
    assert report["tables"] == manifest["tables"]
    assert report["files"] == manifest["files"]
    verified = fresh.run(
        "audit", "verify", "--anchor", f"{manifest['audit_head']['seq']}:{manifest['audit_head']['hash']}"
    )
    assert "审计日志完整" in verified.stdout


def test_a_restore_without_the_audit_key_says_the_key_is_missing_and_restores_nothing(seeded, sites):
    _origin, backup = seeded
    fresh = sites("keyless")
    done = fresh.run("restore", str(backup), check=False, ZT_AUDIT_KEY="")
    assert done.returncode != 0
    assert "ZT_AUDIT_KEY" in done.stderr and "篡改" not in done.stderr
    assert not (fresh.var / "media" / "uploads").exists()


def test_a_changed_file_in_the_backup_is_named_and_nothing_is_restored(seeded, sites, tmp_path):
    backup = shutil.copytree(seeded[1], tmp_path / "copy")
    manifest = json.loads((backup / "manifest.json").read_text())
    changed = next(iter(manifest["files"]))
    with open(backup / changed, "ab") as f:
        f.write(b"x")
    fresh = sites("tampered")
    done = fresh.run("restore", str(backup), check=False)
    assert done.returncode != 0 and changed in done.stderr
    assert not (fresh.var / "media" / "uploads").exists()


def test_restore_never_overwrites_a_site_that_has_data(seeded):
    origin, backup = seeded
    done = origin.run("restore", str(backup), check=False)
    assert done.returncode != 0 and "非空" in done.stderr


def test_a_restore_without_the_field_key_refuses_rather_than_restore_unreadable_personal_data(seeded, sites):
    _origin, backup = seeded
    other = "b3RoZXItZmllbGQta2V5LTMyLWJ5dGVzLWxvbmchISE="
    fresh = sites("fieldless")
    done = fresh.run("restore", str(backup), check=False, ZT_FIELD_KEY=other)
    assert done.returncode != 0 and "ZT_FIELD_KEY" in done.stderr
