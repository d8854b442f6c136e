"""The text as a reader sees it: each line in the order a page shows it (reading_order.py: a number typed in reverse
after a right-to-left character shows the right way round); full-width and small forms of letters, digits and
punctuation as their ASCII forms; every kind of space (no-break, thin, ideographic; not the tab, which separates a
table's columns) as a space and every dash as "-"; traditional characters as their simplified forms (劉 as 刘: the
detectors' lists of surnames, names' characters, labels and place words are simplified); digits of any script as
ASCII digits; invisible characters (zero-width, direction marks, variation selectors) gone. Detectors match on this
view; every match is mapped back to the original text, so what gets masked is what was written (an ID number with a
zero-width space inside included).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import opencc

from zhengtong.core.ids import id_number_check_char, luhn_valid

from .reading_order import RIGHT_TO_LEFT_RANGES, RIGHT_TO_LEFT_TEXT, as_shown

# Every code point a page shows nothing for: Unicode's Default_Ignorable_Code_Point (soft hyphen, zero-width
# characters and joiners, direction marks, embeddings and isolates, invisible operators and the rest of U+2060-206F,
# Hangul fillers, Khmer and Mongolian invisible signs, variation selectors, the BOM, tag characters) and the
# interlinear annotation marks. A list of the zero-width ones let 138\u206a0574\u206a0001 through (session 44).
_INVISIBLE_RANGES = (
    (0x00AD, 0x00AD),
    (0x034F, 0x034F),
    (0x061C, 0x061C),
    (0x115F, 0x1160),
    (0x17B4, 0x17B5),
    (0x180B, 0x180F),
    (0x200B, 0x200F),
    (0x202A, 0x202E),
    (0x2060, 0x206F),
    (0x3164, 0x3164),
    (0xFE00, 0xFE0F),
    (0xFEFF, 0xFEFF),
    (0xFFA0, 0xFFA0),
    (0xFFF0, 0xFFFB),
    (0x1BCA0, 0x1BCA3),
    (0x1D173, 0x1D17A),
    (0xE0000, 0xE0FFF),
)
INVISIBLE = frozenset(chr(c) for first, last in _INVISIBLE_RANGES for c in range(first, last + 1))
_INVISIBLE_CLASS = "".join(f"{chr(first)}-{chr(last)}" for first, last in _INVISIBLE_RANGES)
# every kind of space, and the braille blank, which shows as one
SPACES = "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000\u2800"
DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff70"  # ｰ too, half-width
_HAN = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF))  # CJK ideographs, extension A, compatibility forms


def _simplified_forms() -> dict[str, str]:
    """Each Han character that OpenCC's traditional-to-simplified conversion writes as one other character (劉 → 刘,
    麗 → 丽, 峯 → 峰), and only those: one character for one, so a finding's span is where it was written. A
    character simplified text uses as well (著, 乾隆's 乾 aside) OpenCC leaves as it is."""
    converter = opencc.OpenCC("t2s")
    table = {}
    for first, last in _HAN:
        for code in range(first, last + 1):
            simplified = converter.convert(chr(code))
            if len(simplified) == 1 and simplified != chr(code):
                table[chr(code)] = simplified
    return table


TRADITIONAL = _simplified_forms()
# Full-width forms, and the small forms (﹫ for @, ﹒ for a full stop: an e-mail so written got through, session 63)
_SMALL_FORMS = {chr(c): unicodedata.normalize("NFKC", chr(c)) for c in range(0xFE50, 0xFE6C)}
_WIDE = (
    {chr(c): chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F)}
    | {small: plain for small, plain in _SMALL_FORMS.items() if len(plain) == 1 and small != plain}
    | dict.fromkeys(SPACES, " ")
    | dict.fromkeys(DASHES, "-")
    | TRADITIONAL
)
# The table as a string indexed by code point, each character's folded form or itself: given a dict, str.translate
# raised and caught a KeyError for each character the dict does not hold, nearly every one of a text (7 of the 18
# microseconds normalise took over a sentence, 2 now). Every folded character is in the Basic Multilingual Plane; one
# beyond it, past the string's end, is kept as it is, as a character missing from a dict was.
assert all(len(folded) == 1 and ord(c) < 0x10000 for c, folded in _WIDE.items())
_WIDE_TABLE = "".join(_WIDE.get(chr(c), chr(c)) for c in range(0x10000))
# A digit sign of another script or set, mapped to its ASCII digit wherever it stands: a decimal digit (٣, 𝟑,
# ३), a circled, parenthesised, negative, superscript or subscript one (③, ⑶, ❸, ³, ₃), or a Roman numeral from one
# to nine (ⅠⅢⅧ05740001, 春江花园Ⅸ幢: session 63). None is a word.
ROMAN_DIGITS = "".join(map(chr, range(0x2160, 0x2169))) + "".join(map(chr, range(0x2170, 0x2179)))
_DIGIT_SIGNS = (
    "".join(chr(c) for c in range(0x80, 0x20000) if chr(c).isdigit() and not chr(c).isdecimal()) + ROMAN_DIGITS
)


