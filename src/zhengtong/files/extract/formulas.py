"""What a spreadsheet formula made of literals works out to, for a sheet saved without its results (Excel works
them out on opening): `=1380574*10000+1` shows a mobile, `=330206&19900307&"1231"` an ID number. Only numbers
(leading zeros and exponents as Excel reads them), quoted text, + - * / ^ and brackets, joined by &: a formula that
reads a cell or calls a function is not worked out here (CONCATENATE's quoted pieces are read apart, by the
caller)."""

from __future__ import annotations

import ast
import operator
import re

_PIECE = re.compile(r'\s*("[^"]*"|[^&"]+)\s*(?:&|$)')
_ARITHMETIC = re.compile(r"[\d\s.eE+\-*/^()]+")
_LEADING_ZEROS = re.compile(r"(?<![\d.eE])0+(?=\d)")  # Excel reads 01380574 as 1380574; Python's parser refuses it
_OPERATORS = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.Div: operator.truediv,
    ast.Pow: operator.pow,
}
_HIGHEST_POWER = 20  # 10^4 writes a number; 9^9^9 would not end
_LONGEST = 200  # characters of a formula worked out: a number is never longer; a sheet's long formulas are not this


def worked_out(formula: str) -> str | None:
    """The text the formula shows, or None when it is not one of literals alone."""
    body = formula.lstrip("=").strip()
    if not body or len(body) > _LONGEST:
        return None
    pieces, at = [], 0
    while at < len(body):
        piece = _PIECE.match(body, at)
        if piece is None or piece.end() == at:
            return None
        pieces.append(piece.group(1).strip())
        at = piece.end()
    try:
        return "".join(p[1:-1] if p.startswith('"') else _shown(_value(p)) for p in pieces)
    except (ValueError, SyntaxError, ZeroDivisionError, OverflowError):
        return None


def _value(arithmetic: str) -> float:
    if not _ARITHMETIC.fullmatch(arithmetic):
        raise ValueError(arithmetic)
    python = _LEADING_ZEROS.sub("", arithmetic).replace("^", "**")  # Excel's power is ^
    return _evaluate(ast.parse(python, mode="eval").body)


def _evaluate(node: ast.AST) -> float:
    if isinstance(node, ast.Constant) and type(node.value) in (int, float):
        return node.value
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub | ast.UAdd):
        value = _evaluate(node.operand)
        return -value if isinstance(node.op, ast.USub) else value
    if isinstance(node, ast.BinOp) and type(node.op) in _OPERATORS:
        left, right = _evaluate(node.left), _evaluate(node.right)
        if isinstance(node.op, ast.Pow) and not abs(right) <= _HIGHEST_POWER:
            raise ValueError("power")
        return _OPERATORS[type(node.op)](left, right)
    raise ValueError(ast.dump(node))


def _shown(value: float) -> str:
    """As a cell shows a whole number: 13805740001, not 13805740001.0."""
    return str(int(value)) if float(value).is_integer() else str(value)
