"""What the words around a name-shaped word say it is not: an issuer's short name before a document number, a
firm's trade name, the first part of a place's name, a title in book brackets, a typhoon's name. Read by the rules
(names.py) and the prose reader (prose.py) alike."""

from __future__ import annotations

import re
from bisect import bisect_left

from .name_words import PLACE_AFTER, WHERE_SOMETHING_HAPPENS


def before_document_number(text: str, end: int) -> bool:
    """A document number's bracket stands at `end` (甬政发〔2026〕), or one or two characters of the same short name
    later (金自然|资规〔2026〕): what precedes it is an issuer's short name. The end of a text is no bracket (a
    letter's title ends with a name, no stop)."""
    return _ISSUER_GOES_ON.match(text, end) is not None


# 〔 after two characters at most (请转告孙丽娟甬政办发〔…〕 names her); [ only right after the name, as a chat's
# [捂脸] follows one a word later
_ISSUER_GOES_ON = re.compile("[\u4e00-\u9fa5]{0,2}〔|\\[")


# A firm's name after its trade name (字号): 宁波毕博诚科技有限公司 names no one, though 毕博诚 reads as a person's, nor
# does a shop's (吴良材眼镜店), though its keeper (王建国店长, 王建国店里) is one. The
# words between them name the trade (科技, 五金); a verb or a preposition there is a sentence going on to a firm
# (柴慧敏到公司门口闹事, 去该公司退货).
_NOT_IN_A_FIRMS_NAME = "在到去的了是和与给把被从让找该本其此"  # not 进出口, 出租, 对外, 来料: trades
_TRADE = f"(?:(?![{_NOT_IN_A_FIRMS_NAME}])[\u4e00-\u9fa5])"
ORGANISATION = re.compile(
    f"{_TRADE}{{0,6}}?(?:公司|集团|商行|合作社|事务所|工作室|门市部|经营部)|{_TRADE}{{1,6}}?店(?![长主员里内])"
)


# The place words in their order, the first that fits taken as a loop over them took it: one call into the regex
# engine, where the loop made one a word (18) for each name-shaped word
_PLACE_AFTER = re.compile("|".join(map(re.escape, PLACE_AFTER)))


def names_a_place(text: str, end: int) -> bool:
    """Whether the word ending at `end` is the first part of a place's name (吴佩刚医院, 郭巨街道)."""
    place = _PLACE_AFTER.match(text, end)
    return place is not None and not text.startswith(WHERE_SOMETHING_HAPPENS, place.end())


class Titles:
    """Where a text's titles in book brackets (《…》) stand, read once: asking each name for the last bracket before it
    walked the text before it each time (a list of 100,000 rows took 32 s)."""

    def __init__(self, text: str):
        self.opens = [i for i, c in enumerate(text) if c == "《"] if "《" in text else []
        self.closes = [i for i, c in enumerate(text) if c == "》"] if self.opens else []

    def inside(self, i: int) -> bool:
        n = bisect_left(self.opens, i)
        return n > 0 and self.opens[n - 1] > (self.closes[m - 1] if (m := bisect_left(self.closes, i)) else -1)


# A typhoon is named from the WMO's list, in Chinese as a person is (台风“贝碧嘉”, 第13号台风贝碧嘉): no one's
# name. A warning names typhoons far oftener than a person stands right after the word (迎着台风，李秀兰…).
_STORM = ("台风", "台风“", '台风"')


def after_a_storm_word(text: str, start: int) -> bool:
    return text.endswith(_STORM, 0, start)


def quoted_alone(text: str, start: int, end: int) -> bool:
    """A name-shaped word that fills a pair of quotation marks is a typhoon's, a brand's or a nickname's (“贝碧嘉”登陆
    后…): a person's name is quoted inside what was said, not alone."""
    return text[start - 1 : start] in ("“", '"') and text[end : end + 1] in ("”", '"')
