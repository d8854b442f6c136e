"""Wrong guesses of a short secret (a 6-digit query code) counted per key for an hour, in the shared cache."""

from __future__ import annotations

import hashlib

from django.core.cache import cache

WINDOW = 3600


def keys(scope: str, **values) -> list[str]:
    """Hashed: a number or address typed by anyone must not become a raw cache key."""
    return [f"zt:{scope}:" + hashlib.sha256(f"{k}:{v}".encode()).hexdigest() for k, v in values.items()]


def exceeded(keys: list[str], limit: int) -> bool:
    return any(count >= limit for count in cache.get_many(keys).values())


def count_failure(keys: list[str]) -> None:
    for key in keys:
        cache.add(key, 0, WINDOW)
        cache.incr(key)
