"""A file's name read for personal data: the page that offers a file shows it, and so does its download's header.
A name is a short label, not a sentence. A person's name stands in it alone or beside the form's words (李娜.xlsx,
样表（王芳填写）.xlsx, 补贴申请表_王建军.docx), with none of the words a sentence puts around a name; and the commonest
names are in the segmenter's dictionary, which the sentence reader takes for words (names._is_word) unless such
words stand beside them. So a file's name is read as a sentence (scan), and then word by word: a word the
segmenter tags as a person's name, opening with a surname and standing between the name's edges or a separator
and a word that follows a name (a verb, 的), is a name; a piece of 16 to 19 digits whose check digit holds, with
nothing else in the piece, is a card's number (a serial number is seldom a card's by chance, a time never:
it opens with 2)."""

from __future__ import annotations

import re
from pathlib import PurePath

import rjieba

from .detect import Finding, Kind, luhn, scan
from .name_words import NOT_NAMES, PUNCT, ROLE_WORDS
from .names import _follows, _is_place, _surname_at

_CARD_PIECE = re.compile(r"(?<![0-9])[3-6][0-9]{15,18}(?![0-9])")


def _separated(tag: str, word: str) -> bool:
    return tag == "x" or word[-1] in PUNCT or word[0] in PUNCT


def _names(stem: str) -> list[tuple[int, int]]:
    words, at = [], 0
    for word, tag in rjieba.tag(stem):
        words.append((at, word, tag))
        at += len(word)
    found = []
    for k, (start, word, tag) in enumerate(words):
        if not tag.startswith("nr") or not 2 <= len(word) <= 3 or not _surname_at(word, 0):
            continue
        if word in NOT_NAMES or word in ROLE_WORDS or _is_place(word):
            continue
        opens = k == 0 or _separated(words[k - 1][2], words[k - 1][1])
        end = start + len(word)
        closes = k == len(words) - 1 or _separated(words[k + 1][2], words[k + 1][1]) or words[k + 1][2] in ("v", "uj")
        if opens and (closes or _follows(stem, end)):
            found.append((start, end))
    return found


def in_file_name(name: str, allow: frozenset[str] | set[str] = frozenset()) -> list[Finding]:
    """The personal data in a file's name, in order, without overlaps."""
    found = scan(name, allow=allow)
    taken = {i for f in found for i in range(f.start, f.end)}
    stem = name[: len(name) - len(PurePath(name).suffix)]  # a stored file's name has no folder
    more = [(Kind.NAME, start, end) for start, end in _names(stem)]
    more += [(Kind.BANK_CARD, *m.span()) for m in _CARD_PIECE.finditer(stem) if luhn(m.group())]
    for kind, start, end in more:
        value = name[start:end]
        if value in allow or taken.intersection(range(start, end)):
            continue
        found.append(Finding(kind, start, end, value))
        taken.update(range(start, end))
    return sorted(found, key=lambda f: f.start)
