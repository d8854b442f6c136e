"""Throttles, counts and page keys live in a cache every process shares (docs/architecture.md, Runtime).

With a per-process memory cache, the demo's two web workers each counted a query code's wrong guesses on their
own: the throttle (6 digits must not be guessable) switched on and off from one request to the next.
"""

from __future__ import annotations

import subprocess
import sys

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

from zhengtong.core import throttle


def test_the_default_cache_is_shared_by_every_process_not_kept_in_one():
    backend = settings.CACHES["default"]["BACKEND"]
    assert "locmem" not in backend and "dummy" not in backend


def test_a_failure_counted_in_another_process_is_seen_here():
    """A second Python process, as a second web worker would, counts a wrong guess; this one sees the count."""
    keys = throttle.keys("test-shared", n="XJ2026000001")
    location = settings.CACHES["default"].get("LOCATION")
    script = (
        "import os, django; os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'zhengtong.settings'); django.setup();"
        "from django.conf import settings;"
        f"settings.CACHES['default']['LOCATION'] = {location!r};"
        "from zhengtong.core import throttle;"
        f"throttle.count_failure({keys!r})"
    )
    subprocess.run([sys.executable, "-c", script], check=True, timeout=60)
    assert cache.get_many(keys) == {keys[0]: 1}


def test_a_count_survives_the_rollback_of_the_request_that_made_it(db):
    """A refused request rolls back; the wrong guess it counted must stay counted."""
    keys = throttle.keys("test-rollback", n="GK2026-1")
    try:
        with transaction.atomic():
            throttle.count_failure(keys)
            raise RuntimeError("refused")
    except RuntimeError:
        pass
    assert cache.get_many(keys) == {keys[0]: 1}
