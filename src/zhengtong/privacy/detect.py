"""Detectors for Chinese personal data in text (个人信息): what a published page must not show in full.

The text is read as a reader sees it (normalize.py: full-width forms folded, zero-width characters dropped) and
every match is mapped back to what was written. Each detector is a pattern plus a check that removes
look-alikes: an ID number, in any grouping, must carry a real birth date and the GB 11643 check character; a
bank card must pass Luhn and stand near a banking word or be printed as cards are, in fours; a landline without
a separator must follow a word that says it is one; names (names.py) and addresses (places.py) need the context
a reader recognises them by. A number inside a longer number or code (a 索引号, a file number) is never a match.
Recall and false alarms are measured on labelled corpora (evaluate.py, benchmarks/privacy_bench.py).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from enum import Enum

from zhengtong.core.ids import id_number_check_char, luhn_valid

from .context_words import CARD_CONTEXT, CONTEXT_WINDOW, ID_CONTEXT, OFFICIAL_ACCOUNT, PHONE_CONTEXT
from .names import find_names
from .normalize import normalise
from .places import find_addresses
from .prose import prose_names


class Kind(str, Enum):
    ID_NUMBER = "id_number"
    MOBILE = "mobile"
    LANDLINE = "landline"
    BANK_CARD = "bank_card"
    EMAIL = "email"
    ADDRESS = "address"
    NAME = "name"
    PLATE = "plate"
    CERTIFICATE = "certificate"
    ACCOUNT = "account"

    @property
    def label(self) -> str:
        return LABELS[self]


LABELS = {
    Kind.ID_NUMBER: "身份证号码",
    Kind.MOBILE: "手机号码",
    Kind.LANDLINE: "固定电话",
    Kind.BANK_CARD: "银行卡号",
    Kind.EMAIL: "电子邮箱",
    Kind.ADDRESS: "详细住址",
    Kind.NAME: "姓名",
    Kind.PLATE: "车牌号码",
    Kind.CERTIFICATE: "证件号码",
    Kind.ACCOUNT: "社交账号",
}


@dataclass(frozen=True)
class Finding:
    kind: Kind
    start: int
    end: int
    text: str


# Not preceded or followed by a digit or an ASCII letter: a plate inside a longer code is not a match. A number is
# bounded by digits only: its length is what tells it, and letters stick to it in file names and codes
# (zhangsan13905740015.pdf, TEL13905740005, a 学籍号 is G + the pupil's ID number). The patterns run on the
# normalised view (normalize.py): ASCII digits and punctuation, no zero-width characters.
_B, _E = r"(?<![0-9A-Za-z])", r"(?![0-9A-Za-z])"
_DB, _DE = r"(?<![0-9])", r"(?![0-9])"

# Between digits: nothing, up to three spaces or tabs (scans and OCR space digits out, even one by one), or up to
# three marks with spaces either side (330206.19900307.1231, 139 - 0574 - 0003, 138点0574点0001, 139--0574--1111,
# (139)(0574)(3333), 【138】【0574】【9876】, 138丨0574丨0032, 138⋅0574⋅0013). A mark is any punctuation or symbol a
# keyboard or an input method types (a list of them let the next one through, five rounds running), and 丨, 点 and
# _, which Unicode counts as a word's. Never a line break. Not * nor a comma, a 、, + or %: a measure (150*1200*2400),
# an amount (13,805,740,001), a list or a sum is written with them (_GROUP_MARK reads the first two at a number's
# own group breaks).
_MARK = r"(?:[^\w\s*,，、+%]|[_丨点])"
# Up to three marks, a space or two between them too: each group in its own brackets, spaced ((139) (0574) (2222),
# 【138】 【0574】 【0001】, session 63).
_MARKS = rf"{_MARK}(?:[ \t]{{0,2}}{_MARK}){{0,2}}"
_SEP = rf"(?:[ \t]{{0,3}}{_MARKS}[ \t]{{0,3}}|[ \t]{{1,3}})?"
# An ID number's groups spaced as wide as anyone likes (3302    0619    …): its birth date and check character tell
# it from a table's figures, which a mobile has no way to (below).
_ID_SEP = rf"(?:[ \t]{{0,3}}{_MARKS}[ \t]{{0,3}}|[ \t]{{1,40}})?"
# Punctuation that joins a number's groups when typed as a list (138，0574，0031), or the line breaks, wide spaces
# and asterisks that split one over lines or columns (a page shows one space there): the same mark at the number's
# own group breaks only (3-4-4, 6-8-4), so an amount written in thousands (13,805,740,001) is not a mobile. A mobile
# so split must stand beside a telephone word: a table's column (180⏎1200⏎3500) and a measure (150*1200*2400) look
# the same, and a mobile has no check digit to tell them apart.
_GROUP_MARK = r"([ \t]*[,、|~:;+・•〜ー/*][ \t]*|\s+)"
_TABLE_MARK = re.compile(r"\s+|\s*\*\s*")
# The patterns of an ID number, a mobile and a card open with a lookahead for their first character (a digit; a
# bracket or a plus for a mobile): each of their branches opens with a lookbehind, and the regex engine entered them
# all at every character of a text, where one look at the character turns most away.
# The check character X is often typed as the multiplication sign (an input method's ×); read as X only here,
# so a plate before a count (浙A12345×3辆) stays a plate.
_ID = re.compile(
    rf"(?=\d)(?:{_DB}\d(?:{_ID_SEP}\d){{16}}{_ID_SEP}[0-9Xx×]{_DE}|{_DB}\d(?:{_SEP}\d){{14}}{_DE}"
    rf"|{_DB}\d{{6}}{_GROUP_MARK}\d{{8}}\1\d{{3}}[0-9Xx×]{_DE})"
)
# +86, 0086 or 86 before it; the first three digits may stand in brackets: (138)0574-0001, +86(138)05740001.
_MOBILE = re.compile(
    rf"(?=[(+\d])(?:(?:{_DB}(?:\+|00)?86[ -]?|\(\+?86\) ?|{_DB})"
    rf"(?:\(1[3-9]\d\)|1{_SEP}[3-9]{_SEP}\d){_SEP}\d(?:{_SEP}\d){{7}}{_DE}"
    rf"|{_DB}1[3-9]\d{_GROUP_MARK}\d{{4}}\1\d{{4}}{_DE}|{_DB}1[3-9]\d\(\d{{4}}\)\d{{4}}{_DE}"
    # split by commas 4-4-3 or 4-3-4, as no amount is (1380,5740,015)
    rf"|{_DB}1[3-9]\d\d([,，])(?:\d{{4}}\2\d{{3}}|\d{{3}}\2\d{{4}}){_DE})"
)
# Eleven digits split elsewhere than 3-4-4 by wide spaces (回电1380    5740    001): a mobile right after a
# telephone word only, as a table's columns look the same. Not over lines nor between asterisks: a column of
# figures under 来电 and a measure (1800*2000*200mm) beside 联系电话 are no one's number.
_PHONE_WORD = (  # literal words only: a character class costs the pattern the regex engine's first-character skip
    r"(?:手机号码|手机号|手机|联系电话|联系方式|电话|号码|致电|拨打|来电|回电|电联"
    r"|tel|Tel|TEL|phone|Phone|PHONE|mobile|Mobile|MOBILE)"
)


def _split_after(words: str, gap: str) -> re.Pattern:
    """Eleven digits in two to four groups parted by runs of `gap`, or each digit apart (1    3    8 …, a page's
    &nbsp;s, session 63), right after one of `words` (group 1)."""
    return re.compile(
        rf"{words}{gap}*[:：]?{gap}*(1[3-9]\d{{0,3}}({gap}+)\d{{2,6}}(?:\2\d{{2,6}}){{0,2}}|1({gap}+)[3-9](?:\3\d){{9}}){_DE}"
    )


_MOBILE_SPLIT = _split_after(_PHONE_WORD, r"[ \t]")
# Over lines too, right after a contact's own noun (联系手机⏎1380⏎5740⏎014): a channel's row of counts is headed 电话
# or 来电, never 联系手机.
_CONTACT_NOUN = r"(?:联系手机|联系电话|联系方式|手机号码|手机号)"
_MOBILE_LINES = _split_after(_CONTACT_NOUN, r"\s")
_LANDLINE = re.compile(
    rf"{_DB}(?:\(0\d{{2,3}}\) ?|0\d{{2,3}}(?:[-=._]{{1,3}}| ))[2-9]\d{{2,3}}[ -]?\d{{4}}(?:(?:-|转)\d{{1,5}})?{_DE}"
)
# Without a separator only beside a word that says it is a telephone (an invoice code looks the same); without its
# area code (座机86885555, 有事打86881234找我), only right after a word that names a telephone or a call, and not
# as an amount (拨3500000元).
_LANDLINE_BARE = re.compile(
    rf"(?:电话|座机|固话|宅电|联系|号码)[:为是 ]?(0\d{{2,3}}[2-9]\d{{6,7}}){_DE}"
    rf"|(?:电话|座机|固话|宅电|打|拨)[:为是 ]{{0,2}}([2-9]\d{{6,7}}){_DE}(?![万亿元角分人户个次件%.．])"
)
_CARD = re.compile(rf"(?=\d){_DB}(?:\d{_SEP}){{15,18}}\d{_DE}")  # a lookahead first, as _ID's
# As a card is printed: four groups of four and a last short one, one separator throughout, from a card scheme's
# first digit (3 to 6; UnionPay's 62). Written so, a Luhn-valid number is a card with no banking word beside it (a
# landline was read inside 6222 0212 3456 7890 128); four years in a row (2023 2024 2025 2026) are not.
_CARD_PRINTED = re.compile(r"[3-6]\d{3}([ -])\d{4}\1\d{4}\1\d{4}(?:\1\d{1,3})?")
# A word right before the number that names it some other thing's number (退款订单号：…, 缴款书编号…).
_NUMBERED = re.compile(r"(?:编号|单号|流水号|批次号|案号|凭证号|申请号|订单号|序号|票号)[:：为是 ]{0,2}$")
# A firm's registration number before 2015 has fifteen digits, as an old ID number has, its middle often a date:
# named so, it is the firm's (工商注册号330206600123456; the review of session 63 found a clerk's step refused on one).
_REGISTERED = re.compile(r"注册号[:：为是 ]{0,2}$")
# A word right before the number that names it a card or an account: then it is one, Luhn or not (some banks'
# older debit cards do not follow Luhn, and a card mistyped by a digit still names its holder's account).
_CARD_NAMED = re.compile(
    r"(?:银行卡|借记卡|信用卡|储蓄卡|社保卡|卡号|账号|帐号|账户|帐户|到卡|入卡)(?:号码?)?[:：为是 ]{0,2}$"
)
# Bounded parts (RFC 5321: 64 for the local part, 63 per label) and a start at a boundary: unbounded, a long run
# of letters or digits with no @ cost a quadratic scan (100 KB took 15 s).
# Read through: a space beside the @ or before a dot, (at) or [at] for the @, an ideographic full stop for a dot
# (zhangsan @ qq.com, wangjj@nbbl。gov.cn).
# Spelt out so that a robot does not read it: " at " or # before a mail provider's domain for the @ (zhangsan#qq.com,
# wangxm2 at 163 dot com; elsewhere " at " is English, "visit us at www…", and a # opens a page's fragment), " dot "
# or " . " for a dot (wangxm @ qq . com).
# Ended by no Latin letter or digit: \b saw no end before 点, a word character too (qq点com, session 63).
_MAIL_PROVIDER = (
    r"(?:qq|163|126|139|188|yeah|sina|sohu|aliyun|foxmail|gmail|hotmail|outlook|live|yahoo|icloud)(?![A-Za-z0-9])"
)
_AT = rf"(?: ?@ ?| ?\(at\) ?| ?\[at\] ?|(?: at |#|艾特)(?={_MAIL_PROVIDER}))"  # 艾特: "at" read out
_AT_SIGNS = ("@", "at", "#", "艾特")  # one stands in each spelling of the @ above: a text with none holds no address
# a loose dot (a space before it, 。, or (dot)) only before a domain's usual label: zwfw@nb.gov.cn。PDF格式 ends at cn
_DOT = r"(?:\.|(?: \.| \. | dot |[。｡点]|\(dot\)|\[dot\])(?=(?:com|cn|net|org|gov|edu|hk|mo|tw)(?![A-Za-z0-9-])))"
_EMAIL = re.compile(
    rf"(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]{{1,64}}{_AT}[A-Za-z0-9-]{{1,63}}(?:{_DOT}[A-Za-z0-9-]{{1,63}}){{0,8}}"
    rf"{_DOT}[A-Za-z]{{2,24}}"
)
_PROVINCES = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼"
# GA 36: province, issuing letter (no I or O), five characters (six on a new-energy plate), at least one digit;
# read through a space after the province and letters typed in lower case (浙 B 12345, 浙b54321).
# A space after the province only before a capital and a separator, as a plate is spaced; lower case only written
# close (新 GB50016 is a standard, 京 bj2026 a project's code).
_PLATE_CHAR = "A-HJ-NP-Z0-9"
_PLATE_LOWER = "a-hj-np-z0-9"
# A driving school's, a trailer's, a police car's, a test car's or a consulate's plate ends in its character.
# Spelt as a plate is read out, its digits in numerals (浙B一二三四五), or spaced a character at a time (浙 B 1 2 3 4
# 5): both were published (session 63).
_PLATE_SPELT = "〇零一二三四五六七八九"
_PLATE = re.compile(
    rf"[{_PROVINCES}] ?[A-HJ-NP-Z](?=[{_PLATE_CHAR}]{{0,4}}[{_PLATE_SPELT}])[{_PLATE_CHAR}{_PLATE_SPELT}]{{5,6}}{_E}"
    rf"|[{_PROVINCES}] ?[A-HJ-NP-Z](?=(?: [{_PLATE_CHAR}]){{0,5}} \d)(?: [{_PLATE_CHAR}]){{5,6}}{_E}"
    rf"|[{_PROVINCES}][A-HJ-NP-Z][·・•‧. -]?[{_PLATE_CHAR}]{{4}}[学挂警试领港澳](?![\u4e00-\u9fa5])"
    rf"|[{_PROVINCES}](?:[A-HJ-NP-Z][·・•‧. -]?| [A-HJ-NP-Z][·・•‧. -])"
    rf"(?=[{_PLATE_CHAR}]{{0,5}}\d)[{_PLATE_CHAR}]{{5,6}}{_E}"
    rf"|[{_PROVINCES}](?:[a-hj-np-z]| [a-hj-np-z][·・•‧. -])(?=[{_PLATE_LOWER}]{{0,5}}\d)[{_PLATE_LOWER}]{{5,6}}{_E}"
)
# Between a document's or an account's word and its value: a colon, 是 or 为 (是：), spaces, an opening bracket.
_JOIN = r"[ \t]{0,2}(?:是|为)?[ \t]{0,2}[:：]?[ \t]{0,2}[(（]?[ \t]{0,2}"
# A count is not a number of anyone's (发放社保卡1256789张, 受理护照、通行证123456件).
_NOT_A_COUNT = r"(?![ \t]*[张件本人次户万个份元名套台辆家起宗笔项条])"
# A document's number after the document's word (the mainland ID card has its own check above): a passport, a
# travel or residence permit, a Hong Kong or Macao identity card, a social-security, medical or driving card, or
# 证件号码 holding a number that starts with a letter (a passport's). The number holds six digits or more after its
# letters, eight when it is digits alone (a table's count under 社保卡 is not one), single spaces between its groups
# read through, so a word alone (护照办理需10个工作日, 驾驶证B1照) is not one.
_CERTIFICATE = re.compile(
    r"(?:护照|通行证|台胞证|回乡证|居留证|居留身份证|港身份证|澳身份证|香港身份证|澳门身份证|社保卡|社会保障卡|医保卡"
    r"|驾驶证|驾照|军官证|行驶证|证件(?=号[^0-9]{0,9}[A-Za-z]))(?:号码|编号|证号|号)?"
    rf"{_JOIN}{_B}(?P<v>(?=(?:[A-Za-z(（)） ]*\d){{6}})[A-Za-z]{{1,3}} ?\d(?: ?[0-9A-Za-z]){{4,17}}"
    rf"(?:[(（][0-9A-Za-z][)）])?|\d(?: ?\d){{7,17}}){_E}{_NOT_A_COUNT}"
)
# A WeChat, QQ or Alipay account left for a call back: digits, or letters with a digit, _ or - (微信 chenxs_0574),
# or letters alone after 微信号 and a colon; a word after them (微信公众号, QQ群, QQ浏览器) is not one, nor an organ's
# official account (OFFICIAL_ACCOUNT before it).
# Literal words only: a character class among them costs the whole pattern the regex engine's first-character
# skip (20 times slower over ordinary text).
_ACCOUNT_WORD = (  # not after a letter: read in _find
    r"(?:微信|微 信|薇信|QQ|qq|Q Q|扣扣|企鹅|支付宝|vx|vX|Vx|VX|wx|wX|Wx|WX|v信|V信"
    r"|wechat|WeChat|Wechat|WECHAT|weixin|Weixin)"
)
_ACCOUNT = re.compile(
    rf"{_ACCOUNT_WORD}(?:号码|账号|帐号|号|ID|id)?{_JOIN}"
    r"(?P<v>\d{5,11}(?![0-9A-Za-z_-])|[A-Za-z](?=[A-Za-z]*[0-9_-])[-_A-Za-z0-9]{4,60}(?![-_0-9A-Za-z]))"
    rf"{_NOT_A_COUNT}"
)
_ACCOUNT_NAMED = re.compile(
    rf"{_ACCOUNT_WORD}(?:(?:号码|账号|帐号|号)?[ \t]*[:：]|号码|账号|帐号|号)[ \t]*"
    r"(?P<v>[A-Za-z][A-Za-z0-9]{5,19})(?![-_0-9A-Za-z])"
)
# An account written before its word, in brackets: chenxs1985（微信）, 123456789（QQ）.
_ACCOUNT_BEFORE = re.compile(
    r"(?<![-_A-Za-z0-9])(?P<v>[A-Za-z](?=[A-Za-z]*[0-9_-])[-_A-Za-z0-9]{4,30}|\d{5,11})"
    r"(?=[ \t]*[（(][ \t]*(?:微信号?|QQ号?|qq号?|vx|VX|wx|WX)[ \t]*[)）])"
)
_PROVINCE_CODES = frozenset(
    "11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 50 51 52 53 54 61 62 63 64 65".split()
)


_NOT_AN_ID_CHARACTER = re.compile(r"[^0-9X]")


def _digits(text: str) -> str:
    # ASCII digits alone are read as they are (normalise leaves them so; nothing is dropped): most numbers matched,
    # and the digits valid_id_number and luhn are given, which read them again
    if text.isascii() and text.isdigit():
        return text
    return _NOT_AN_ID_CHARACTER.sub("", normalise(text).text.upper().replace("×", "X"))


def valid_id_number(value: str, *, today: dt.date | None = None, checked: bool = True) -> bool:
    """GB 11643: 18 characters with a real birth date and the check character; or the old 15-digit form (1980s
    cards, still in archives) with a real 19xx birth date. `checked=False` skips the check character (a mistyped
    number beside an ID label is still the person's)."""
    value = _digits(value)
    if len(value) == 15:
        born = ("19" + value[6:8], value[8:10], value[10:12])
    elif len(value) == 18:
        if not value[:17].isdigit():
            return False
        if checked and id_number_check_char(value[:17]) != value[17]:
            return False
        born = (value[6:10], value[10:12], value[12:14])
    else:
        return False
    try:
        birth = dt.date(int(born[0]), int(born[1]), int(born[2]))
    except ValueError:
        return False
    return dt.date(1900, 1, 1) <= birth <= (today or dt.date.today())


def luhn(value: str) -> bool:
    return luhn_valid(_digits(value))


def _near(text: str, start: int, end: int, words) -> bool:
    window = text[max(0, start - CONTEXT_WINDOW) : end + CONTEXT_WINDOW]
    # a form printed letter-spaced (开 户 行 账 号) says its words all the same
    return any(w in window for w in words) or (" " in window and any(w in window.replace(" ", "") for w in words))


# \Z, not $: $ also matches before a final line break, and a line ending in a digit is no group of the next
# (the narrow separators of a grouped number: "1. " before a number is a list's, not a group's)
_GROUP_BEFORE, _GROUP_AFTER = re.compile(r"\d(?:-| {1,3})?\Z"), re.compile(r"(?:-| {1,3})?\d")


def _whole(view: str, m: re.Match) -> bool:
    """A number written in groups is not a piece of a longer one: 6207 6789 0524 356 inside a card number. A
    number written unbroken is whole whatever stands beside it: 1 330206199003071231 3 is a table's row."""
    if m.group().isdigit():
        return True
    before, after = view[max(0, m.start() - 3) : m.start()], view[m.end() : m.end() + 3]
    return not _GROUP_BEFORE.search(before) and not _GROUP_AFTER.match(after)


def _blanked(view: str, spans: list[tuple[Kind, int, int]]) -> str:
    """`view` with each span's characters replaced, length kept: what later patterns may still read."""
    if not spans:
        return view
    chars = list(view)
    for _kind, start, end in spans:
        chars[start:end] = "\x00" * (end - start)
    return "".join(chars)


# How many digits each kind of number reads at least: a text with fewer holds none, and its pattern is not run (each
# opens with a lookbehind or a lookahead, so the regex engine enters it at every character, and at every digit it
# goes into its branches). An ID number has fifteen (the old form) or eighteen, a card sixteen to nineteen, a mobile
# eleven (a split one is kept with its eleven only), a landline with its area code ten and one without seven. The
# digits are counted in the view, where they can only be more than in the blanked text the later patterns read.
_ID_DIGITS, _CARD_DIGITS, _MOBILE_DIGITS, _LANDLINE_DIGITS, _BARE_LANDLINE_DIGITS = 15, 16, 11, 10, 7
_DIGIT = re.compile(r"\d")


def _ids_telephones_and_cards(view: str) -> list[tuple[Kind, int, int]]:
    found: list[tuple[Kind, int, int]] = []
    digits_in_view = len(_DIGIT.findall(view))
    if digits_in_view < _BARE_LANDLINE_DIGITS:
        return found
    for m in _ID.finditer(view) if digits_in_view >= _ID_DIGITS else ():
        digits = _digits(m.group())
        if not _whole(view, m):
            continue
        if len(digits) == 15 and _REGISTERED.search(view, max(0, m.start() - 8), m.start()):
            continue
        if valid_id_number(digits) and (len(digits) == 18 or digits[:2] in _PROVINCE_CODES):
            found.append((Kind.ID_NUMBER, m.start(), m.end()))
        elif (
            len(digits) == 18
            and digits[:2] in _PROVINCE_CODES
            and valid_id_number(digits, checked=False)
            and _near(view, m.start(), m.end(), ID_CONTEXT)
        ):
            found.append((Kind.ID_NUMBER, m.start(), m.end()))
    # An ID number's digits are no other number's: left in, its last group, a tab and a mobile's first digits read
    # as one mobile, which the ID number then covered, and the real mobile after it was lost. Blanked for the
    # number patterns only: for the name reader a digit still closes a name (被告人王小明3302…).
    numbers = _blanked(view, found)
    for m in _MOBILE.finditer(numbers) if digits_in_view >= _MOBILE_DIGITS else ():
        split = m.group(1) and _TABLE_MARK.fullmatch(m.group(1))
        if not split or _near(view, m.start(), m.end(), PHONE_CONTEXT):
            found.append((Kind.MOBILE, m.start(), m.end()))
    for pattern in (_MOBILE_SPLIT, _MOBILE_LINES) if digits_in_view >= _MOBILE_DIGITS else ():
        for m in pattern.finditer(numbers):
            if len(re.sub(r"\D", "", m.group(1))) == 11:
                found.append((Kind.MOBILE, m.start(1), m.end(1)))
    if digits_in_view >= _LANDLINE_DIGITS:
        found += [(Kind.LANDLINE, m.start(), m.end()) for m in _LANDLINE.finditer(numbers)]
    found += [(Kind.LANDLINE, *m.span(m.lastindex)) for m in _LANDLINE_BARE.finditer(numbers)]
    for m in _CARD.finditer(numbers) if digits_in_view >= _CARD_DIGITS else ():
        digits = _digits(m.group())
        if not (16 <= len(digits) <= 19 and _whole(numbers, m)):
            continue
        named = _CARD_NAMED.search(view, max(0, m.start() - 8), m.start())
        if not named and _NUMBERED.search(view, max(0, m.start() - 8), m.start()):
            continue  # an order's, a batch's or a case's number, whatever banking word stands near
        if named or (
            luhn(digits) and (_CARD_PRINTED.fullmatch(m.group()) or _near(view, m.start(), m.end(), CARD_CONTEXT))
        ):
            found.append((Kind.BANK_CARD, m.start(), m.end()))
    return found


def _find(view: str, numbers_only: bool = False) -> list[tuple[Kind, int, int]]:
    # Passes that cannot find anything are skipped (a pattern that starts with a lookbehind is tried at every
    # character): a number's in a text with fewer digits than it reads (all seven in a third of the labelled corpora's
    # sentences, the ID number's and the card's in two thirds), the e-mail's in nine tenths, the account's before a
    # bracket in four fifths.
    found = _ids_telephones_and_cards(view)
    if any(sign in view for sign in _AT_SIGNS):
        found += [(Kind.EMAIL, m.start(), m.end()) for m in _EMAIL.finditer(view)]
    found += [(Kind.PLATE, m.start(), m.end()) for m in _PLATE.finditer(view)]
    found += [(Kind.CERTIFICATE, m.start("v"), m.end("v")) for m in _CERTIFICATE.finditer(view)]
    # an account written before its word stands before a bracket (chenxs1985（微信）)
    bracket = "(" in view or "（" in view
    for pattern in (_ACCOUNT, _ACCOUNT_NAMED, _ACCOUNT_BEFORE) if bracket else (_ACCOUNT, _ACCOUNT_NAMED):
        for m in pattern.finditer(view):
            after_a_letter = m.start() > 0 and view[m.start() - 1].isascii() and view[m.start() - 1].isalpha()
            official = any(word in view[max(0, m.start() - 12) : m.start()] for word in OFFICIAL_ACCOUNT)
            if not after_a_letter and not official:
                found.append((Kind.ACCOUNT, m.start("v"), m.end("v")))
    if numbers_only:  # the readers of words, which take most of a scan's time, are not asked
        return found
    found += [(Kind.ADDRESS, s, e) for s, e in find_addresses(view)]
    found += [(Kind.NAME, s, e) for s, e in find_names(view)]
    return found


# Names before addresses: an address pattern reaches left over the words before the road or estate, and is cut
# back to start after a name it ran into (吕秀兰反映中环名都7幢601室).
PRIORITY = [
    Kind.ID_NUMBER,
    Kind.BANK_CARD,
    Kind.MOBILE,
    Kind.LANDLINE,
    Kind.EMAIL,
    Kind.PLATE,
    Kind.CERTIFICATE,
    Kind.ACCOUNT,
    Kind.NAME,
    Kind.ADDRESS,
]


def scan(
    text: str, *, allow: frozenset[str] | set[str] = frozenset(), read_prose: bool = False, numbers_only: bool = False
) -> list[Finding]:
    """Every piece of personal data in `text`, in order, without overlaps (an ID number is not also a bank
    card). `allow` lists exact strings that are public on purpose, e.g. a department's own telephone number
    and address, which every notice prints: a finding inside one of them is dropped. `read_prose` adds the names
    a trained model reads in running prose (prose.py): slow, for a publication made once and kept. `numbers_only`
    leaves names and addresses unread, at a fraction of the time, for a caller that wants numbers alone (a name
    field; a text shown to staff with its identifiers masked): every number is found as a whole scan finds it,
    since numbers are chosen before names and addresses."""
    if not text:
        return []
    view = normalise(text)
    public = bytearray(len(text) + 1)  # 1 where an allowed public string stands
    for value in allow:
        for i in _all(text, value) if value else ():
            public[i : i + len(value)] = b"\x01" * len(value)
    for m in _DIGEST.finditer(text):  # a hash, a key or a token: its digits are no one's number
        if any(c in "abcdefABCDEF" for c in m.group()):
            public[m.start() : m.end()] = b"\x01" * (m.end() - m.start())
    taken = bytearray(len(text) + 1)  # 1 where a chosen finding stands: overlap checks cost a finding's length
    chosen: list[Finding] = []
    for kind, vs, ve in sorted(_find(view.text, numbers_only), key=lambda f: (PRIORITY.index(f[0]), f[1])):
        start, end = view.span(vs, ve)
        if kind == Kind.ADDRESS:  # cut back to start after the last finding it ran into (a name before the road)
            start = max(start, taken.rfind(b"\x01", start, end) + 1)
            while start < end and text[start].isspace():  # and the space after it (靳梓萱 碧浪湖花园…)
                start += 1
        if start >= end or all(public[start:end]) or any(taken[start:end]):
            continue
        chosen.append(Finding(kind, start, end, text[start:end]))
        taken[start:end] = b"\x01" * (end - start)
    if read_prose:  # on the normalised view, as the patterns: a name with an invisible character inside is whole
        seen = taken if view.origin is None else bytearray([*(taken[i] for i in view.origin), 0])
        for vs, ve in prose_names(view.text, seen):
            start, end = view.span(vs, ve)
            if not all(public[start:end]) and not any(taken[start:end]):
                chosen.append(Finding(Kind.NAME, start, end, text[start:end]))
                taken[start:end] = b"\x01" * (end - start)
    return sorted(chosen, key=lambda f: f.start)


# What a name field may not hold: a number that reaches a person. Not an address: a collective's or a firm's name
# holds one (横山村3组村民小组, 中山东路100号全体商户).
_NUMBERS = frozenset(Kind) - {Kind.NAME, Kind.ADDRESS}


def numbers_in(text: str, *, allow: frozenset[str] | set[str] = frozenset()) -> list[Finding]:
    """The ID numbers, telephones, cards, e-mails, accounts, plates and certificates' numbers in `text`, but those
    inside an `allow`ed public string: a field that holds a person's or an organisation's name (stored in clear,
    shown to staff and in lists) must hold none, nor a staff's text in a case's step (cases/transitions.py)."""
    return [f for f in scan(text, allow=allow, numbers_only=True) if f.kind in _NUMBERS]


# 32 hex characters or more, standing alone: a SHA-256 in an audit row, an API key, a UUID's run (one scan of each
# run from its start: the lookbehind admits no other start inside it).
_DIGEST = re.compile(r"(?<![0-9A-Za-z])[0-9a-fA-F]{32,}(?![0-9A-Za-z])")


def _all(text: str, value: str):
    i = text.find(value)
    while i >= 0:
        yield i
        i = text.find(value, i + 1)
