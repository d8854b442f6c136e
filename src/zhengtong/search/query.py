"""A search box's text as the engine understands it: words that must all appear, "quoted phrases" whose words
must appear in order, and filters (department, category, kind, year) that are tokens in the `meta` column."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.utils import timezone

from . import segment

MAX_TERMS = 12  # a pasted paragraph is not a query; the first words are enough to find it
_PHRASE = re.compile(r"[\"“”「」『』]([^\"“”「」『』]+)[\"“”「」『』]")


@dataclass(frozen=True)
class Query:
    terms: tuple[str, ...] = ()
    phrases: tuple[tuple[str, ...], ...] = ()
    filters: tuple[str, ...] = ()
    highlight: tuple[str, ...] = field(default=(), compare=False)
    title: str = ""  # the box's text as typed, spaces trimmed: an entry with exactly this title comes first

    @property
    def empty(self) -> bool:
        return not (self.terms or self.phrases)


def meta_token(name: str, value) -> str:
    """Filter values as single tokens both backends keep whole: letters and digits only, prefixed 'zz'."""
    return "zz" + name + re.sub(r"[^0-9a-z]", "", str(value).lower())


def meta_tokens(kind: str, department_id=None, category: str = "", published_at=None) -> list[str]:
    """The filter tokens a document carries: what its entry is indexed with and what a query filters by."""
    meta = [meta_token("k", kind)]
    if department_id:
        meta.append(meta_token("d", department_id))
    if category:
        meta.append(meta_token("c", category))
    if published_at:  # the year in the site's time zone, whichever zone the datetime came in
        year = timezone.localtime(published_at).year if timezone.is_aware(published_at) else published_at.year
        meta.append(meta_token("y", year))
    return meta


def parse(
    text: str, *, department: int | None = None, category: str = "", kind: str = "", year: int | None = None
) -> Query:
    text = (text or "")[:200]
    title = " ".join(text.split())
    phrases = []
    for chunk in _PHRASE.findall(text):
        tokens = tuple(segment.words(chunk))
        if len(tokens) > 1:
            phrases.append(tokens)
        elif tokens:
            text += " " + tokens[0]
    free = _PHRASE.sub(" ", text)
    terms = tuple(dict.fromkeys(segment.words(free)))[:MAX_TERMS]
    filters = []
    if department:
        filters.append(meta_token("d", department))
    if category:
        filters.append(meta_token("c", category))
    if kind:
        filters.append(meta_token("k", kind))
    if year:
        filters.append(meta_token("y", year))
    highlight = tuple(dict.fromkeys([*terms, *(t for p in phrases for t in p)]))
    return Query(terms=terms, phrases=tuple(phrases[:4]), filters=tuple(filters), highlight=highlight, title=title)
