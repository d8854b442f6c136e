"""What the segmenter's cut of the words around a name-shaped word says of it (names.py's three-character readers):
one word it tags as a person's name (王小明|说), or a surname it leaves standing alone and a given name it tags as a
noun (卢|建军)."""

from __future__ import annotations

from functools import lru_cache

import rjieba

from .name_words import AFTER_NAME, BEFORE_NAME, JOINING, NOT_GIVEN


def _cut_as_a_name(surname_tag: str, given_tag: str) -> bool:
    """Whether the segmenter's tags of a surname it cut alone and of the given name after it fit a person's name: the
    surname no verb, pronoun, preposition or the like (谈|民生, 祝|中秋, 那|老人), the given name a noun of no place,
    organisation, time or number (卢|建军, 董|海林; not 宁|波兰, 贺|国庆, 书记贺|新春)."""
    return tagged_a_surname(surname_tag) and given_tag.startswith("n") and given_tag not in ("ns", "nt")


def tagged_a_surname(tag: str) -> bool:
    """Whether a character the segmenter cut alone is tagged as a surname may be: no verb, pronoun, preposition,
    conjunction, adverb, particle, numeral, measure word or direction (谈|民生, 那|老人)."""
    return tag[0] not in "vrpcdumqf"


# Surnames that, cut alone, are a grammatical word far more often: a preposition, a conjunction, an adverb, "when"
A_WORD_ALONE = frozenset("时") | AFTER_NAME | BEFORE_NAME | NOT_GIVEN | JOINING
_COUNTING = frozenset("〇零一二三四五六七八九十百千万两几余多每各")


def cut_apart(text: str, start: int, end: int) -> bool:
    """Whether the segmenter, reading the words around them, cuts text[start:end] as a surname standing alone and
    a given name, tagged as `_cut_as_a_name` asks (卢|建军). A character that is a grammatical word far more often
    than a surname (和, 向, 由, 时…) does not stand so for one."""
    if text[start] in A_WORD_ALONE:
        return False
    before = text[start - 1 : start + 1] if start else ""
    # a count's measure word (10万|学生, 3位|老人, 50余|老人), a word's last character (以来信|方式) or first (杨梅|树)
    # is no surname
    if before[:1].isdigit() or before[:1] in _COUNTING or (len(before) == 2 and rjieba.has_word(before)):
        return False
    if rjieba.has_word(text[start : start + 2]):
        return False
    left = max(0, start - 4)
    tokens = rjieba.tag(text[left : end + 4])
    at = left
    for k, (word, surname_tag) in enumerate(tokens[:-1]):
        if at == start:
            given, given_tag = tokens[k + 1]
            return word == text[start] and given == text[start + 1 : end] and _cut_as_a_name(surname_tag, given_tag)
        at += len(word)
        if at > start:
            return False
    return False


def cut_as_one(text: str, start: int, end: int) -> bool:
    """Whether the segmenter, reading the words around it, makes text[start:end] one word (王小明说 → 王小明|说, but
    高小明白了 → 高|小|明白|了)."""
    left = max(0, start - 4)
    at = left
    for word in rjieba.cut(text[left : end + 4]):
        if at == start:
            return len(word) == end - start
        at += len(word)
        if at > start:
            return False
    return False


@lru_cache(maxsize=65536)
def tagged_name(word: str) -> bool:
    return rjieba.tag(word)[0][1] in ("nr", "nrfg")  # nrfg: a person's whole name (孙丽娟)
