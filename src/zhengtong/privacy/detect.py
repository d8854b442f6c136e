"""Detectors for Chinese personal data in text (个人信息): what a published page must not show in full.

Each detector is a pattern plus a check that removes look-alikes: an ID number must carry a real birth date and
the GB 11643 check character; a bank card must pass Luhn and stand near a banking word; a name must follow a
label such as 姓名 or 申请人. Numbers are matched with ASCII and full-width digits, never as part of a longer
number or code (a 索引号 or a file number is not a phone number).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from enum import Enum

from zhengtong.core.ids import ID_CHECK_CHARS, ID_WEIGHTS


class Kind(str, Enum):
    ID_NUMBER = "id_number"
    MOBILE = "mobile"
    LANDLINE = "landline"
    BANK_CARD = "bank_card"
    EMAIL = "email"
    ADDRESS = "address"
    NAME = "name"

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
}


@dataclass(frozen=True)
class Finding:
    kind: Kind
    start: int
    end: int
    text: str


FULL_WIDTH = str.maketrans("０１２３４５６７８９Ｘｘ", "0123456789XX")
# Not preceded or followed by a digit or an ASCII letter: a number inside a longer code is not a match.
_B, _E = r"(?<![0-9A-Za-z０-９])", r"(?![0-9A-Za-z０-９])"
_D = "[0-9０-９]"

_ID = re.compile(rf"{_B}{_D}{{17}}[0-9０-９Xxｘ]{_E}|{_B}{_D}{{15}}{_E}")
_MOBILE = re.compile(rf"(?:(?<=\+86)|(?<=\+86 )|(?<=\+86-)|{_B})[1１][3-9３-９]{_D}(?:[- ]?{_D}{{4}}){{2}}{_E}")
_LANDLINE = re.compile(rf"{_B}(?:[(（]0{_D}{{2,3}}[)）]|0{_D}{{2,3}}-)\s?[2-9２-９]{_D}{{6,7}}(?:-{_D}{{1,5}})?{_E}")
_CARD = re.compile(rf"{_B}(?:{_D}[ -]?){{15,18}}{_D}{_E}")
_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
_ADDRESS = re.compile(
    # The place name before the road: up to 12 characters, stopping at words that end a phrase (其居住的…).
    r"[^\s，,。；;：:的在住于是为位和及与、（(）)]{1,12}?(?:路|街|巷|弄|道|村|小区|花园|苑|新村|大道)"
    rf"(?:{_D}+|[一二三四五六七八九十百]+)(?:号|弄)(?:(?:{_D}+|[一二三四五六七八九十]+)(?:幢|栋|号楼|单元|楼|层|室|号|座))*"
    rf"(?:{_D}+室?)?"
)
NAME_LABELS = (
    "姓名",
    "申请人",
    "联系人",
    "户主",
    "当事人",
    "法定代表人",
    "投诉人",
    "举报人",
    "来信人",
    "收件人",
    "代理人",
    "患者",
)
_NAME = re.compile(
    rf"(?:{'|'.join(NAME_LABELS)})\s*(?:[:：]|为|是)?\s*([\u4e00-\u9fa5]{{2,4}}?)(?=[\s，,。；;、(（)）\]】\n]|$|先生|女士|同志|名下|的|因|于|在|等)"
)
CARD_CONTEXT = ("银行", "卡号", "账号", "帐号", "开户", "账户", "帐户", "储蓄卡", "信用卡", "银联")
CONTEXT_WINDOW = 20
# Words that look like a name after a label but are not one (申请人：本人 / 联系人：无).
NOT_NAMES = frozenset(
    (
        "本人 无 暂无 见附件 单位 公司 本单位 法人 个人 委托人 申请人 如下 签字 盖章 "
        "姓名 电话 地址 身份 身份证 联系 联系电话 不详 某某"
    ).split()
)


def _digits(text: str) -> str:
    return re.sub(r"[^0-9X]", "", text.translate(FULL_WIDTH).upper())


def valid_id_number(value: str, *, today: dt.date | None = None) -> bool:
    """GB 11643: 18 characters with a real birth date and the check character; or the old 15-digit form (1980s
    cards, still in archives) with a real 19xx birth date."""
    value = _digits(value)
    if len(value) == 15:
        born = ("19" + value[6:8], value[8:10], value[10:12])
    elif len(value) == 18:
        if not value[:17].isdigit():
            return False
        total = sum(int(d) * w for d, w in zip(value[:17], ID_WEIGHTS, strict=True))
        if ID_CHECK_CHARS[total % 11] != value[17]:
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
    digits = [int(c) for c in _digits(value)]
    total = 0
    for i, d in enumerate(reversed(digits)):
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return bool(digits) and total % 10 == 0


def _near(text: str, start: int, end: int, words) -> bool:
    window = text[max(0, start - CONTEXT_WINDOW) : end + CONTEXT_WINDOW]
    return any(w in window for w in words)


def _find(text: str) -> list[Finding]:
    found: list[Finding] = []
    for m in _ID.finditer(text):
        if valid_id_number(m.group()):
            found.append(Finding(Kind.ID_NUMBER, m.start(), m.end(), m.group()))
    for m in _MOBILE.finditer(text):
        found.append(Finding(Kind.MOBILE, m.start(), m.end(), m.group()))
    for m in _LANDLINE.finditer(text):
        found.append(Finding(Kind.LANDLINE, m.start(), m.end(), m.group()))
    for m in _CARD.finditer(text):
        if 16 <= len(_digits(m.group())) <= 19 and luhn(m.group()) and _near(text, m.start(), m.end(), CARD_CONTEXT):
            found.append(Finding(Kind.BANK_CARD, m.start(), m.end(), m.group()))
    for m in _EMAIL.finditer(text):
        found.append(Finding(Kind.EMAIL, m.start(), m.end(), m.group()))
    for m in _ADDRESS.finditer(text):
        found.append(Finding(Kind.ADDRESS, m.start(), m.end(), m.group()))
    for m in _NAME.finditer(text):
        name = m.group(1)
        if name not in NOT_NAMES and not any(name.startswith(w) for w in NOT_NAMES if len(w) >= 2):
            found.append(Finding(Kind.NAME, m.start(1), m.end(1), name))
    return found


PRIORITY = [Kind.ID_NUMBER, Kind.BANK_CARD, Kind.MOBILE, Kind.LANDLINE, Kind.EMAIL, Kind.ADDRESS, Kind.NAME]


def scan(text: str, *, allow: frozenset[str] | set[str] = frozenset()) -> list[Finding]:
    """Every piece of personal data in `text`, in order, without overlaps (an ID number is not also a bank
    card). `allow` lists exact strings that are public on purpose, e.g. a department's own telephone number
    and address, which every notice prints."""
    if not text:
        return []
    chosen: list[Finding] = []
    taken: list[tuple[int, int]] = []
    for finding in sorted(_find(text), key=lambda f: (PRIORITY.index(f.kind), f.start)):
        if finding.text in allow or any(finding.start < e and s < finding.end for s, e in taken):
            continue
        chosen.append(finding)
        taken.append((finding.start, finding.end))
    return sorted(chosen, key=lambda f: f.start)
