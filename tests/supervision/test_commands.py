from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from zhengtong.supervision import services
from zhengtong.supervision.tasks import check_next_year
from zhengtong.workdays.models import CalendarYear


def test_scan_command(district):
    services.clock_start(
        subject_type="t",
        subject_id="1",
        stage="s",
        department=district["A"],
        limit=1,
        started_at=timezone.now() - dt.timedelta(days=30),
    )
    out = io.StringIO()
    call_command("scan", stdout=out)
    assert "新增超时 1 件" in out.getvalue()


def test_holidays_import_from_csv_and_xlsx(db, tmp_path):
    csv_file = tmp_path / "2027.csv"
    csv_file.write_text("日期,类型,名称\n2027-01-01,放假,元旦\n2027-02-20,调休上班,春节\n", encoding="utf-8")
    call_command(
        "holidays",
        "import",
        str(csv_file),
        "--year",
        "2027",
        "--notice",
        "国务院办公厅关于2027年部分节假日安排的通知",
        stdout=io.StringIO(),
    )
    assert CalendarYear.objects.get(year=2027).days.count() == 2
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["日期", "类型", "名称"])
    book.active.append([dt.datetime(2028, 1, 3), "放假", "元旦"])
    book.save(tmp_path / "2028.xlsx")
    call_command(
        "holidays", "import", str(tmp_path / "2028.xlsx"), "--year", "2028", "--notice", "通知", stdout=io.StringIO()
    )
    assert CalendarYear.objects.get(year=2028).days.get().name == "元旦"


def test_a_bad_file_is_refused_with_every_problem_and_saves_nothing(db, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "日期,类型,名称\n2027-13-01,放假,元旦\n2027-01-05,调休上班,春节\n2026-01-01,放假,元旦\n", encoding="utf-8"
    )
    with pytest.raises(CommandError) as info:
        call_command("holidays", "import", str(bad), "--year", "2027", "--notice", "通知")
    message = str(info.value)
    assert "第2行" in message and "第3行" in message and "第4行" in message and "CALENDAR_ROWS_INVALID" in message
    assert not CalendarYear.objects.filter(year=2027).exists()


def test_administrators_are_alerted_from_1_november_when_next_year_is_missing(admins):
    from zhengtong.notifications.models import Message

    assert check_next_year(today=dt.date(2026, 10, 31)) is False  # before 1 November: no alert yet
    assert check_next_year(today=dt.date(2025, 11, 2)) is False  # 2026 is published
    assert check_next_year(today=dt.date(2026, 11, 1)) is True  # 2027 is not
    assert Message.objects.filter(recipient=admins["system"], title__contains="2027年节假日安排尚未录入").count() == 1
    assert not Message.objects.filter(recipient=admins["audit"]).exists()
