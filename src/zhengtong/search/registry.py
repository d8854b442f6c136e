"""Sources for `zhengtong search reindex`: each domain registers, in its AppConfig.ready(), a kind and a function
that yields a Document for everything of that kind that is public now (the engine never imports a domain)."""

from __future__ import annotations

from collections.abc import Callable, Iterable

SOURCES: dict[str, tuple[Callable[[], int], Callable[[], Iterable]]] = {}


def register(kind: str, *, count: Callable[[], int], documents: Callable[[], Iterable]) -> None:
    SOURCES[kind] = (count, documents)
