"""Chinese identifiers: 公民身份号码 (GB 11643-1999), 统一社会信用代码 (GB 32100-2015), 组织机构代码 (GB 11714-1997).

Pure functions, no Django. Each raises IdentifierError with a stable code; the forms and the API show its
message. The region part of an ID number is only checked against the province list: an unknown county
code is a warning, never a rejection (codes change with every administrative reform).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


class IdentifierError(ValueError):
    def __init__(self, code: str, message):
        self.code = code
        self.message = message
        super().__init__(str(message))


# --- 公民身份号码 GB 11643-1999 -----------------------------------------------------------------------------------
# ISO 7064 MOD 11-2: weight of position i (1-based from the left) is 2**(18-i) mod 11.
ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK_CHARS = "10X98765432"
# 省级行政区划代码 (GB/T 2260): the first two digits.
PROVINCE_CODES = frozenset(
    "11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 50 51 52 53 54 61 62 63 64 65 71 81 82".split()
)
_ID_RE = re.compile(r"^[0-9]{17}[0-9X]$")  # not \d: that matches every script's digits


@dataclass(frozen=True)
class IdNumber:
    value: str
    birth_date: dt.date
    male: bool
    region_known: bool


def id_number_check_char(first17: str) -> str:
    total = sum(int(d) * w for d, w in zip(first17, ID_WEIGHTS, strict=True))
    return ID_CHECK_CHARS[total % 11]


def parse_id_number(raw: str, *, today: dt.date | None = None) -> IdNumber:
    """Validate an 18-character 公民身份号码: format, real birth date, check character."""
    value = (raw or "").strip().upper()
    if not _ID_RE.match(value):
        raise IdentifierError("ID_FORMAT", _("公民身份号码应为18位，前17位是数字，最后一位是数字或X。"))
    try:
        birth = dt.date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except ValueError:
        raise IdentifierError("ID_BIRTH_DATE", _("公民身份号码中的出生日期不存在，请核对。")) from None
    today = today or dt.date.today()
    if birth.year < 1900 or birth > today:
        raise IdentifierError("ID_BIRTH_DATE", _("公民身份号码中的出生日期不合理，请核对。"))
    if id_number_check_char(value[:17]) != value[17]:
        raise IdentifierError("ID_CHECKSUM", _("公民身份号码校验位不正确，请逐位核对。"))
    return IdNumber(
        value=value, birth_date=birth, male=int(value[16]) % 2 == 1, region_known=value[:2] in PROVINCE_CODES
    )


# --- 统一社会信用代码 GB 32100-2015 --------------------------------------------------------------------------------
USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # 31 characters: no I, O, S, V, Z
USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
# 登记管理部门代码: 1-9 plus A (群团), N (农业), Y (其他). python-stdnum refuses A/N/Y, hence our own check.
USCC_AUTHORITIES = frozenset("123456789ANY")
_USCC_RE = re.compile(rf"^[{USCC_CHARS}]{{18}}$")


def uscc_check_char(first17: str) -> str:
    total = sum(USCC_CHARS.index(c) * w for c, w in zip(first17, USCC_WEIGHTS, strict=True))
    return USCC_CHARS[(31 - total % 31) % 31]


def parse_uscc(raw: str) -> str:
    value = (raw or "").strip().upper()
    if not _USCC_RE.match(value):
        raise IdentifierError("USCC_FORMAT", _("统一社会信用代码应为18位数字或大写字母（不含 I、O、S、V、Z）。"))
    if value[0] not in USCC_AUTHORITIES:
        raise IdentifierError("USCC_AUTHORITY", _("统一社会信用代码第1位（登记管理部门代码）不正确。"))
    if uscc_check_char(value[:17]) != value[17]:
        raise IdentifierError("USCC_CHECKSUM", _("统一社会信用代码校验位不正确，请逐位核对。"))
    return value


# --- 组织机构代码 GB 11714-1997 ------------------------------------------------------------------------------------
ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)
_ORG_RE = re.compile(r"^[0-9A-Z]{8}-?[0-9X]$")


def _org_char_value(c: str) -> int:
    return int(c) if c.isdigit() else ord(c) - ord("A") + 10


def org_code_check_char(first8: str) -> str:
    check = 11 - sum(_org_char_value(c) * w for c, w in zip(first8, ORG_WEIGHTS, strict=True)) % 11
    return {10: "X", 11: "0"}.get(check, str(check))


def parse_org_code(raw: str) -> str:
    """Return the code as 9 characters without the hyphen (the form embedded in a USCC)."""
    value = (raw or "").strip().upper()
    if not _ORG_RE.match(value):
        raise IdentifierError("ORG_FORMAT", _("组织机构代码应为8位数字或大写字母加1位校验码，如 12345678-5。"))
    value = value.replace("-", "")
    if org_code_check_char(value[:8]) != value[8]:
        raise IdentifierError("ORG_CHECKSUM", _("组织机构代码校验码不正确，请逐位核对。"))
    return value


# --- 银行卡号 ISO/IEC 7812 ------------------------------------------------------------------------------------------
def luhn_valid(digits: str) -> bool:
    """Whether a run of ASCII digits ends in its Luhn check digit, as a bank card number does."""
    if not digits or not digits.isdigit():
        return False
    total = sum(d if i % 2 == 0 else (d * 2 - 9 if d > 4 else d * 2) for i, d in enumerate(map(int, reversed(digits))))
    return total % 10 == 0
