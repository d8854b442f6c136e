"""Every step a case's timeline shows is named in Chinese (issue 19 item 4; outside attack, session 48: the API's
timeline of a letter read draft_reply, reply and submit, of an application submit and decide). The timeline lists
the audit rows of the case and of its parts (cases/api.timeline); each action the sources write for one of them
has a label in the case type's table or among its other steps (`CaseType.steps`)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from zhengtong.approvals.case import APPLICATION
from zhengtong.cases.api import step_labels
from zhengtong.disclosure.case import DOCUMENT, REQUEST
from zhengtong.letters.case import LETTER
from zhengtong.sharing.case import SHARE_REQUEST

SOURCES = Path(__file__).resolve().parents[2] / "src" / "zhengtong"


def _audited(prefix: str) -> set[str]:
    pattern = re.compile(rf'action=f?"{re.escape(prefix)}\.([a-z_]+)"')
    return {m.group(1) for path in SOURCES.rglob("*.py") for m in pattern.finditer(path.read_text(encoding="utf-8"))}


@pytest.mark.parametrize(
    ("case_type", "prefixes"),
    [
        (APPLICATION, ("approvals.application", "approvals.branch")),
        (LETTER, ("letters.letter",)),
        (REQUEST, ("disclosure.request",)),
        (DOCUMENT, ("disclosure.document",)),
        (SHARE_REQUEST, ("sharing.request",)),
    ],
    ids=lambda c: getattr(c, "subject", ""),
)
def test_every_audited_step_of_a_case_and_its_parts_has_a_chinese_label(case_type, prefixes):
    """`prefixes`: the audit actions written with the case, or one of its parts, as their object."""
    labels = step_labels(case_type)
    steps = {step for prefix in prefixes for step in _audited(prefix)}
    assert steps, case_type.subject
    unnamed = sorted(step for step in steps if step not in labels or labels[step].isascii())
    assert not unnamed, f"{case_type.subject}: {unnamed}"
