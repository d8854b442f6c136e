"""One way to write a deadline everywhere, public and workbench (issue 22 item 5): the last day in Chinese with
"（当日24时前）" when the limit ends at midnight, the hour and minute when it ends within a day (a letter's 2-hour
acceptance). A clock's due time is the first late instant, so 2026-12-03 00:00 is written as 12月2日."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from zhengtong.core.jinja import environment
from zhengtong.core.timefmt import due_text

BEIJING = ZoneInfo("Asia/Shanghai")


def test_a_limit_ending_at_midnight_is_written_as_its_last_day():
    assert due_text(dt.datetime(2026, 12, 3, 0, 0, tzinfo=BEIJING)) == "2026年12月2日（当日24时前）"
    assert due_text(dt.date(2026, 12, 2)) == "2026年12月2日（当日24时前）"
    in_utc = dt.datetime(2026, 12, 2, 16, 0, tzinfo=dt.UTC)  # the same midnight, stored in UTC
    assert due_text(in_utc) == "2026年12月2日（当日24时前）"


def test_a_limit_ending_within_a_day_gives_the_minute():
    assert due_text(dt.datetime(2026, 12, 2, 15, 30, tzinfo=BEIJING)) == "2026年12月2日15时30分前"
    assert due_text(None) == ""


def test_a_page_writes_it_the_same_way():
    due = dt.datetime(2026, 12, 3, tzinfo=BEIJING)
    assert environment().from_string("{{ due|due }}").render(due=due) == "2026年12月2日（当日24时前）"
