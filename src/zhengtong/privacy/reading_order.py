"""The order a page shows a text's characters in: the Unicode bidirectional algorithm (UAX #9), for a page written
left to right, one paragraph per line.

A right-to-left character makes the numbers after it show in reverse order of their groups: typed after an Arabic
or Hebrew letter, or after an invisible right-to-left mark (U+200F, U+061C), 0033 0574 138 shows as 138 0574 0033.
An override (U+202E) shows a number typed backwards the right way round. Read in the order it was typed, each was no
number, and was published (sessions 62 and 63). The detectors read the order computed here.

What is implemented: the explicit levels (X1-X8) with overrides, embeddings, isolates and the depth limit; isolating
run sequences (BD13); the weak (W1-W7), bracket pair (BD16, N0), neutral (N1-N2) and implicit (I1-I2) rules; trailing
white space (L1) and the reordering (L2). Left out: mirroring, which changes glyphs, not order. A test compares this
order with python-bidi's. No library gives the positions, which a finding must be mapped back through: python-bidi
returns the reordered string only.
"""

from __future__ import annotations

import re
import unicodedata

_EMBEDDINGS = {"LRE": False, "RLE": True, "LRO": False, "RLO": True}  # right to left?
_ISOLATES = frozenset(("LRI", "RLI", "FSI"))
_NEUTRAL = frozenset(("B", "S", "WS", "ON", "LRI", "RLI", "FSI", "PDI"))
_STRONG = frozenset(("L", "R", "AL"))
_REMOVED = frozenset(("BN", "PDF", *_EMBEDDINGS))  # X9: no later rule sees them
_DEEPEST = 125  # the algorithm's own limit: deeper controls do nothing
# the controls html.py writes for <bdo dir> (an isolated override, as HTML's style sheet shows it) and <bdi>
ISOLATED_OVERRIDE = {"rtl": "\u2067\u202e", "ltr": "\u2066\u202d"}
OVERRIDE_ENDS, FIRST_STRONG_ISOLATE, ISOLATE_ENDS = "\u202c\u2069", "\u2068", "\u2069"
_PARAGRAPHS = re.compile("[\n\r\x1c-\x1e\x85\u2029]")

# Every character that can make a line's order differ from the order it was typed in (a right-to-left letter, an
# Arabic digit, a right-to-left mark, embedding, override or isolate; a first-strong isolate only shows right to
# left with one of those inside). A test checks it against every code point's class.
RIGHT_TO_LEFT_RANGES = (
    "\u0590-\u08ff\u200f\u202b\u202e\u2067\ufb1d-\ufdff\ufe70-\ufefe\U00010800-\U00010fff\U0001e800-\U0001efff"
)
RIGHT_TO_LEFT_TEXT = re.compile(f"[{RIGHT_TO_LEFT_RANGES}]")


def as_shown(text: str) -> list[int]:
    """The positions of `text` in the order a page shows them, line by line."""
    if not RIGHT_TO_LEFT_TEXT.search(text):
        return list(range(len(text)))
    order: list[int] = []
    start = 0
    for separator in _PARAGRAPHS.finditer(text):
        order += _line(text, start, separator.start())
        order.append(separator.start())
        start = separator.end()
    return order + _line(text, start, len(text))


def _line(text: str, start: int, end: int) -> list[int]:
    line = text[start:end]
    kinds = [bidi_class(c) for c in line]
    levels, types, kept = _explicit(kinds)
    explicit = tuple(levels)  # each sequence's start and end are read against the levels before any is resolved
    for sequence in _sequences(kinds, levels, kept):
        _resolve(line, sequence, explicit, levels, types, kinds)
    for i, kind in enumerate(kinds):  # a removed control stays inside its neighbours' run, splitting no number
        if kind in _REMOVED:
            levels[i] = levels[i - 1] if i else _neighbour_level(levels, kinds, i, 1)
    _trailing_white(kinds, levels)
    return _reordered(levels, start)


