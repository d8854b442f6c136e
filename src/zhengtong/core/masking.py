"""Masking in the style Chinese government sites use (`138****1234`).

Used by every page that shows personal data to someone other than its owner; the privacy engine (later)
finds personal data in free text and calls these to mask it.
"""

from __future__ import annotations


def _keep(value: str, head: int, tail: int) -> str:
    value = value or ""
    if len(value) <= head + tail:
        return "*" * len(value)
    return value[:head] + "*" * (len(value) - head - tail) + value[len(value) - tail :]


def mask_mobile(value: str) -> str:
    """13812341234 -> 138****1234"""
    return _keep(value, 3, 4)


def mask_id_number(value: str) -> str:
    """Keep the region (6) and the last 4; the birth date is hidden. 330206********123X"""
    return _keep(value, 6, 4)


def mask_name(value: str) -> str:
    """张三 -> 张*, 欧阳娜娜 -> 欧***: the surname stays so a reply can still address the person."""
    value = value or ""
    return value[:1] + "*" * (len(value) - 1) if value else ""


def mask_email(value: str) -> str:
    """zhangsan@example.cn -> z*******@example.cn"""
    local, at, domain = (value or "").partition("@")
    if not at:
        return _keep(value, 1, 0)
    return local[:1] + "*" * max(len(local) - 1, 1) + "@" + domain


def mask_bank_card(value: str) -> str:
    """6222021234567890123 -> 6222***********0123"""
    return _keep(value, 4, 4)
