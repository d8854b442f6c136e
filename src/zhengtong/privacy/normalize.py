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
# A digit sign of another script or set, mapped to its ASCII digit wherever it stands: a decimal digit (٣, 𝟑,
# ३), or a circled, parenthesised, negative, superscript or subscript one (③, ⑶, ❸, ³, ₃). None is a word.
_DIGIT_SIGNS = "".join(chr(c) for c in range(0x80, 0x20000) if chr(c).isdigit() and not chr(c).isdecimal())
_OTHER_DIGIT = re.compile(f"(?![0-9])\\d|[{_DIGIT_SIGNS}]")  # \d is Unicode's decimal digits
# A number spelt digit by digit in Chinese (一三八零五七四零零零一; the capital numerals of amounts, 壹叁捌…; 幺, one
# as a number is read out), alone or mixed with ASCII digits, in groups split by a space or a dash: seven digits at
# least, since no year or count is written so, and a run read as digits.
_CN_NUMERALS = "〇零一二三四五六七八九壹贰叁肆伍陆柒捌玖幺"
SPELT_DIGITS = _CN_NUMERALS  # read as digits in such a run, so masked as digits too (privacy.mask)
_DIGIT_RUN = re.compile(f"[{_CN_NUMERALS}0-9](?:[ -]?[{_CN_NUMERALS}0-9])+")  # one pass, no backtracking
_CN_NUMERAL = re.compile(f"[{_CN_NUMERALS}]")
_SPELT_HINT = f"[{_CN_NUMERALS}][ -]?[{_CN_NUMERALS}0-9]|[0-9][ -]?[{_CN_NUMERALS}]"  # two numerals, one Chinese
_SPELT_HINTED = re.compile(_SPELT_HINT)
_SPELT_TABLE = str.maketrans(_CN_NUMERALS, "00123456789" + "1234567891")
_NEEDS_WORK = re.compile(f"[{INVISIBLE}{SPACES}{DASHES}\uff01-\uff5e{_DIGIT_SIGNS}]|(?![0-9])\\d|{_SPELT_HINT}")


def _spelt(run: re.Match) -> str:
    text = run.group()
    if sum(c not in " -" for c in text) >= 7 and _CN_NUMERAL.search(text):
        return text.translate(_SPELT_TABLE)
    return text


_INVISIBLE = re.compile(f"[{INVISIBLE}]")


def _ascii_digit(c: str) -> str:
    """٣, 𝟑, ३, ③, ❸ or ₃ as 3; anything that is not a digit unchanged."""
    return str(unicodedata.digit(c)) if c.isdigit() else c


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
    if _SPELT_HINTED.search(wide):
        wide = _DIGIT_RUN.sub(_spelt, wide)
    if _OTHER_DIGIT.search(wide):
        wide = "".join(_ascii_digit(c) if not c.isascii() else c for c in wide)
    if not _INVISIBLE.search(wide):
        return View(wide, None)
    origin = tuple(i for i, c in enumerate(wide) if c not in INVISIBLE)
    return View("".join(wide[i] for i in origin), origin)