# Letters newer than this Python's Unicode tables have no class in them, and a browser knows them: an Arabic
# Extended-C or a Garay letter before a number turns it as an Arabic one does (outside attack, session 63). Such a
# code point takes the class Unicode gives the unassigned ones of its block (DerivedBidiClass.txt's defaults).
_UNASSIGNED_AL = (
    (0x0600, 0x07BF), (0x0860, 0x08FF), (0xFB50, 0xFDCF), (0xFDF0, 0xFDFF), (0xFE70, 0xFEFF), (0x10D00, 0x10D3F),
    (0x10EC0, 0x10EFF), (0x10F30, 0x10F6F), (0x1EC70, 0x1ECBF), (0x1ED00, 0x1ED4F), (0x1EE00, 0x1EEFF),
)  # fmt: skip
_UNASSIGNED_R = (
    (0x0590, 0x05FF), (0x07C0, 0x085F), (0xFB1D, 0xFB4F), (0x10800, 0x10CFF), (0x10D40, 0x10EBF),
    (0x10F00, 0x10F2F), (0x10F70, 0x10FFF), (0x1E800, 0x1EC6F), (0x1ECC0, 0x1ECFF), (0x1ED50, 0x1EDFF),
    (0x1EF00, 0x1EFFF),
)  # fmt: skip


def bidi_class(c: str) -> str:
    return unicodedata.bidirectional(c) or _unassigned(ord(c))


def _unassigned(code: int) -> str:
    if any(first <= code <= last for first, last in _UNASSIGNED_AL):
        return "AL"
    if any(first <= code <= last for first, last in _UNASSIGNED_R):
        return "R"
    return "ET" if 0x20A0 <= code <= 0x20CF else "L"


class _Entry:
    __slots__ = ("isolate", "level", "override")

    def __init__(self, level: int, override: str | None, isolate: bool):
        self.level, self.override, self.isolate = level, override, isolate


def _explicit(kinds: list[str]) -> tuple[list[int], list[str], list[int]]:
    """X1-X9: each character's embedding level and its type under any override; the indexes X9 keeps (controls
    other than isolates, and the boundary neutrals, are removed from the later rules)."""
    stack = [_Entry(0, None, False)]
    overflow_isolates = overflow_embeddings = valid_isolates = 0
    levels, types, kept = [0] * len(kinds), list(kinds), []
    for i, kind in enumerate(kinds):
        top = stack[-1]
        if kind in _EMBEDDINGS:
            level = _next_level(top.level, _EMBEDDINGS[kind])
            if level <= _DEEPEST and not overflow_isolates and not overflow_embeddings:
                stack.append(_Entry(level, kind[0] if kind.endswith("O") else None, False))
            elif not overflow_isolates:
                overflow_embeddings += 1
            levels[i] = top.level
        elif kind in _ISOLATES:
            levels[i], types[i] = top.level, top.override or kind
            # a first-strong isolate's direction is looked for only where it can open, so that a run of them costs
            # the depth limit's number of walks, not one walk each (20,000 unclosed ones took 18 s)
            opens = top.level < _DEEPEST and not overflow_isolates and not overflow_embeddings
            right = kind == "RLI" or (kind == "FSI" and opens and _first_strong_is_right(kinds, i + 1))
            level = _next_level(top.level, right)
            if level <= _DEEPEST and opens:
                valid_isolates += 1
                stack.append(_Entry(level, None, True))
            else:
                overflow_isolates += 1
            kept.append(i)
        elif kind == "PDI":
            if overflow_isolates:
                overflow_isolates -= 1
            elif valid_isolates:
                overflow_embeddings = 0
                while not stack[-1].isolate:
                    stack.pop()
                stack.pop()
                valid_isolates -= 1
            levels[i], types[i] = stack[-1].level, stack[-1].override or kind
            kept.append(i)
        elif kind == "PDF":
            if overflow_isolates:
                pass
            elif overflow_embeddings:
                overflow_embeddings -= 1
            elif not top.isolate and len(stack) > 1:
                stack.pop()
            levels[i] = top.level
        elif kind == "BN":
            levels[i] = top.level
        else:
            levels[i], types[i] = top.level, top.override or kind
            kept.append(i)
    return levels, types, kept


def _next_level(level: int, right: bool) -> int:
    return level + 1 + ((level + (0 if right else 1)) % 2)


def _first_strong_is_right(kinds: list[str], i: int) -> bool:
    """P2-P3 for a first-strong isolate: its first strong character, skipping isolates inside, is right to left."""
    depth = 0
    for j in range(i, len(kinds)):
        kind = kinds[j]
        if kind in _ISOLATES:
            depth += 1
        elif kind == "PDI":
            if not depth:
                return False
            depth -= 1
        elif not depth and kind in _STRONG:
            return kind != "L"
    return False


