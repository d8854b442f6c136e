"""/healthz: the process answers. /readyz: it can do work: database, job queue and disk."""

from __future__ import annotations

import shutil

from django.conf import settings
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from huey.contrib.djhuey import HUEY

MIN_FREE_BYTES = 200 * 1024 * 1024


@never_cache
def healthz(request):
    return JsonResponse({"status": "ok"})


def _database() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return "ok"


def _queue() -> str:
    HUEY.storage.queue_size()  # a round trip to Redis or the SQLite queue file
    return "ok"


def _disk() -> str:
    usage = shutil.disk_usage(settings.VAR_DIR)
    if usage.free < MIN_FREE_BYTES:
        raise OSError(f"free {usage.free // (1024 * 1024)} MiB")
    probe = settings.VAR_DIR / ".readyz"
    probe.write_text("ok")
    probe.unlink()
    return "ok"


@never_cache
def readyz(request):
    checks = {}
    for name, check in (("database", _database), ("queue", _queue), ("disk", _disk)):
        try:
            checks[name] = check()
        except Exception as exc:  # a readiness probe reports every failure, whatever its kind
            checks[name] = f"error: {type(exc).__name__}"
    ready = all(v == "ok" for v in checks.values())
    return JsonResponse({"status": "ok" if ready else "unavailable", "checks": checks}, status=200 if ready else 503)
