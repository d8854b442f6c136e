"""Counts in the shared cache: wrong guesses of a short secret (a 6-digit query code) per key for an hour, and
calls per minute (the exchange API's grant rate)."""

from __future__ import annotations

import fcntl
import hashlib
import time
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


# DECR and, at nothing left, DEL in one step: a wrong guess counted between the two would be deleted with it.
_GIVE_BACK = "local n = redis.call('DECR', KEYS[1]) if n <= 0 then redis.call('DEL', KEYS[1]) end return n"


def forgive(keys: list[str]) -> None:
    """A judged guess that was right: its count given back."""
    shared = caches["default"]
    for key in keys:
        if isinstance(shared, RedisCache):
            name = shared.make_and_validate_key(key)
            shared._cache.get_client(name, write=True).eval(_GIVE_BACK, 1, name)
            continue
        with _serialised(shared):
            count = cache.get(key)
            if count is not None:
                _store(key, count - 1)


def hit(key: str, window: int) -> int:
    """One more in `key`'s count, which lives `window` seconds from its first: the count so far, none lost to
    another process counting at the same moment. On Redis one round trip (SET NX EX and INCR in one MULTI):
    Django's add then incr take three, as its incr first asks whether the key exists, and every exchange call
    counts. On the file cache under a lock; not by Django's incr, which writes the count back with the cache's
    default timeout (five minutes from the last guess instead of `window` from the first)."""
    shared = caches["default"]
    if isinstance(shared, RedisCache):
        name = shared.make_and_validate_key(key)
        with shared._cache.get_client(name, write=True).pipeline(transaction=True) as pipe:
            pipe.set(name, 0, ex=window, nx=True)
            pipe.incr(name)
            return pipe.execute()[1]
    with _serialised(shared):
        # the first count's moment and window, kept as long as the count
        cache.add(f"{key}:since", (time.time(), window), window)
        count = (cache.get(key) or 0) + 1
        _store(key, count)
        return count


def _store(key: str, count: int) -> None:
    """The count written back to live as long as its window has left (gone at nothing, or with its window)."""
    since = cache.get(f"{key}:since")
    if count <= 0 or since is None:
        cache.delete(key)
        return
    first, window = since
    cache.set(key, count, max(1.0, first + window - time.time()))


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
