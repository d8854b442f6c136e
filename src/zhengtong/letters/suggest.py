"""Which department should handle a new letter, and why: the responsibility catalogue's keywords, the
department of a department mailbox, and what past letters with the same words were accepted by (a naive Bayes
score over `DispatchWord`, two indexed queries whatever the number of letters). Unclear: the fallback."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from django.db.models import F

from zhengtong import privacy
from zhengtong.org.models import Department
from zhengtong.search import segment

from .models import DispatchWord, Letter, Responsibility

TOTAL = ""  # the DispatchWord row holding a department's number of accepted letters
MAX_WORDS = 80
KEYWORD_BOOST = math.log(50)
MAILBOX_BOOST = math.log(20)
STOP = frozenset(
    (
        "我们 你们 他们 这个 那个 什么 怎么 为什么 没有 可以 已经 现在 希望 请问 问题 情况 反映 "
        "相关 部门 领导 政府 感谢 谢谢 一下 一直 还是 但是 因为 所以 如果 我家 小区"
    ).split()
)


@dataclass
class Suggestion:
    department: Department
    reason: str
    category: Responsibility | None = None
    alternatives: list[tuple[Department, str]] = field(default_factory=list)


def letter_words(text: str) -> list[str]:
    """The words of a letter that may tell its department: read from the letter as the public would see it (the
    words are kept in clear, so no name or number of the writer's may become one), without numbers (a word with a
    digit names a case, a house or a person, not a department's business)."""
    seen: dict[str, None] = {}
    for word in segment.words(privacy.mask(text)):
        if len(word) >= 2 and word not in STOP and len(word) <= 40 and not any(c.isdigit() for c in word):
            seen.setdefault(word, None)
    return list(seen)[:MAX_WORDS]


def _catalogue_hits(text: str) -> list[tuple[Responsibility, list[str]]]:
    hits = []
    for row in Responsibility.objects.filter(is_active=True).select_related("department"):
        found = [k for k in row.keyword_list() if k in text]
        if found:
            hits.append((row, found))
    return hits


def suggest(letter: Letter) -> Suggestion | None:
    text = f"{letter.title}\n{letter.content}"
    words = letter_words(text)
    scores: dict[int, float] = {}
    reasons: dict[int, list[str]] = {}
    category: dict[int, Responsibility] = {}
    rows = list(DispatchWord.objects.filter(word__in=words).values_list("word", "department_id", "count"))
    totals = dict(DispatchWord.objects.filter(word=TOTAL).values_list("department_id", "count"))
    all_letters = sum(totals.values())
    word_total: dict[str, int] = {}
    for word, _dept, count in rows:
        word_total[word] = word_total.get(word, 0) + count
    evidence: dict[int, list[tuple[float, str, int]]] = {}
    for word, dept, count in rows:
        n = totals.get(dept, 0)
        if not n:
            continue
        # how much more often the word appears in this department's letters than in everyone else's
        gain = math.log((count + 0.5) / (n + 1)) - math.log((word_total[word] - count + 0.5) / (all_letters - n + 1))
        if gain > 0:
            scores[dept] = scores.get(dept, 0.0) + gain
            evidence.setdefault(dept, []).append((gain, word, count))
    for dept, items in evidence.items():
        top = sorted(items, reverse=True)[:3]
        reasons.setdefault(dept, []).append(
            "以往该部门签收办理的信件中，" + "、".join(f"{c}封含“{w}”" for _g, w, c in top)
        )
    for row, found in _catalogue_hits(text):
        scores[row.department_id] = scores.get(row.department_id, 0.0) + KEYWORD_BOOST
        reasons.setdefault(row.department_id, []).insert(0, f"职责清单“{row.name}”关键词：{'、'.join(found[:5])}")
        category.setdefault(row.department_id, row)
    if letter.mailbox_id and letter.mailbox.department_id:
        dept = letter.mailbox.department_id
        scores[dept] = scores.get(dept, 0.0) + MAILBOX_BOOST
        reasons.setdefault(dept, []).insert(0, f"写给“{letter.mailbox.name}”")
    if not scores:
        fallback = Responsibility.objects.filter(is_fallback=True, is_active=True).select_related("department").first()
        if fallback is None:
            return None
        return Suggestion(fallback.department, "职责不清，按职责清单先派兜底部门", fallback)
    ranked = sorted(scores, key=lambda d: -scores[d])[:4]
    names = Department.objects.in_bulk(ranked)
    best = ranked[0]
    return Suggestion(
        names[best],
        "；".join(reasons[best]),
        category.get(best),
        [(names[d], "；".join(reasons[d])) for d in ranked[1:] if d in names],
    )


def learn(letter: Letter, department_id: int) -> None:
    """A department accepted the letter as its own: count its words (and the letter) for that department."""
    words = letter_words(f"{letter.title}\n{letter.content}") + [TOTAL]
    existing = set(
        DispatchWord.objects.filter(department_id=department_id, word__in=words).values_list("word", flat=True)
    )
    DispatchWord.objects.filter(department_id=department_id, word__in=existing).update(count=F("count") + 1)
    DispatchWord.objects.bulk_create(
        [DispatchWord(word=w, department_id=department_id, count=1) for w in words if w not in existing],
        ignore_conflicts=True,
    )
