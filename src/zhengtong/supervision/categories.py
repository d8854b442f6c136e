"""The kinds of administrative decision the law counts (条例 Art. 20 (五)–(八): 行政许可, 行政处罚, 行政强制, ...),
and which timed subjects are of each kind.

A domain names its case types here when it starts (its AppConfig.ready), so that a report counts the decisions
of a kind from their clocks without naming another domain's models.
"""

from __future__ import annotations

LICENSING = "licensing"  # 行政许可

_subjects: dict[str, set[str]] = {}


def register(category: str, subject: str) -> None:
    _subjects.setdefault(category, set()).add(subject)


def subjects(category: str) -> frozenset[str]:
    return frozenset(_subjects.get(category, ()))
