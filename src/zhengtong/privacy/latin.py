"""Names in Latin letters: a foreign resident's name, read after a role (names.py), which says a person."""

from __future__ import annotations

import re

# A foreign resident's name in Latin letters: two or three capitalised words (John Smith, Anna Maria Schmidt), none
# of them a word of an office's or a place's English name.
_LATIN_NAME = re.compile(r"[A-Z][a-z]+(?:[ ·.-][A-Z][a-z]+){1,2}(?![A-Za-z])")
_NOT_IN_A_LATIN_NAME = frozenset(
    "District Office Bureau Department Government Committee Center Centre Street Road Avenue Village Town City "
    "County Province Company Group Bank Hospital School University College Station Hall Service Services Park "
    "Building Tower Plaza Square Bridge Lake River Mountain Port Lane Team Unit".split()
)


def latin_name_at(text: str, i: int) -> int:
    """Length of a name in Latin letters starting at i, 0 if none: read after a role only, which says a person."""
    m = _LATIN_NAME.match(text, i)
    if not m or any(word in _NOT_IN_A_LATIN_NAME for word in re.split("[ ·.-]", m.group())):
        return 0
    return m.end() - i
