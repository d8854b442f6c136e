"""A clock explains its due time in Chinese: start, skipped holidays, make-up working days, pauses, extensions."""

from __future__ import annotations

import datetime as dt
from itertools import groupby

from zhengtong.core.timefmt import due_text, local_minute
from zhengtong.workdays import calendar

from .deadline import local_date
from .models import Clock, Unit


def _holiday_runs(skipped: list[dict]) -> list[str]:
    runs = []
    holidays = [d for d in skipped if d["kind"] == "holiday"]
    for name, group in groupby(holidays, key=lambda d: d["name"]):
        days = list(group)
        span = days[0]["date"] if len(days) == 1 else f"{days[0]['date']} 至 {days[-1]['date']}"
        runs.append(f"{name} {span}（{len(days)}天）")
    return runs


def explain(clock: Clock) -> list[str]:
    lines = [
        f"起算：{local_minute(clock.started_at)}（收件当日为第0日，次日起计算）",
        f"时限：{clock.limit}个{Unit(clock.unit).label}",
    ]
    if clock.unit == Unit.WORKING_DAYS:
        start = local_date(clock.started_at)
        due_day = local_date(clock.due_at - dt.timedelta(microseconds=1))
        skipped = calendar.skipped_days(start, due_day)
        weekends = sum(1 for d in skipped if d["kind"] == "weekend")
        runs = _holiday_runs(skipped)
        if runs:
            lines.append("不计入的法定节假日：" + "；".join(runs))
        if weekends:
            lines.append(f"不计入的周末：{weekends}天")
        makeup = calendar.makeup_days(start, due_day)
        if makeup:
            lines.append("计入的调休上班日：" + "、".join(f"{d['date']}（{d['name']}调休）" for d in makeup))
    for pause in clock.pauses.all():
        end = local_minute(pause.ended_at) if pause.ended_at else "尚未恢复"
        lines.append(
            f"暂停计时：{local_minute(pause.started_at)} 至 {end}，{pause.get_reason_display()}"
            f"{'：' + pause.note if pause.note else ''}（暂停期间不计入时限）"
        )
    for ext in clock.extensions.select_related("approver"):
        lines.append(
            f"延长时限：{ext.amount}个{Unit(clock.unit).label}，{ext.approver.display_name}于{local_minute(ext.at)}批准，理由：{ext.reason}"
        )
    if clock.paused_since:
        lines.append("到期时间：暂停中，恢复计时后重新计算")
    else:
        lines.append(f"到期时间：{due_text(clock.due_at)}（{local_minute(clock.due_at)}起为超时）")
    if clock.provisional:
        lines.append(
            f"注意：到期日所在年度的节假日安排尚未公布（已公布至{calendar.last_published_year()}年），"
            "暂按周末计算，公布后自动重算。"
        )
    return lines
