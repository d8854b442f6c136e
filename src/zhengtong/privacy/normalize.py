"""The text as a reader sees it: full-width letters, digits and punctuation as their ASCII forms; every kind of
space (no-break, thin, ideographic; not the tab, which separates a table's columns) as a space and every dash
as "-"; digits of any script as ASCII digits; invisible characters (zero-width, direction marks, variation
selectors) gone. Detectors match on this view; every match is mapped back to the original text, so what gets
masked is what was written (an ID number with a zero-width space inside included).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# zero-width space/non-joiner/joiner, word joiner and invisible operators, BOM, soft hyphen, combining grapheme
# joiner, left-to-right/right-to-left marks and embeddings, Mongolian vowel separator, variation selectors
INVISIBLE = (
    "\u200b\u200c\u200d\u2060\u2061\u2062\u2063\u2064\ufeff\u00ad\u034f\u200e\u200f"
    "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u180e" + "".join(chr(c) for c in range(0xFE00, 0xFE10))
)
SPACES = "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63"
_WIDE = (
    {chr(c): chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F)} | dict.fromkeys(SPACES, " ") | dict.fromkeys(DASHES, "-")
)
_WIDE_TABLE = str.maketrans(_WIDE)
_OTHER_DIGIT = re.compile(r"(?![0-9])\d")  # a decimal digit of another script (re's \d is Unicode's Nd)
# A number spelt digit by digit in Chinese (一三八零五七四零零零一), or in circled or superscript digits: seven in a
# row at least, since no year or count is written so, and a run read as digits.
# The capital numerals of amounts (壹贰叁) and 幺, one as a phone number is read out, too.
_CN_NUMERALS = "〇零一二三四五六七八九壹贰叁肆伍陆柒捌玖幺"
_SIGNS = "⓪①②③④⑤⑥⑦⑧⑨⁰¹²³⁴⁵⁶⁷⁸⁹"
SPELT_DIGITS = _CN_NUMERALS + _SIGNS  # read as digits in such a run, so masked as digits too (privacy.mask)
_SPELT = re.compile(f"[{SPELT_DIGITS}]{{7,}}")
_SPELT_TABLE = str.maketrans(SPELT_DIGITS, "00123456789" + "1234567891" + "0123456789" + "0123456789")
_NEEDS_WORK = re.compile(f"[{INVISIBLE}{SPACES}{DASHES}\uff01-\uff5e]|(?![0-9])\\d|{_SPELT.pattern}")
_INVISIBLE = re.compile(f"[{INVISIBLE}]")


def _ascii_digit(c: str) -> str:
    """٣ or 𝟑 or ३ as 3; anything that is not a decimal digit unchanged."""
    return str(unicodedata.decimal(c)) if c.isdecimal() else c


@dataclass(frozen=True)
class View:
    text: str
    origin: tuple[int, ...] | None  # origin[i]: where text[i] stands in the original; None when the same

    def span(self, start: int, end: int) -> tuple[int, int]:
        if self.origin is None:
            return start, end
        return self.origin[start], self.origin[end - 1] + 1


def normalise(original: str) -> View:
    if not _NEEDS_WORK.search(original):
        return View(original, None)
    wide = original.translate(_WIDE_TABLE)  # one character for one: positions unchanged
    if _SPELT.search(wide):
        wide = _SPELT.sub(lambda m: m.group().translate(_SPELT_TABLE), wide)
    if _OTHER_DIGIT.search(wide):
        wide = "".join(_ascii_digit(c) if not c.isascii() else c for c in wide)
    if not _INVISIBLE.search(wide):
        return View(wide, None)
    origin = tuple(i for i, c in enumerate(wide) if c not in INVISIBLE)
    return View("".join(wide[i] for i in origin), origin)