def consecutive_spans(positions: list[int]) -> list[tuple[int, int]]:
    """Sorted positions (or code points) as the spans they make, in order and apart, each end past its last."""
    spans: list[tuple[int, int]] = []
    for i in positions:
        if spans and spans[-1][1] == i:
            spans[-1] = (spans[-1][0], i + 1)
        else:
            spans.append((i, i + 1))
    return spans


def _as_ranges(characters: str) -> str:
    """The body of a character class holding `characters`, each run of consecutive code points one range: the regex
    engine keeps a class's characters beyond the Basic Multilingual Plane in a list it walks for every character of
    a text that is not in the class, one item per character written or one per range (the 33 digit signs there make
    4 ranges)."""
    spans = consecutive_spans(sorted(set(map(ord, characters))))
    return "".join(
        re.escape(chr(first)) + (f"-{re.escape(chr(end - 1))}" if end - 1 > first else "") for first, end in spans
    )


_DIGIT_SIGN_CLASS = _as_ranges(_DIGIT_SIGNS)
# A sign for a number of two digits (⑬, ⒀, ⒔, ㉑, ⓫: ⑬805740001 reads 13805740001, session 63): read as its two
# digits, the view one character longer, each digit knowing where it stood.
TWO_DIGIT_SIGNS = {
    chr(c): str(int(unicodedata.numeric(chr(c))))
    for first, last in ((0x2460, 0x24FF), (0x2776, 0x2793), (0x3248, 0x324F), (0x3251, 0x325F), (0x32B1, 0x32BF))
    for c in range(first, last + 1)
    if 10 <= unicodedata.numeric(chr(c), 0) <= 99 and unicodedata.numeric(chr(c)) == int(unicodedata.numeric(chr(c)))
}
_TWO_DIGIT_SIGN = re.compile(f"[{''.join(TWO_DIGIT_SIGNS)}]")
# [^\D0-9]: a decimal digit of any script (\d is Unicode's) but ASCII's, one class where a lookahead and \d were
_OTHER_DIGIT = re.compile(f"[{_DIGIT_SIGN_CLASS}]|[^\\D0-9]")
# A number spelt digit by digit in Chinese (一三八零五七四零零零一; the capital numerals of amounts, 壹叁捌…; 幺, one
# as a number is read out), alone or mixed with ASCII digits, in groups split by a space, a dash or the marks a
# list of numbers is typed with (一三八，零五七四，零零零二): seven digits at least, since no year or count is
# written so, and a run read as digits.
_CN_NUMERALS = "〇零一二三四五六七八九壹贰叁肆伍陆柒捌玖幺洞两拐勾"
# A circle is a zero beside a numeral (一三八○五七四…), a mark in a table's column elsewhere (13 ○ ○ ○).
_CIRCLES = re.compile(f"(?<=[{_CN_NUMERALS}])[○◯]+|[○◯]+(?=[{_CN_NUMERALS}])")
# A run of spaces or tabs, which a page or a log line shows as one space (html.py, logs.py).
HORIZONTAL_SPACES = re.compile(r"[ \t]+")
SPELT_DIGITS = _CN_NUMERALS + "○◯"  # read as digits in such a run, so masked as digits too (privacy.mask)
_RUN_SEPARATORS = " -,.、·/"
_RUN_SEP = f"[{re.escape(_RUN_SEPARATORS)}]"
_DIGIT_RUN = re.compile(f"[{_CN_NUMERALS}0-9](?:{_RUN_SEP}?[{_CN_NUMERALS}0-9])+")  # one pass, no backtracking
_CN_NUMERAL = re.compile(f"[{_CN_NUMERALS}]")
# two numerals, one Chinese
_SPELT_HINT = f"[{_CN_NUMERALS}]{_RUN_SEP}?[{_CN_NUMERALS}0-9]|[0-9]{_RUN_SEP}?[{_CN_NUMERALS}]"
_SPELT_HINTED = re.compile(_SPELT_HINT)
_SPELT_TABLE = str.maketrans(_CN_NUMERALS, "00123456789" + "1234567891" + "0279")
# A numeral or two at either end of a number written in ASCII digits may end or begin the word beside it
# (张三13805740001, 王五13805740004, 身份证号一330206…, 13805740003三楼, …0001，九峰路): read as digits, they made the
# number a longer one. They are read as a word only when the digits alone make a whole number and the run with them
# does not (手机138057400零一 is one number).
_GLUED_BEFORE = re.compile(f"[{_CN_NUMERALS}]{{1,2}}(?={_RUN_SEP}?[0-9]{{7}})")
_GLUED_AFTER = re.compile(f"[0-9]{{7}}({_RUN_SEP}?[{_CN_NUMERALS}]{{1,2}})\\Z")
# Letters typed, or read by a scan, in a digit's place (33O2O619900307123l, l38O5740001): O and o for 0, I and l for
# 1, and the Cyrillic and Greek letters drawn alike (138О574ОО33 with a Cyrillic О got through, session 63), inside a
# run of digits that, read so, makes a mobile, an ID number or a card and has seven digits of its own; a code with
# letters in it (O2O, IOO1-2000L) is left as written.
LOOKALIKES = "OoIl" + "\u041e\u043e\u039f\u03bf" + "\u0406\u0399\u04cf"
_LOOKALIKE_TABLE = str.maketrans(LOOKALIKES, "0011" + "0000" + "111")
_LOOKALIKE = re.compile(f"[{LOOKALIKES}]")
_LOOKALIKE_RUN = re.compile(f"(?<![A-Za-z0-9])[0-9{LOOKALIKES}]{{9,18}}[0-9{LOOKALIKES}Xx](?![A-Za-z0-9])")
_NEEDS_WORK = re.compile(
    f"[{_INVISIBLE_CLASS}{RIGHT_TO_LEFT_RANGES}{SPACES}{DASHES}\ufe50-\ufe6b\uff01-\uff5e{_DIGIT_SIGN_CLASS}{''.join(TWO_DIGIT_SIGNS)}○◯{''.join(TRADITIONAL)}]|[^\\D0-9]"
    f"|{_SPELT_HINT}"
)


