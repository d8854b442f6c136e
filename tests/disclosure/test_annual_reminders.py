"""The disclosure office is reminded of its yearly duties in time (issue 23 item 6): 政府信息公开条例 第四十九条 —
each department reports on the past year to the government's disclosure office by 31 January, and the people's
government publishes its own report by 31 March; 第十二条 — the 公开指南 kept up to date, reviewed with the
January report. Reminders go three weeks and one week before each date to the staff of the organs whose
disclosure office is on record; other days send nothing."""

from __future__ import annotations

import datetime as dt

from zhengtong.disclosure.models import GuideOffice
from zhengtong.disclosure.tasks import remind_annual_duties
from zhengtong.notifications.models import Message

from .. import factories as f


def _office(department, name):
    return GuideOffice.objects.create(
        department=department, name=name, address="长江路1166号", postcode="315800", office_hours="工作日", phone="1"
    )


def test_departments_are_reminded_in_january_and_the_government_in_march(district):
    _office(district["A"], "区市场监督管理局办公室")
    _office(district["government"], "区政府办公室")
    clerk = f.staff("wangwu", "王五", district["A"])
    office = f.staff("gk", "公开办", district["government"])
    assert remind_annual_duties.call_local(today=dt.date(2027, 1, 10)) == 2
    january = Message.objects.get(recipient=clerk)
    assert "1月31日" in january.title and "年度报告" in january.title and "公开指南" in january.title
    assert "第四十九条" in january.body
    assert Message.objects.filter(recipient=office, title__contains="1月31日").exists()
    Message.objects.all().delete()
    assert remind_annual_duties.call_local(today=dt.date(2027, 3, 24)) == 1
    march = Message.objects.get()
    assert march.recipient == office and "3月31日" in march.title and "2026年度" in march.title
    assert remind_annual_duties.call_local(today=dt.date(2027, 2, 10)) == 0
