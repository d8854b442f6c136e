"""Masking in the official style (`138****1234`), applied to what `scan` found."""

from __future__ import annotations

import re

from zhengtong.core import masking

from .detect import Finding, Kind, scan

_ADDRESS_HEAD = re.compile(r".*?(?:路|街|巷|弄|道|村|小区|花园|苑|新村|大道)")


def _keep_separators(original: str, masked_digits: str) -> str:
    """Mask a number written with spaces or dashes, keeping them where they were."""
    out, i = [], 0
    for c in original:
        if c in " -":
            out.append(c)
        else:
            out.append(masked_digits[i])
            i += 1
    return "".join(out)


def mask_finding(finding: Finding) -> str:
    text = finding.text
    if finding.kind == Kind.ID_NUMBER:
        return masking.mask_id_number(text)
    if finding.kind == Kind.MOBILE:
        bare = re.sub(r"[ -]", "", text)
        return _keep_separators(text, masking.mask_mobile(bare))
    if finding.kind == Kind.BANK_CARD:
        bare = re.sub(r"[ -]", "", text)
        return _keep_separators(text, masking.mask_bank_card(bare))
    if finding.kind == Kind.LANDLINE:
        return _mask_landline(text)
    if finding.kind == Kind.EMAIL:
        return masking.mask_email(text)
    if finding.kind == Kind.ADDRESS:
        head = _ADDRESS_HEAD.match(text)
        kept = head.group() if head else ""
        return kept + "*" * (len(text) - len(kept))
    return masking.mask_name(text)


def _mask_landline(text: str) -> str:
    """0574-86781234 -> 0574-****1234: the area code and the last four stay."""
    area = re.match(r"[(（]?0[0-9０-９]{2,3}[)）]?-?\s?", text)
    head = area.group() if area else ""
    body = text[len(head) :]
    return head + "".join("*" if c.isdigit() else c for c in body[:-4]) + body[-4:]


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