def _lookalike_run(text: str) -> bool:
    """Whether a look-alike stands in a long enough run: the letters looked for first (one scan of the text in C),
    the pattern only where one stands."""
    return _LOOKALIKE.search(text) is not None and _LOOKALIKE_RUN.search(text) is not None


def _lookalikes(run: re.Match) -> str:
    """Read so only where the digits make a mobile, an ID number or a card: a landline's shape (a 0 and nine digits)
    is an invoice's or a form's code as often (发票号码O123456789)."""
    text = run.group()
    read = text.translate(_LOOKALIKE_TABLE)
    if read != text and sum(c.isdigit() for c in text) >= 7 and _whole(read, landline=False):
        return read
    return text


def _spelt(run: re.Match) -> str:
    text = run.group()
    before, after = _GLUED_BEFORE.match(text), _GLUED_AFTER.search(text)
    start, end = before.end() if before else 0, after.start(1) if after else len(text)
    check = "X" if run.string[run.end() : run.end() + 1] in ("X", "x") else ""  # an ID number's last character
    if (start or end < len(text)) and (_whole(text + check) or not _whole(text[start:end])):
        start, end = 0, len(text)
    number = text[start:end]
    if sum(c not in _RUN_SEPARATORS for c in number) >= 7 and _CN_NUMERAL.search(number):
        number = number.translate(_SPELT_TABLE)
    return text[:start] + number + text[end:]


