"""A formula of literals worked out as the sheet would show it (files/extract/formulas.py); anything else is not."""

from __future__ import annotations

import pytest

from zhengtong.files.extract.formulas import worked_out


@pytest.mark.parametrize(
    ("formula", "shown"),
    [
        ("=1380574*10000+1", "13805740001"),
        ('=330206&19900307&"1231"', "330206199003071231"),
        ("=(138057+0)&(40001)", "13805740001"),
        ("=-5+2", "-3"),
        ("=7/2", "3.5"),
        # review (session 62): as Excel reads them
        ("=01380574*10000+1", "13805740001"),
        ("=1380574*1E4+1", "13805740001"),
        ("=1380574*10^4+1", "13805740001"),
    ],
)
def test_a_formula_of_literals_is_worked_out(formula, shown):
    assert worked_out(formula) == shown


@pytest.mark.parametrize(
    "formula", ["=A1*10000", "=SUM(1,2)", "=1/0", '="a"&B2', "=__import__('os')", "=" + "9" * 300, "=9^9^9", "=2^-999"]
)
def test_a_formula_that_reads_a_cell_or_calls_anything_is_not(formula):
    assert worked_out(formula) is None
