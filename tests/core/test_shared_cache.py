"""Throttles, counts and page keys live in a cache every process shares (docs/architecture.md, Runtime).

With a per-process memory cache, the demo's two web workers each counted a query code's wrong guesses on their
own: the throttle (6 digits must not be guessable) switched on and off from one request to the next.
"""

from __future__ import annotations

import subprocess
import sys
import time

import pytest
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
        f"throttle.guess({keys!r}, 10)"
    )
    subprocess.run([sys.executable, "-c", script], check=True, timeout=60)
    assert cache.get_many(keys) == {keys[0]: 1}


def test_a_count_survives_the_rollback_of_the_request_that_made_it(db):
    """A refused request rolls back; the wrong guess it counted must stay counted."""
    keys = throttle.keys("test-rollback", n="GK2026-1")
    try:
        with transaction.atomic():
            throttle.guess(keys, 10)
            raise RuntimeError("refused")
    except RuntimeError:
        pass
    assert cache.get_many(keys) == {keys[0]: 1}


REDIS = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:6379/14"}}


def test_a_counter_counts_and_forgets_after_its_window_in_the_default_cache():
    key = throttle.keys("test-hit", n="BL1")[0]
    assert [throttle.hit(key, 60) for _ in range(3)] == [1, 2, 3]
    assert cache.get(key) == 3  # what throttle.guess counts on from


def test_on_redis_a_counter_counts_in_one_round_trip_and_expires(monkeypatch):
    """Every call of the exchange API and every wrong query code counts once. Django's add and incr on Redis are
    three round trips (incr asks whether the key exists first); the count and its expiry go in one. Redis runs on
    every machine this suite runs on (CI, the demo's host), so the test is not skipped where it is missing."""
    from django.core.cache import caches
    from django.test import override_settings
    from redis.connection import Connection

    sent = []
    real = Connection.send_packed_command
    monkeypatch.setattr(Connection, "send_packed_command", lambda self, *a, **k: sent.append(1) or real(self, *a, **k))
    with override_settings(CACHES=REDIS):
        redis_cache = caches["default"]
        key = throttle.keys("test-hit-redis", n="BL2")[0]
        redis_cache.delete(key)
        redis_cache.get(key)  # connect before counting what is sent
        sent.clear()
        assert [throttle.hit(key, 60) for _ in range(3)] == [1, 2, 3]
        assert len(sent) == 3
        assert redis_cache.get(key) == 3
        client = redis_cache._cache.get_client(key)
        assert 0 < client.ttl(redis_cache.make_and_validate_key(key)) <= 60
        redis_cache.delete(key)


def test_counts_made_at_once_in_the_default_cache_are_all_kept():
    """Outside attack, session 42: the file cache's incr reads then writes, so sixteen callers at once each
    counted from the same value and a grant's rate let twice its calls through."""
    from concurrent.futures import ThreadPoolExecutor

    key = throttle.keys("test-race", n="BL3")[0]
    with ThreadPoolExecutor(16) as pool:
        counts = list(pool.map(lambda _i: throttle.hit(key, 60), range(200)))
    assert sorted(counts) == list(range(1, 201)) and cache.get(key) == 200


@pytest.mark.parametrize("caches_setting", [None, REDIS], ids=["default", "redis"])
def test_a_right_guess_is_given_back_and_a_count_gone_meanwhile_stays_gone(caches_setting):
    """cases/lookup.py counts a guess before judging it and gives a right one back (throttle.forgive)."""
    from django.core.cache import caches
    from django.test import override_settings

    with override_settings(**({"CACHES": caches_setting} if caches_setting else {})):
        caches["default"].clear()
        keys = throttle.keys("test-forgive", n="BL2")
        assert throttle.guess(keys, 2) and throttle.guess(keys, 2) and not throttle.guess(keys, 2)
        throttle.forgive(keys)
        assert caches["default"].get(keys[0]) == 2
        caches["default"].delete(keys[0])
        throttle.forgive(keys)
        assert caches["default"].get(keys[0]) is None
        caches["default"].clear()


def test_on_the_file_cache_a_count_lives_its_window_from_the_first_guess():
    """Review (session 48): Django's incr wrote the count back with the cache's default timeout, so on the file
    cache "ten an hour" was ten per five quiet minutes."""
    import pickle

    from django.core.cache import caches

    shared = caches["default"]
    key = throttle.keys("test-window", n="BL3")[0]
    for _ in range(3):
        throttle.hit(key, 3600)
    throttle.forgive([key])
    with open(shared._key_to_file(key), "rb") as stored:
        expires = pickle.load(stored)
    assert cache.get(key) == 2 and expires - time.time() > 3500
