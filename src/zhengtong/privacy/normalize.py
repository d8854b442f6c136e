"""The text as a reader sees it: full-width letters, digits and punctuation as their ASCII forms, the ideographic
space as a space, zero-width characters gone. Detectors match on this view; every match is mapped back to the
original text, so what gets masked is what was written (an ID number with a zero-width space inside included).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# U+200B..U+200D zero-width space/non-joiner/joiner, U+2060 word joiner, U+FEFF BOM, U+00AD soft hyphen
INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
_WIDE = {chr(c): chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F)} | {"\u3000": " "}
_WIDE_TABLE = str.maketrans(_WIDE)
_NEEDS_WORK = re.compile(f"[{INVISIBLE}\uff01-\uff5e\u3000]")
_INVISIBLE = re.compile(f"[{INVISIBLE}]")


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
    if not _INVISIBLE.search(wide):
        return View(wide, None)
    origin = tuple(i for i, c in enumerate(wide) if c not in INVISIBLE)
    return View("".join(wide[i] for i in origin), origin)