def _sequences(kinds: list[str], levels: list[int], kept: list[int]) -> list[list[int]]:
    """BD13: the level runs of the kept characters, each isolate initiator's run joined to its matching PDI's."""
    runs: list[list[int]] = []
    for i in kept:
        if runs and levels[runs[-1][-1]] == levels[i]:
            runs[-1].append(i)
        else:
            runs.append([i])
    matching: dict[int, int] = {}  # BD9: an isolate initiator's position -> its PDI's
    open_isolates: list[int] = []
    for i in kept:
        if kinds[i] in _ISOLATES:
            open_isolates.append(i)
        elif kinds[i] == "PDI" and open_isolates:
            matching[open_isolates.pop()] = i
    run_starting = {run[0]: run for run in runs}
    continued = set(matching.values())
    sequences = []
    for run in runs:
        if run[0] in continued:
            continue
        sequence = list(run)
        while kinds[sequence[-1]] in _ISOLATES and sequence[-1] in matching:
            sequence += run_starting[matching[sequence[-1]]]
        sequences.append(sequence)
    return sequences


def _direction(level: int) -> str:
    return "R" if level % 2 else "L"


def _resolve(
    line: str, sequence: list[int], explicit: tuple[int, ...], levels: list[int], types: list[str], kinds: list[str]
) -> None:
    """W1-W7, N0-N2, I1-I2 over one isolating run sequence, in place on `levels`."""
    level = explicit[sequence[0]]
    sos = _direction(max(level, _neighbour_level(explicit, kinds, sequence[0], -1)))
    last = sequence[-1]
    unmatched_isolate = kinds[last] in _ISOLATES
    eos = _direction(max(level, 0 if unmatched_isolate else _neighbour_level(explicit, kinds, last, 1)))
    t = [types[i] for i in sequence]
    n = len(t)
    for k in range(n):  # W1
        if t[k] == "NSM":
            t[k] = sos if k == 0 else ("ON" if t[k - 1] in _ISOLATES or t[k - 1] == "PDI" else t[k - 1])
    strong = sos
    for k in range(n):  # W2, W3
        if t[k] in _STRONG:
            strong = t[k]
            if t[k] == "AL":
                t[k] = "R"
        elif t[k] == "EN" and strong == "AL":
            t[k] = "AN"
    for k in range(1, n - 1):  # W4
        if t[k] == "ES" and t[k - 1] == "EN" == t[k + 1]:
            t[k] = "EN"
        elif t[k] == "CS" and t[k - 1] in ("EN", "AN") and t[k - 1] == t[k + 1]:
            t[k] = t[k - 1]
    k = 0
    while k < n:  # W5
        if t[k] == "ET":
            end = k
            while end < n and t[end] == "ET":
                end += 1
            if (k > 0 and t[k - 1] == "EN") or (end < n and t[end] == "EN"):
                t[k:end] = ["EN"] * (end - k)
            k = end
        else:
            k += 1
    strong = sos
    for k in range(n):  # W6, W7
        if t[k] in ("ES", "ET", "CS"):
            t[k] = "ON"
        elif t[k] in ("L", "R"):
            strong = t[k]
        elif t[k] == "EN" and strong == "L":
            t[k] = "L"
    _bracket_pairs(line, sequence, t, kinds, sos, _direction(level))
    k = 0
    while k < n:  # N1, N2: a run of neutrals takes its neighbours' direction where they agree (numbers count as R)
        if t[k] not in _NEUTRAL:
            k += 1
            continue
        end = k
        while end < n and t[end] in _NEUTRAL:
            end += 1
        left = sos if k == 0 else ("L" if t[k - 1] == "L" else "R")
        right = eos if end == n else ("L" if t[end] == "L" else "R")
        t[k:end] = [left if left == right else _direction(level)] * (end - k)
        k = end
    for k, i in enumerate(sequence):  # I1, I2
        if level % 2 == 0:
            levels[i] += {"R": 1, "AN": 2, "EN": 2}.get(t[k], 0)
        elif t[k] in ("L", "EN", "AN"):
            levels[i] += 1


