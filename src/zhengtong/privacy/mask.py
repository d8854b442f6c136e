"""Masking in the official style (138****9876, 330206********123X, 王*, 绿城春江花园**幢***室), applied to what
`scan` found. A number keeps its written separators and width; zero-width characters hidden inside it are dropped,
so a masked value never carries an invisible copy of what it hides."""

from __future__ import annotations

import re
from collections.abc import Sequence

from zhengtong.core import masking

from .detect import Finding, Kind, scan
from .normalize import INVISIBLE, LOOKALIKES, ROMAN_DIGITS, SPELT_DIGITS, TWO_DIGIT_SIGNS

# A number in Chinese numerals is one before a unit word (五组, 三幢, 第三村民小组) or as the room that ends an
# address (三幢二〇一); elsewhere it is part of a name (四明山路, 百丈街道).
_NUMBER = re.compile(
    r"[0-9０-９\u2160-\u2168\u2170-\u2178]+"
    r"|[一二三四五六七八九十百零〇两壹贰叁肆伍陆柒捌玖拾佰]+(?=[号幢栋座单元楼层室组弄户#队社]|村民小组|[-/._][0-9一二三四五六七八九十]|\Z)"
)
_MOBILE_PREFIX = re.compile(r"^(?:[+＋]|00|００)?(?:86|８６)[ -]?|^[(（][+＋]?(?:86|８６)[)）] ?")
_AREA = re.compile(r"^[(（]?[0０][0-9０-９]{2,3}[)）]?[- ]?")
PLATE_KEEP = 2  # the province, the issuing letter and the last two characters stay: 浙B***45


def _significant(c: str) -> bool:
    """A digit of any script or set (𝟏, ١, １, ①, ❶, ₁ as much as 1), a digit spelt in Chinese or typed as a letter
    (a finding's text is the run the detector read as a number), or the X that ends an ID number."""
    return (
        c.isdigit()
        or c in SPELT_DIGITS
        or c in LOOKALIKES
        or c in ROMAN_DIGITS
        or c in TWO_DIGIT_SIGNS
        or c in "XxＸｘ"
    )


def _keep(text: str, head: int, tail: int) -> str:
    """Mask the significant characters (digits, X) of `text` but the first `head` and the last `tail`."""
    total = sum(1 for c in text if _significant(c))
    out, seen = [], 0
    for c in text:
        if c in INVISIBLE:
            continue
        if _significant(c):
            out.append(c if seen < head or seen >= total - tail else "*")
            seen += 1
        else:
            out.append(c)
    return "".join(out)


def mask_finding(finding: Finding) -> str:
    text = finding.text
    if finding.kind == Kind.ID_NUMBER:
        return _keep(text, 6, 4)
    if finding.kind == Kind.MOBILE:
        prefix = _MOBILE_PREFIX.match(text)
        head = prefix.group() if prefix else ""
        return head + _keep(text[len(head) :], 3, 4)
    if finding.kind == Kind.BANK_CARD:
        return _keep(text, 4, 4)
    if finding.kind == Kind.LANDLINE:
        area = _AREA.match(text)
        head = area.group() if area else ""
        return head + _keep(text[len(head) :], 0, 4)
    if finding.kind == Kind.EMAIL:
        return masking.mask_email(text)
    if finding.kind == Kind.PLATE:
        visible = text.replace("·", "").replace("・", "")
        return text[:2] + "*" * max(len(visible) - 2 - PLATE_KEEP, 1) + text[-PLATE_KEEP:]
    if finding.kind == Kind.CERTIFICATE:
        return _keep(text, 0, 2)
    if finding.kind == Kind.ACCOUNT:  # its letters name the person as much as its digits
        return text[0] + "*" * max(len(text) - 2, 1) + text[-1]
    if finding.kind == Kind.ADDRESS:
        # the road, estate and village stay, so a reply still reads as an address; every number goes
        return _NUMBER.sub(lambda m: "*" * max(2, len(m.group())), text)
    return masking.mask_name(text)


_ASCII_ACCOUNT = re.compile(r"(?<![A-Za-z])(?:qq|QQ|[vVwW][xX])")


def may_hold(text: str) -> bool:
    """Whether a text could hold personal data at all: one that is ASCII, with fewer than seven digits, no @ and
    no account's word (QQ:123456), cannot (names and addresses are Chinese, numbers long), and is passed without
    running the detector."""
    return (
        not text.isascii()
        or "@" in text
        or sum(c.isdigit() for c in text) >= 7
        or _ASCII_ACCOUNT.search(text) is not None
    )


def mask(text: str, *, allow: frozenset[str] | set[str] = frozenset(), findings: list[Finding] | None = None) -> str:
    """`text` with every finding masked."""
    findings = scan(text, allow=allow) if findings is None else findings
    out, last = [], 0
    for finding in sorted(findings, key=lambda f: f.start):
        out.append(text[last : finding.start])
        out.append(mask_finding(finding))
        last = finding.end
    out.append(text[last:])
    return "".join(out)


def mask_together(
    texts: Sequence[str], *, allow: frozenset[str] | set[str] = frozenset(), read_prose: bool = False
) -> list[str]:
    """The parts of one publication (a letter's title, text and reply), each masked, and each name found in any of
    them masked wherever it stands in every one: a name read after a role in the text (城管队员陈志强) is the same
    person in the reply, where nothing before it says so (已对陈志强进行批评教育). `read_prose` as `scan`'s."""
    found = [scan(text or "", allow=allow, read_prose=read_prose) for text in texts]
    names = {f.text for findings in found for f in findings if f.kind == Kind.NAME and len(f.text.strip()) >= 2}
    out = []
    for text, findings in zip(texts, found, strict=True):
        text = text or ""
        taken = bytearray(len(text) + 1)
        for f in findings:
            taken[f.start : f.end] = b"\x01" * (f.end - f.start)
        more = []
        for name in names:
            at = text.find(name)
            while at >= 0:
                if not any(taken[at : at + len(name)]):
                    more.append(Finding(Kind.NAME, at, at + len(name), name))
                    taken[at : at + len(name)] = b"\x01" * len(name)
                at = text.find(name, at + len(name))
        out.append(mask(text, findings=[*findings, *more]))
    return out


def listed(findings: Sequence[tuple[str, str]], most: int = 3) -> str:
    """What a refusal of personal data names: the first `most` (kind, masked value) pairs and "等" when there are
    more ("手机号码 139****0001、身份证号 330206********1234等"). Every refusal words its findings this way."""
    shown = "、".join(f"{kind} {masked}" for kind, masked in findings[:most])
    return shown + ("等" if len(findings) > most else "")
