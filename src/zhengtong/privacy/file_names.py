"""A file's name read for personal data: the page that offers a file shows it, and so does its download's header.
A name is a short label, not a sentence. A person's name stands in it alone or beside the form's words (王芳.xlsx,
样表（王芳填写）.xlsx, 申请表刘洋.docx), with none of the words a sentence puts around a name, which the sentence
reader (scan) waits for. So a file's name is read as a sentence, and then word by word: a word the segmenter makes
up as a person's name from its model, opening with a surname, is a name. A word of its dictionary is not, even
where the segmenter tags it a name: the dictionary's "names" are places and words as often as people (余杭, 白云,
方正, 敬老院, 宋体 are all tagged so, and 韩国语 reads as a surname and two given names' characters), and a
district's name alone is a common file's name. The commonest and the famous people's names are in the dictionary
too (李娜, 王建军), and are left to the sentence reader, which finds them where a word beside them says a person.
Spaces between a name's characters are read through (王 芳). A piece of 16 to 19 digits, in groups or not, whose
check digit holds, is a card's number."""

from __future__ import annotations

import re

import rjieba

from .detect import Finding, Kind, luhn, scan
from .mask import mask
from .name_words import NOT_NAMES, ROLE_WORDS
from .names import _is_place, _surname_at
from .normalize import View, normalise, without

# A file's extension: a dot and a letter, then four letters or digits at most. Anything else after the last dot is
# part of the name (附件.王芳 is a title, 通知（2024.3） and 报告1.2 are names, not files of kind 王芳, 3） or 2).
_EXTENSION = re.compile(r"\.[A-Za-z][A-Za-z0-9]{0,4}$")
_SPACES = re.compile(r"\s+")
_CARD = re.compile(r"(?<![0-9])[3-6][0-9]{3}(?:[ _./-]?[0-9]){12,15}(?![0-9])")


def _made_up_names(text: str) -> list[tuple[int, int]]:
    found, at = [], 0
    for word, tag in rjieba.tag(text):
        start, at = at, at + len(word)
        if not tag.startswith("nr") or not 2 <= len(word) <= 3 or not _surname_at(word, 0):
            continue
        if rjieba.has_word(word) or word in NOT_NAMES or word in ROLE_WORDS or _is_place(word):
            continue
        found.append((start, at))
    return found


def _back(views: tuple[View, ...], start: int, end: int) -> tuple[int, int]:
    """A span of the last view's text, in the first one's."""
    for view in reversed(views):
        start, end = view.span(start, end)
    return start, end


def split_extension(name: str) -> tuple[str, str]:
    """(the name before its extension, the extension with its dot, or "")."""
    extension = _EXTENSION.search(name)
    return (name[: extension.start()], extension.group()) if extension else (name, "")


def mask_file_name(name: str, allow: frozenset[str] | set[str] = frozenset()) -> str:
    """A file's name with what `in_file_name` finds masked: what a page says of a file it refuses or lists."""
    return mask(name, allow=allow, findings=in_file_name(name, allow))


def in_file_name(name: str, allow: frozenset[str] | set[str] = frozenset()) -> list[Finding]:
    """The personal data in a file's name, in order, without overlaps."""
    found = scan(name, allow=allow)
    read = normalise(split_extension(name)[0])  # full-width digits and letters as ASCII
    close = without(read.text, [m.span() for m in _SPACES.finditer(read.text)])  # 王 芳 is one word
    more = [(Kind.NAME, *_back((read, close), *span)) for span in _made_up_names(close.text)]
    more += [(Kind.BANK_CARD, *read.span(*m.span())) for m in _CARD.finditer(read.text) if luhn(m.group())]
    taken = {i for f in found for i in range(f.start, f.end)}
    for kind, start, end in more:
        value = name[start:end]
        if value in allow or taken.intersection(range(start, end)):
            continue
        found.append(Finding(kind, start, end, value))
        taken.update(range(start, end))
    return sorted(found, key=lambda f: f.start)
