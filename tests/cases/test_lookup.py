"""The public status lookup by number and query code (cases/lookup.py), as every case type uses it."""

from __future__ import annotations

import pytest

from zhengtong.audit.models import OperationLog
from zhengtong.cases import lookup
from zhengtong.cases.types import CaseType
from zhengtong.core.errors import InvalidInput, PermissionDenied

FAILED = ("TEST_QUERY_FAILED", "编号或查询码不正确。")
THROTTLED = ("TEST_QUERY_THROTTLED", "查询次数过多，请一小时后再试。")
CASE = CaseType(
    subject="tests.case", query_purpose="zhengtong-test-query:", lookup_failed=FAILED, lookup_throttled=THROTTLED
)
STORED = {"T2026001": lookup.query_hash(CASE, "T2026001", "123456")}


def _lookup(number: str, code: str, ip: str = "203.0.113.9"):
    return lookup.status_lookup(
        CASE, number=number, code=code, ip=ip, find=lambda n: n if n in STORED else None, stored_hash=STORED.__getitem__
    )


def test_the_right_code_finds_the_case_whatever_the_spacing_or_case(db):
    assert _lookup(" t2026001 ", " 123456 ") == "T2026001"


def test_a_wrong_code_and_an_unknown_number_are_refused_alike_and_audited(db):
    for number in ("T2026001", "T2026999"):
        with pytest.raises(InvalidInput) as refused:
            _lookup(number, "000000")
        assert refused.value.code == "TEST_QUERY_FAILED"
    assert sorted(OperationLog.objects.filter(action="tests.status.denied").values_list("object_id", flat=True)) == [
        "T2026001",
        "T2026999",
    ]


def test_ten_wrong_codes_an_hour_close_the_number_even_to_the_right_code(db):
    for n in range(lookup.ATTEMPTS_PER_HOUR):
        with pytest.raises(InvalidInput):
            _lookup("T2026001", f"{n:06d}", ip=f"198.51.100.{n}")
    with pytest.raises(PermissionDenied) as refused:
        _lookup("T2026001", "123456", ip="192.0.2.1")
    assert refused.value.code == "TEST_QUERY_THROTTLED"


def test_a_hash_made_for_one_case_type_proves_nothing_for_another():
    other = CaseType(subject="tests.other", query_purpose="zhengtong-other-query:")
    assert lookup.query_hash(CASE, "T1", "123456") != lookup.query_hash(other, "T1", "123456")


def test_a_right_code_uses_none_of_the_numbers_ten_wrong_guesses(db):
    for _ in range(3 * lookup.ATTEMPTS_PER_HOUR):
        assert _lookup("T2026001", "123456") == "T2026001"
    for n in range(lookup.ATTEMPTS_PER_HOUR - 1):
        with pytest.raises(InvalidInput):
            _lookup("T2026001", f"{n:06d}")
    assert _lookup("T2026001", "123456") == "T2026001"
