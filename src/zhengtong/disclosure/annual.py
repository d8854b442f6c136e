"""The disclosure office's yearly duties and their reminders (政府信息公开条例 第四十九条: each department reports
on the past year to the government's disclosure office by 31 January; the people's government publishes its
report by 31 March; 第十二条: the 公开指南 kept up to date, reviewed with the January report). Each is reminded
three weeks and one week before its date."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from zhengtong.notifications.services import notify
from zhengtong.org.access import department_staff
from zhengtong.org.models import Department

from .models import GuideOffice

REMIND_BEFORE = (21, 7)  # days before the date


def _due(today: dt.date) -> list[tuple[dt.date, bool]]:
    """(date, for governments) of each duty whose reminder falls today."""
    duties = [
        (dt.date(today.year, 1, 31), False),
        (dt.date(today.year, 1, 31), True),
        (dt.date(today.year, 3, 31), True),
    ]
    return [(date, government) for date, government in duties if (date - today).days in REMIND_BEFORE]


BASIS = (
    "依据《中华人民共和国政府信息公开条例》第十二条、第四十九条、第五十条。"
    "年度报告的第二、三部分可在“政府信息管理 → 年度报告”中由数据生成。"
)


def _message(date: dt.date, government: bool) -> tuple[str, str]:
    year, when = date.year - 1, f"{date.month}月{date.day}日"
    if date.month == 3:
        return f"请于{when}前公布本级人民政府{year}年度政府信息公开工作年度报告", BASIS
    if government:
        return f"请于{when}前更新政府信息公开指南，并汇总各部门报送的{year}年度报告", BASIS
    return f"请于{when}前报送{year}年度政府信息公开工作年度报告，并更新政府信息公开指南", BASIS


def remind(today: dt.date | None = None) -> int:
    today = today or timezone.localdate()
    told = 0
    for date, government in _due(today):
        kind = Department.Kind.GOVERNMENT if government else Department.Kind.DEPARTMENT
        title, body = _message(date, government)
        for office in GuideOffice.objects.filter(department__kind=kind).select_related("department"):
            notify(
                recipients=department_staff(office.department),
                title=title,
                body=body,
                link=reverse("workbench_disclosure:report"),
            )
            told += 1
    return told
