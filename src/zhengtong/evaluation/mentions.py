"""What other domains count about a member of staff, for his public profile (issue 24 item 4): a letter praising
or complaining about him is the letters domain's, which sits above this engine, so it registers its counter here
in its app's ready() (as a rated case type registers in registry.py)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

Counter = Callable[[object, dt.datetime], list[tuple[str, int]]]
_counters: list[Counter] = []


def register(counter: Counter) -> None:
    """`counter(membership, since)` gives (label, count) pairs shown on the profile."""
    if counter not in _counters:
        _counters.append(counter)


def counted(membership, since: dt.datetime) -> list[tuple[str, int]]:
    return [pair for counter in _counters for pair in counter(membership, since)]
