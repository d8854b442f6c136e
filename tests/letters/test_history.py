"""Letters from the earlier hotline system: imported closed, with the public handling record, clocks that count
in the indicators (a late reply stays late), and a masked published copy when the writer agreed. All or nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from zhengtong.audit.models import OperationLog
from zhengtong.core.errors import InvalidInput
from zhengtong.letters import selectors, services
from zhengtong.letters.models import Letter, State
from zhengtong.supervision.models import Clock, Outcome, Violation


def _row(district, **extra):
    received = timezone.make_aware(dt.datetime(2026, 3, 2, 10, 0))
    values = {
        "channel": "phone",
        "kind": "complaint",
        "title": "路灯不亮",
        "content": "我叫李大明，电话13812345678，门口路灯不亮。",
        "received_at": received,
        "accepted_at": received + dt.timedelta(hours=1),
        "department": district["A"],
        "replied_at": received + dt.timedelta(days=3),
        "reply": "已修复。",
        "closed_at": received + dt.timedelta(days=4),
        "writer_name": "李大明",
        "writer_phone": "13812345678",
        "public_allowed": True,
    }
    return services.Historical(**{**values, **extra})


def test_history_is_imported_closed_with_its_record_clocks_and_masked_copy(hotline, district):
    late = _row(
        district,
        replied_at=timezone.make_aware(dt.datetime(2026, 3, 30, 10)),
        closed_at=timezone.make_aware(dt.datetime(2026, 3, 31)),
        public_allowed=False,
    )
    on_time, late = services.letters_import(rows=[_row(district), late], by=hotline["operator"])
    on_time.refresh_from_db()
    assert on_time.state == State.CLOSED and on_time.number.startswith("XJ2026")
    assert (
        "13812345678" not in on_time.public_content and "李大明" not in on_time.public_content and on_time.published_at
    )
    assert not Letter.objects.get(pk=late.pk).published_at
    assert list(on_time.events.filter(public=True).values_list("action", flat=True)) == [
        "submit",
        "accept",
        "dispatch",
        "reply",
        "callback",
        "close",
    ]
    handle = {c.subject_id: c.outcome for c in Clock.objects.filter(subject_type="letters.letter", stage="handle")}
    assert handle == {str(on_time.pk): Outcome.ON_TIME, str(late.pk): Outcome.LATE}
    assert Violation.objects.filter(subject_id=str(late.pk)).exists()
    row = selectors.monthly(dt.date(2026, 3, 1)).rows[0]
    assert (row.department, row.on_time, row.late) == ("区市场监督管理局", 1, 1)
    assert OperationLog.objects.filter(action="letters.letter.import").count() == 1


def test_imported_letters_are_numbered_from_their_own_keys(hotline, district):
    """Written with the rows (core.sql.next_keys), as a live letter's is, without placeholders updated after."""
    letters = services.letters_import(rows=[_row(district), _row(district, title="井盖松动")], by=hotline["operator"])
    stored = Letter.objects.filter(pk__in=[l.pk for l in letters])
    assert sorted(l.number for l in stored) == sorted(f"XJ2026{l.pk:07d}" for l in letters)
    assert all(l.query_hash for l in stored)


def test_one_bad_row_imports_nothing(hotline, district):
    with pytest.raises(InvalidInput) as refused:
        services.letters_import(rows=[_row(district), _row(district, reply=" ")], by=hotline["operator"])
    assert "第2行" in str(refused.value)
    assert not Letter.objects.exists() and not Clock.objects.exists()
