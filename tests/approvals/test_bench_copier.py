"""The city-scale benchmark's copier (benchmarks/_multiply.py, issue 26): a copied case keeps its own clocks.

Copied on their own, the clocks kept their generic subject key, so at a million rows 220,174 application clocks
named 300 seeded applications and a case's page read hundreds of them: the benchmark measured its own artefact."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import pytest

from zhengtong.approvals import services
from zhengtong.approvals.models import Application
from zhengtong.core.errors import InvalidTransition
from zhengtong.supervision.models import Clock, Violation

from .test_workflow import submit

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))

from _multiply import grow  # noqa: E402


def test_a_copied_case_has_its_own_clocks_as_many_as_its_original(item, zhangsan, uploads, form_data):
    seeded = [submit(item, zhangsan, uploads, form_data).pk for _ in range(2)]
    per_case = Counter(Clock.objects.filter(subject_type="approvals.application").values_list("subject_id", flat=True))
    assert per_case and set(per_case) == {str(pk) for pk in seeded}
    grow(Application, 6)
    cases = set(Application.objects.values_list("pk", flat=True))
    clocks = Counter(Clock.objects.filter(subject_type="approvals.application").values_list("subject_id", flat=True))
    assert len(cases) == 6 and {int(s) for s in clocks} == cases, "every clock names a case, every case has its own"
    assert sorted(clocks.values()) == sorted(list(per_case.values()) * 3)


def test_a_copied_case_keeps_its_violations_with_and_without_a_clock(item, zhangsan, uploads, form_data, lisi):
    """A violation hangs off its clock, or off none (a decision before every opinion): copied either way."""

    application = services.application_accept(application=submit(item, zhangsan, uploads, form_data), by=lisi)
    with pytest.raises(InvalidTransition):
        services.application_conclude(application=application, by=lisi, granted=True, doc_no="仑许〔2026〕1号")
    seeded = Violation.objects.count()
    assert seeded and Violation.objects.filter(clock__isnull=True).exists()
    grow(Application, 3)
    cases = {str(pk) for pk in Application.objects.values_list("pk", flat=True)}
    assert (
        Violation.objects.count() == 3 * seeded and set(Violation.objects.values_list("subject_id", flat=True)) == cases
    )


def test_a_copied_uuid_key_never_takes_a_seeded_one(district):
    """A copy's UUID was its original's with the last six digits set to the round: a seeded key ending in six
    decimal digits (about one uuid4 in seventeen does) no greater than the rounds was taken again by its own copy
    in that round, and the 1M load failed on a duplicate key. A copy's version digit is 0, which uuid4 never
    writes."""
    import uuid

    from zhengtong.sharing.models import Dataset

    seeded = uuid.UUID("f4d4b42d-5c50-4121-88d5-dca6da000002")
    Dataset.objects.create(id=seeded, name="roads", title="道路", organization=district["A"], update_cycle="yearly")
    grow(Dataset, 4)
    keys = set(Dataset.objects.values_list("pk", flat=True))
    assert len(keys) == 4 and seeded in keys
    assert all(key.hex[12] == "0" for key in keys - {seeded})