def _whole(run: str, *, landline: bool = True) -> bool:
    """Whether the run's digits, numerals read as digits, make a landline (where asked), a mobile, an ID number or a
    card number."""
    digits = "".join(c for c in run.translate(_SPELT_TABLE) if c not in _RUN_SEPARATORS)
    if landline and digits[:1] == "0" and digits[1:2] != "0" and 10 <= len(digits) <= 12:
        return True  # a landline with its area code (0574-86881234一直没人接: 一 opens the next word)
    if len(digits) == 11:
        return digits[0] == "1" and digits[1] in "3456789"
    if len(digits) == 18 and digits[:17].isdigit() and id_number_check_char(digits[:17]) == digits[17].upper():
        return True
    return 16 <= len(digits) <= 19 and luhn_valid(digits)


_INVISIBLE = re.compile(f"[{_INVISIBLE_CLASS}]")


def _two_digits(text: str, placed) -> tuple[str, tuple[int, ...]]:
    """`text` with each two-digit sign as its digits, and where each character of the result stood in the original."""
    chars, origin = [], []
    for c, at in zip(text, placed):
        read = TWO_DIGIT_SIGNS.get(c, c)
        chars.append(read)
        origin.extend([at] * len(read))
    return "".join(chars), tuple(origin)


def _ascii_digit(c: str) -> str:
    """٣, 𝟑, ३, ③, ❸, ₃ or Ⅲ as 3; anything that is not a digit unchanged."""
    if c in ROMAN_DIGITS:
        return str(int(unicodedata.numeric(c)))
    return str(unicodedata.digit(c)) if c.isdigit() else c


@dataclass(frozen=True)
class View:
    text: str
    origin: tuple[int, ...] | None  # origin[i]: where text[i] stands in the original; None when the same

    def span(self, start: int, end: int) -> tuple[int, int]:
        if self.origin is None:
            return start, end
        placed = self.origin[start:end]  # in reading order, which an override's run reverses: its first and last
        return min(placed), max(placed) + 1


def normalise(original: str) -> View:
    if not _NEEDS_WORK.search(original) and not _lookalike_run(original):
        return View(original, None)
    wide = original.translate(_WIDE_TABLE)  # one character for one: positions unchanged
    origin = None
    right_to_left = RIGHT_TO_LEFT_TEXT.search(wide)
    if right_to_left or _INVISIBLE.search(wide):  # first, so that a number is read whole (320102\u200d19440302737三)
        order = as_shown(wide) if right_to_left else range(len(wide))  # as a page shows it (reading_order.py)
        origin = tuple(i for i in order if wide[i] not in INVISIBLE)
        wide = "".join(wide[i] for i in origin)
    if "○" in wide or "◯" in wide:  # one character for one from here on
        wide = _CIRCLES.sub(lambda m: "〇" * len(m.group()), wide)
    if _OTHER_DIGIT.search(wide):  # before numerals are read: ⓪ and 一 in one number (3302061990⓪3⓪7一231)
        wide = "".join(_ascii_digit(c) if not c.isascii() else c for c in wide)
    if _TWO_DIGIT_SIGN.search(wide):
        wide, origin = _two_digits(wide, origin if origin is not None else range(len(wide)))
    if _SPELT_HINTED.search(wide):
        wide = _DIGIT_RUN.sub(_spelt, wide)
    if _lookalike_run(wide):  # one character for one
        wide = _LOOKALIKE_RUN.sub(_lookalikes, wide)
    return View(wide, origin)


def without(text: str, spans: list[tuple[int, int]]) -> View:
    """`text` with the given spans (in order, apart) taken out, each character left knowing where it stood: a
    detector reads a spaced-out address or name as one word and maps what it finds back (`View.span`)."""
    if not spans:
        return View(text, None)
    kept, origin, last = [], [], 0
    for start, end in spans:
        kept.append(text[last:start])
        origin.extend(range(last, start))
        last = end
    kept.append(text[last:])
    origin.extend(range(last, len(text)))
    return View("".join(kept), tuple(origin))
