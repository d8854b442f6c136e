"""The table's starting content: the State Council schedules 2004-2026 as packaged by chinese-calendar 1.11.0."""

from __future__ import annotations

FESTIVALS = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "Mid-autumn Festival": "中秋节",
    "National Day": "国庆节",
    "Anti-Fascist 70th Day": "中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日",
}
FIRST_YEAR, LAST_YEAR = 2004, 2026


def notice_title(year: int) -> str:
    # The notices' document numbers are not in the package; the title identifies each notice unambiguously.
    return f"国务院办公厅关于{year}年部分节假日安排的通知"


def seed_calendar(CalendarYear, CalendarDay) -> int:
    """Insert the packaged years that are missing; never touches a year an administrator entered."""
    import chinese_calendar

    existing = set(CalendarYear.objects.values_list("year", flat=True))
    created = 0
    for year in range(FIRST_YEAR, LAST_YEAR + 1):
        if year in existing:
            continue
        row = CalendarYear.objects.create(year=year, notice=notice_title(year), source="chinese-calendar 1.11.0")
        days = [
            CalendarDay(date=d, kind="holiday", name=FESTIVALS.get(n, n), year=row)
            for d, n in chinese_calendar.holidays.items()
            if d.year == year
        ] + [
            CalendarDay(date=d, kind="workday", name=FESTIVALS.get(n, n), year=row)
            for d, n in chinese_calendar.workdays.items()
            if d.year == year and d.weekday() >= 5
        ]
        CalendarDay.objects.bulk_create(days)
        created += 1
    return created


def ensure_seeded() -> int:
    from .models import CalendarDay, CalendarYear

    return seed_calendar(CalendarYear, CalendarDay)