# BidiBrackets.txt: each opening bracket and the closing one it pairs with (U+2329 and U+232A pair as their
# canonical equivalents U+3008 and U+3009 do).
_PAIRS = (
    "()[]{}\u0f3a\u0f3b\u0f3c\u0f3d\u169b\u169c\u2045\u2046\u207d\u207e\u208d\u208e\u2308\u2309\u230a\u230b"
    "\u3008\u3009\u2768\u2769\u276a\u276b\u276c\u276d\u276e\u276f\u2770\u2771\u2772\u2773\u2774\u2775"
    "\u27c5\u27c6\u27e6\u27e7\u27e8\u27e9\u27ea\u27eb\u27ec\u27ed\u27ee\u27ef\u2983\u2984\u2985\u2986"
    "\u2987\u2988\u2989\u298a\u298b\u298c\u298d\u2990\u298f\u298e\u2991\u2992\u2993\u2994\u2995\u2996"
    "\u2997\u2998\u29d8\u29d9\u29da\u29db\u29fc\u29fd\u2e22\u2e23\u2e24\u2e25\u2e26\u2e27\u2e28\u2e29"
    "\u2e55\u2e56\u2e57\u2e58\u2e59\u2e5a\u2e5b\u2e5c\u300a\u300b\u300c\u300d\u300e\u300f\u3010\u3011"
    "\u3014\u3015\u3016\u3017\u3018\u3019\u301a\u301b\ufe59\ufe5a\ufe5b\ufe5c\ufe5d\ufe5e\uff08\uff09"
    "\uff3b\uff3d\uff5b\uff5d\uff5f\uff60\uff62\uff63"
)
_CANONICAL = {"\u2329": "\u3008", "\u232a": "\u3009"}
_CLOSES = {_PAIRS[i]: _PAIRS[i + 1] for i in range(0, len(_PAIRS), 2)}  # opening -> its closing bracket
_CLOSING = frozenset(_CLOSES.values())
_MOST_OPEN = 63  # BD16: a deeper stack of open brackets ends the pairing


def _strong(kind: str) -> str | None:
    """The direction a resolved type counts as for a bracket pair: numbers as right to left."""
    return "L" if kind == "L" else "R" if kind in ("R", "EN", "AN") else None


def _bracket_pairs(line: str, sequence: list[int], t: list[str], kinds: list[str], sos: str, embedding: str) -> None:
    """BD16 and N0: a pair of brackets takes the embedding's direction if a strong type of it stands inside; else
    the other direction if one of that stands inside and before the pair too; else stays neutral. Without it, a
    right-to-left mark after an opening bracket read (138)05740001 as (05740001)138, which a page shows typed
    (outside attack, session 63)."""
    stack: list[tuple[str, int]] = []
    pairs = []
    for k, i in enumerate(sequence):
        c = _CANONICAL.get(line[i], line[i])
        if t[k] != "ON":
            continue
        if c in _CLOSES:
            if len(stack) == _MOST_OPEN:
                break
            stack.append((_CLOSES[c], k))
        elif c in _CLOSING:
            for depth in range(len(stack) - 1, -1, -1):
                if stack[depth][0] == c:
                    pairs.append((stack[depth][1], k))
                    del stack[depth:]
                    break
    for opening, closing in sorted(pairs):
        inside = {_strong(kind) for kind in t[opening + 1 : closing]}
        if embedding in inside:
            direction = embedding
        elif inside - {None}:
            before = next((d for d in map(_strong, reversed(t[:opening])) if d), sos)
            direction = before if before != embedding else embedding
        else:
            continue
        for bracket in (opening, closing):
            t[bracket] = direction
            k = bracket + 1
            while k < len(t) and kinds[sequence[k]] == "NSM":  # a mark on a bracket follows it
                t[k] = direction
                k += 1


def _neighbour_level(levels: list[int] | tuple[int, ...], kinds: list[str], i: int, step: int) -> int:
    """The level of the nearest character X9 keeps before (step -1) or after (+1) position i; the paragraph's, 0,
    at the line's edge."""
    j = i + step
    while 0 <= j < len(levels):
        if kinds[j] not in _REMOVED:
            return levels[j]
        j += step
    return 0


def _trailing_white(kinds: list[str], levels: list[int]) -> None:
    """L1: tabs, and white space or isolate controls before a tab or at the line's end, at the paragraph's level."""
    at_end = True
    for i in range(len(kinds) - 1, -1, -1):
        kind = kinds[i]
        if kind == "S":
            levels[i], at_end = 0, True
        elif at_end and (kind in ("WS", "PDI") or kind in _ISOLATES or kind in _REMOVED):
            levels[i] = 0
        else:
            at_end = False


def _reordered(levels: list[int], start: int) -> list[int]:
    """L2: from the highest level to the lowest odd one, each run at that level or above reversed."""
    order = list(range(start, start + len(levels)))
    shown = list(levels)
    highest = max(shown, default=0)
    lowest_odd = min((v for v in shown if v % 2), default=highest + 1)
    for level in range(highest, lowest_odd - 1, -1):
        k = 0
        while k < len(shown):
            if shown[k] < level:
                k += 1
                continue
            end = k
            while end < len(shown) and shown[end] >= level:
                end += 1
            order[k:end], shown[k:end] = order[k:end][::-1], shown[k:end][::-1]
            k = end
    return order
