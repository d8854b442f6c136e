"""The kinds of administrative decision the law counts (条例 Art. 20 (五)–(八): 行政许可, 行政处罚, 行政强制, ...).

A domain that makes decisions of a kind registers how to count them when it starts (its AppConfig.ready), so
that a report counts them without naming another domain's models (a count from the clocks missed 即办件, which
are decided at acceptance without a decision clock).
"""

from __future__ import annotations

LICENSING = "licensing"  # 行政许可

_counters: dict[str, list] = {}


def register_counter(category: str, counter) -> None:
    """`counter(start, end, department) -> int`: the decisions of this kind made in [start, end) by the department
    or any unit below it."""
    _counters.setdefault(category, []).append(counter)


def decisions(category: str, start, end, department) -> int:
    return sum(counter(start, end, department) for counter in _counters.get(category, ()))
