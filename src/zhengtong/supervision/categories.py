"""The kinds of administrative decision the law counts (条例 Art. 20 (五)–(八): 行政许可, 行政处罚, 行政强制, ...),
and which timed subjects are of each kind.

A domain names its case types here when it starts (its AppConfig.ready), and how to count its decisions of a
kind, so that a report counts them without naming another domain's models.
"""

from __future__ import annotations

LICENSING = "licensing"  # 行政许可

_subjects: dict[str, set[str]] = {}
_counters: dict[str, list] = {}


def register(category: str, subject: str) -> None:
    _subjects.setdefault(category, set()).add(subject)


def subjects(category: str) -> frozenset[str]:
    return frozenset(_subjects.get(category, ()))


def register_counter(category: str, counter) -> None:
    """`counter(start, end, department) -> int`: the decisions of this kind made in [start, end) by the department
    or any unit below it."""
    _counters.setdefault(category, []).append(counter)


def decisions(category: str, start, end, department) -> int:
    return sum(counter(start, end, department) for counter in _counters.get(category, ()))
