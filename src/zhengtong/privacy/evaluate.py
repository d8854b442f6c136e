"""Measuring the detector on a labelled corpus: recall per kind, false alarms, throughput.

A corpus is JSON lines `{"text", "spans": [[kind, substring], ...], "allow": [...]}` (tests/privacy/data/README.md).
A labelled span counts as found when a finding of the same kind overlaps it and covers at least COVER of it: a
mobile found without its written +86 still hides the number, one found as two halves does not. A false alarm is a
clean sentence with any finding; a finding in a labelled sentence that overlaps no span is counted apart.
"""

from __future__ import annotations

import json
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .detect import Finding, scan

COVER = 0.6


@dataclass
class Sample:
    text: str
    spans: list[tuple[str, str]]
    allow: frozenset[str] = frozenset()


def load(path: Path) -> list[Sample]:
    samples = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            samples.append(Sample(row["text"], [tuple(s) for s in row["spans"]], frozenset(row.get("allow", ()))))
    return samples


def _places(text: str, value: str) -> list[tuple[int, int]]:
    places, start = [], text.find(value)
    while start >= 0:
        places.append((start, start + len(value)))
        start = text.find(value, start + 1)
    return places


def _covers(finding: Finding, start: int, end: int) -> bool:
    overlap = min(finding.end, end) - max(finding.start, start)
    return overlap > 0 and overlap >= COVER * (end - start)


@dataclass
class Score:
    found: Counter = field(default_factory=Counter)
    missed: Counter = field(default_factory=Counter)
    wrong_kind: Counter = field(default_factory=Counter)  # hidden, but called something else
    clean: int = 0
    false_alarms: int = 0  # clean sentences with a finding
    stray: int = 0  # findings in labelled sentences that match no span
    misses: list[tuple[str, str, str]] = field(default_factory=list)
    alarms: list[tuple[str, str, str]] = field(default_factory=list)

    def recall(self, kind: str) -> float:
        total = self.found[kind] + self.missed[kind]
        return self.found[kind] / total if total else 1.0

    @property
    def false_alarm_rate(self) -> float:
        return self.false_alarms / self.clean if self.clean else 0.0

    @property
    def kinds(self) -> list[str]:
        return sorted(self.found.keys() | self.missed.keys())


def score(samples: Iterable[Sample], detector: Callable[..., list[Finding]] = scan) -> Score:
    result = Score()
    for sample in samples:
        findings = detector(sample.text, allow=sample.allow)
        if not sample.spans:
            result.clean += 1
            if findings:
                result.false_alarms += 1
                result.alarms.extend((f.kind.value, f.text, sample.text) for f in findings)
            continue
        used: set[int] = set()
        for kind, value in sample.spans:
            places = _places(sample.text, value)
            same = [i for i, f in enumerate(findings) if f.kind.value == kind and any(_covers(f, *p) for p in places)]
            other = [i for i, f in enumerate(findings) if any(_covers(f, *p) for p in places)]
            if same:
                result.found[kind] += 1
            else:
                result.missed[kind] += 1
                result.misses.append((kind, value, sample.text))
                if other:
                    result.wrong_kind[kind] += 1
            used.update(same or other)
        for i, f in enumerate(findings):
            if i not in used and not any(
                f.start < e and s < f.end for _k, v in sample.spans for s, e in _places(sample.text, v)
            ):
                result.stray += 1
                result.alarms.append((f.kind.value, f.text, sample.text))
    return result


def throughput(texts: list[str], detector: Callable[[str], object], seconds: float = 2.0) -> float:
    """Megabytes (UTF-8) of text scanned per second on one core."""
    size = sum(len(t.encode()) for t in texts)
    rounds, started = 0, time.perf_counter()
    while time.perf_counter() - started < seconds:
        for text in texts:
            detector(text)
        rounds += 1
    return size * rounds / (time.perf_counter() - started) / 1e6
