"""A number printed one digit to a box, as forms print an ID number in 18 boxes: a table row's cells that each
hold one digit are read as the one number a reader sees. A reader of a file that puts each cell on its own line
(a docx's table, a sheet's row, an HTML table) asks here which runs of cells make a number.

A run makes a number when it is one: an ID number (its check character), or, beside the label that says so in the
same row, a mobile or a card. Eleven one-digit counts in a statistics table (受理件数 1 5 2 0 3 …) are no mobile.
"""

from __future__ import annotations

from .detect import luhn, valid_id_number
from .normalize import SPELT_DIGITS, normalise

_BOX = frozenset("0123456789Xx" + SPELT_DIGITS)
_SHORTEST = 11  # a mobile's length; an ID number has 15 or 18
_PHONE_LABELS = ("电话", "手机", "联系方式")
_CARD_LABELS = ("卡号", "账号", "帐号", "银行")


def is_box(cell: str) -> bool:
    """A table cell that holds one digit (or an ID number's X)."""
    value = cell.strip()
    return len(value) == 1 and value in _BOX


def box_runs(cells: list[str]) -> list[tuple[int, int]]:
    """The (first, past last) cell indexes of each run of one-digit cells that makes a number."""
    labels = "".join(c for c in cells if not is_box(c))
    runs, first = [], None
    for i, cell in enumerate([*cells, ""]):
        if is_box(cell):
            first = i if first is None else first
            continue
        if first is not None and _a_number("".join(c.strip() for c in cells[first:i]), labels):
            runs.append((first, i))
        first = None
    return runs


def boxed(cells: list[str]) -> list[str]:
    """Each run of one-digit cells that makes a number, joined."""
    return ["".join(c.strip() for c in cells[first:last]) for first, last in box_runs(cells)]


def _a_number(run: str, labels: str) -> bool:
    digits = normalise(run).text
    if len(digits) < _SHORTEST:
        return False
    if len(digits) in (15, 18) and valid_id_number(digits):
        return True
    if len(digits) == 11 and digits[0] == "1":
        return any(label in labels for label in _PHONE_LABELS)
    return 16 <= len(digits) <= 19 and luhn(digits) and any(label in labels for label in _CARD_LABELS)
