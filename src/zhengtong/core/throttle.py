"""Counts in the shared cache: wrong guesses of a short secret (a 6-digit query code) per key for an hour, and
calls per minute (the exchange API's grant rate)."""

from __future__ import annotations

import fcntl
import hashlib
from contextlib import contextmanager
from pathlib import Path

from django.core.cache import cache, caches
from django.core.cache.backends.filebased import FileBasedCache
from django.core.cache.backends.redis import RedisCache

WINDOW = 3600


def keys(scope: str, **values) -> list[str]:
    """Hashed: a number or address typed by anyone must not become a raw cache key."""
    return [f"zt:{scope}:" + hashlib.sha256(f"{k}:{v}".encode()).hexdigest() for k, v in values.items()]


def exceeded(keys: list[str], limit: int) -> bool:
    """Whether a key's count has reached `limit`: a read, for a check on every request (the status lookup)."""
    return any(count >= limit for count in cache.get_many(keys).values())


def count_failure(keys: list[str]) -> None:
    """One more wrong guess against each key, counted after it was judged (see `guess` for the other order)."""
    for key in keys:
        hit(key, WINDOW)


def guess(keys: list[str], limit: int) -> bool:
    """One more guess counted against each key before it is judged: whether it may be judged (no key past
    `limit`). Checked first and counted after a wrong answer, every guess of a burst sent at once was judged, as
    none had been counted yet; counted first, each takes its own place in the count. A right guess is given back
    (`forgive`), so that only wrong ones close a number."""
    counts = [hit(key, WINDOW) for key in keys]
    return all(count <= limit for count in counts)


def forgive(keys: list[str]) -> None:
    """A judged guess that was right: its count given back."""
    shared = caches["default"]
    for key in keys:
        if isinstance(shared, RedisCache):
            name = shared.make_and_validate_key(key)
            client = shared._cache.get_client(name, write=True)
            if client.decr(name) <= 0:  # gone meanwhile, DECR made it -1 and for ever: away with it
                client.delete(name)
            continue
        with _serialised(shared):
            try:
                if cache.decr(key) <= 0:
                    cache.delete(key)
            except ValueError:  # the count left the cache meanwhile: nothing to give back
                pass


def hit(key: str, window: int) -> int:
    """One more in `key`'s count, which lives `window` seconds from its first: the count so far, none lost to
    another process counting at the same moment. On Redis one round trip (SET NX EX and INCR in one MULTI):
    Django's add then incr take three, as its incr first asks whether the key exists, and every exchange call
    counts."""
    shared = caches["default"]
    if isinstance(shared, RedisCache):
        name = shared.make_and_validate_key(key)
        with shared._cache.get_client(name, write=True).pipeline(transaction=True) as pipe:
            pipe.set(name, 0, ex=window, nx=True)
            pipe.incr(name)
            return pipe.execute()[1]
    with _serialised(shared):
        cache.add(key, 0, window)
        try:
            return cache.incr(key)
        except ValueError:  # the key left the cache between add and incr (a file cache culls): count afresh
            cache.set(key, 1, window)
            return 1


@contextmanager
def _serialised(shared):
    """The file cache's incr reads the count, then writes it: two workers at once both counted from one value,
    and a grant's rate let twice its calls through. Its counts are made one at a time under a lock on a file in
    the cache's folder, which every process and thread of the site shares."""
    if not isinstance(shared, FileBasedCache):
        yield
        return
    folder = Path(shared._dir)
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / "counters.lock", "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
