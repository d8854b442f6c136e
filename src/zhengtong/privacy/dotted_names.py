"""A transliterated name whose parts are joined by a middle dot (买买提·艾力, 阿依努尔·吐尔逊), read by its
characters where its parts are not in MINORITY_PARTS: a Uyghur, Kazakh or Tibetan name's parts are many more than
any list holds, but they are spelt with a small set of characters, the ones the listed parts use. Written with
its dot, such a run of them is a person's name: a place or a slogan joined by a dot (中国·宁波) is spelt with
other characters, and a place or a firm of Xinjiang spelt with them stands before a place's or a firm's word
(_a_place_or_a_firm). Its ends are read as the parts' characters run, with one other character at either end
where that is what closes the name before a word that follows one (麦麦提敏和…, 吐尔洪反映…), and one fewer where
the last is the first of such a word (…祖丽皮亚阿姨说)."""

from __future__ import annotations

import re
from collections.abc import Callable

from .name_words import BEFORE_NAME, MINORITY_PARTS

_LETTERS = "".join(sorted({c for part in MINORITY_PARTS for c in part}))
_DOTS = "·•‧"
# Two of the parts' characters or more, and one other Chinese character at most, before the dot; after it, each
# part in the parts' characters with one other character inside at most (托乎提, 艾则孜), and never one of them
# alone: a firm's or an institute's name after a dot opens with one and goes on in others (阿里巴巴·达摩院).
_HAN = "\u4e00-\u9fa5"
_PART = f"(?:[{_LETTERS}]{{2,8}}(?:[{_HAN}][{_LETTERS}]{{1,8}})?|[{_LETTERS}][{_HAN}][{_LETTERS}]{{1,8}})"
_DOTTED = re.compile(f"(?P<first>[{_LETTERS}]{{2,8}}[{_HAN}]?)(?:[{_DOTS}]{_PART})+")


def _end(text: str, end: int, follows: Callable[[str, int], bool]) -> int:
    """Where the name that runs to `end` (the last of the parts' characters) closes."""
    if follows(text, end):
        return end
    if follows(text, end - 1) and text[end - 2] not in _DOTS:
        return end - 1  # …祖丽皮亚 before 阿姨说: the last character opens the word that follows
    if end < len(text) and "\u4e00" <= text[end] <= "\u9fa5" and follows(text, end + 1):
        return end + 1  # 吐尔洪 before 反映: a character no listed part has
    return end  # a dotted name is a person's wherever it ends


# What follows a place's or a firm's dotted name (阿勒泰·布尔津县, 阿拉尔·塔里木大学)
_PLACE_OR_FIRM_AFTER = ("县", "市", "区", "州", "镇", "乡", "大学", "学院", "公司", "集团", "医院")


def _a_place_or_a_firm(text: str, m: re.Match) -> bool:
    """Xinjiang's places and firms are transliterated as its people's names are, and joined by a dot alike
    (克拉玛依·乌尔禾区): a place's or a firm's word stands right after them. (The segmenter cannot tell them apart:
    it tags 阿勒泰 and 克拉玛依 as names, as it tags 塔依尔 and 阿卜杜拉.)"""
    # right after it, or after the one more character a name's end may take (_end: 布尔津县)
    return any(text.startswith(_PLACE_OR_FIRM_AFTER, j) for j in (m.end(), m.end() + 1))


def dotted_names(text: str, follows: Callable[[str, int], bool]) -> list[tuple[int, int]]:
    """(start, end) of each dotted name in text; `follows(text, j)`: a word that follows a name, or a boundary,
    stands at j (names._follows)."""
    if not any(dot in text for dot in _DOTS):
        return []
    found = []
    for m in _DOTTED.finditer(text):
        if _a_place_or_a_firm(text, m):
            continue
        start = m.start()
        if text[start] in BEFORE_NAME and len(m.group("first")) > 3:
            start += 1  # 和 before 阿依努尔·…: a word before a name, and one of the parts' characters too
        found.append((start, _end(text, m.end(), follows)))
    return found
