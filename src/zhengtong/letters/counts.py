"""The published letters' counts, cached: counting 300,000 published rows on every list page cost more than
the page itself. Publication and imports drop them after commit (`forget_counts`)."""

from __future__ import annotations

from django.core.cache import cache

from .models import Kind, Letter

COUNT_TTL = 300


def _count_key(kind: str) -> str:
    return f"zt:letters:published:{kind or 'all'}"


def published_count(kind: str = "") -> int:
    """Kept in the cache for COUNT_TTL seconds, or until a letter is published or withdrawn."""
    key = _count_key(kind)
    count = cache.get(key)
    if count is None:
        letters = Letter.objects.filter(published_at__isnull=False)
        count = (letters.filter(kind=kind) if kind else letters).count()
        cache.set(key, count, COUNT_TTL)
    return count


def forget_counts() -> None:
    cache.delete_many([_count_key(k) for k in ["", *Kind.values]])
