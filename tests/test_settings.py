"""Settings come from ZT_* environment variables only; production-like settings pass `check --deploy`."""

from __future__ import annotations

import os
import subprocess
import sys

from django.conf import settings
from django.db import connection


def _run(args, env_extra, tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("ZT_")}
    env.update({"ZT_VAR_DIR": str(tmp_path), **env_extra})
    return subprocess.run(
        [sys.executable, "-m", "zhengtong", *args], env=env, capture_output=True, text=True, timeout=120
    )


def test_check_deploy_passes_with_production_like_environment(tmp_path):
    result = _run(
        ["check", "--deploy", "--fail-level", "WARNING"],
        {
            "ZT_SECRET_KEY": "k" * 64 + "-production-like-secret-" + "x" * 20,
            "ZT_DEBUG": "0",
            "ZT_ALLOWED_HOSTS": "www.beilun.gov.cn",
            "ZT_HTTPS": "1",
            "ZT_AUDIT_KEY": "a" * 48,
            "ZT_FIELD_KEY": "ZHJpbGwtZmllbGQta2V5LTMyLWJ5dGVzLWxvbmchISE=",
            "ZT_EXCHANGE_SIGNING_KEY": "ZXhjaGFuZ2Utc2lnbmluZy1zZWVkLTMyLWJ5dGVzISE=",
        },
        tmp_path,
    )
    assert result.returncode == 0, result.stderr + result.stdout


def test_check_deploy_fails_under_https_without_an_audit_key(tmp_path):
    """Derived from the secret key, the chain key would sit in var/ beside the SQLite database (DOMAIN §8)."""
    result = _run(
        ["check", "--deploy"],
        {"ZT_SECRET_KEY": "k" * 80, "ZT_ALLOWED_HOSTS": "www.beilun.gov.cn", "ZT_HTTPS": "1"},
        tmp_path,
    )
    assert result.returncode == 1 and "ZT_AUDIT_KEY" in result.stderr


def test_check_deploy_fails_without_https(tmp_path):
    """The deploy check is not silenced into uselessness: serving plain http is a finding."""
    result = _run(
        ["check", "--deploy", "--fail-level", "WARNING"],
        {"ZT_SECRET_KEY": "k" * 80, "ZT_DEBUG": "1", "ZT_ALLOWED_HOSTS": "www.beilun.gov.cn"},
        tmp_path,
    )
    assert result.returncode != 0


def test_an_unknown_site_role_is_refused(tmp_path):
    result = _run(["check"], {"ZT_SITE_ROLE": "everything"}, tmp_path)
    assert result.returncode != 0
    assert "ZT_SITE_ROLE" in result.stderr


def test_language_and_time_zone():
    assert settings.LANGUAGE_CODE == "zh-hans"
    assert settings.TIME_ZONE == "Asia/Shanghai"
    assert settings.USE_TZ is True
    assert (settings.LOCALE_PATHS[0] / "en" / "LC_MESSAGES" / "django.mo").exists()


def test_sqlite_runs_in_wal_with_immediate_transactions_and_a_busy_timeout(db):
    if connection.vendor != "sqlite":
        return
    options = settings.DATABASES["default"]["OPTIONS"]
    assert options["transaction_mode"] == "IMMEDIATE"
    assert options["timeout"] >= 5
    assert "journal_mode=WAL" in options["init_command"]


def test_argon2_is_the_first_hasher():
    from zhengtong import settings as project_settings

    assert project_settings.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")


def test_idle_timeout_is_thirty_minutes():
    assert settings.SESSION_COOKIE_AGE == 1800
    assert settings.SESSION_SAVE_EVERY_REQUEST is False  # accounts.middleware.IdleSessionMiddleware keeps the idle age


def test_the_sqlite_file_database_is_in_wal_mode(tmp_path):
    code = (
        "from django.db import connection; c = connection.cursor(); "
        "c.execute('PRAGMA journal_mode'); print(c.fetchone()[0])"
    )
    result = _run(["shell", "-c", code], {}, tmp_path)
    assert result.stdout.strip().splitlines()[-1] == "wal", result.stderr
