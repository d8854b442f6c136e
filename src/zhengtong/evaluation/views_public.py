"""The public 好差评 page (国办发〔2019〕51号: "评价结果……向社会公开"): the month's rankings of departments and service
items with their intervals and bands, a chart, and an Excel download; below them the latest published rectifications
(masked), read on each view."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import get_language

from zhengtong.core.excel import xlsx_response
from zhengtong.org.models import Membership

from . import mentions, selectors
from .models import TallyMonth
from .rankings import parse_month
from .tallies import stored_rankings

COLUMNS = [
    ("rank", "名次"),
    ("name", "名称"),
    ("score", "综合得分"),
    ("band", "等次"),
    ("ratings", "评价数"),
    ("mean", "平均分（1-5）"),
    ("satisfaction_rate", "满意率（%）"),
    ("satisfaction_interval", "满意率95%区间"),
    ("bad", "差评数"),
    ("on_time_rate", "按期办结率（%）"),
    ("time_used_percent", "用时占承诺时限（%）"),
    ("rectified_rate", "差评按期整改率（%）"),
]


def month_choices() -> list[tuple[str, str]]:
    """The month picker's options as (value, label): formatted here, once, rather than by two template filters on
    each of twelve options of a page anyone may load."""
    return [(f"{m:%Y-%m}", f"{m.year}年{m.month}月") for m in selectors.recent_months()]


def month_of(value: str | None) -> dt.date:
    """The month asked for ("2026-11"), or the current month for anything else."""
    return parse_month(value) or timezone.localdate().replace(day=1)


def named(rows, by: str) -> list:
    names = selectors.names(by, [r.key for r in rows])
    for r in rows:
        r.name = names.get(r.key, "—")
    return rows


def export_rows(rows) -> list[dict]:
    def span(part):
        return f"{part.interval[0]}–{part.interval[1]}" if part.interval else ""

    return [
        {
            "rank": r.rank,
            "name": r.name,
            "score": r.score,
            "band": r.band,
            "ratings": r.ratings,
            "mean": r.mean,
            "satisfaction_rate": r.satisfaction.rate,
            "satisfaction_interval": span(r.satisfaction),
            "bad": r.bad,
            "on_time_rate": r.on_time.rate,
            "time_used_percent": r.time_used.used_percent,
            "rectified_rate": r.rectified.rate,
        }
        for r in rows
    ]


def index(request):
    """The month's rankings from its stored counts (tallies.py). The part below the month's choice is rendered once
    per count and language in each process, so the page costs one indexed read until the next count."""
    month = month_of(request.GET.get("month"))
    refreshed_at = TallyMonth.objects.filter(month=month).values_list("refreshed_at", flat=True).first()
    if request.GET.get("format") == "xlsx":
        by = "item" if request.GET.get("by") == "item" else "department"
        title = f"好差评排名-{'事项' if by == 'item' else '部门'}-{month:%Y年%m月}"
        return xlsx_response(title, COLUMNS, export_rows(named(stored_rankings(month, by), by)))
    fragment = _fragment(month, refreshed_at) if refreshed_at is not None else ""
    return render(
        request,
        "evaluation/index.html",
        {
            "month": month,
            "months": month_choices(),
            "chosen": f"{month:%Y-%m}",
            "fragment": fragment,
            "refreshed_at": refreshed_at,
            "min_ratings": settings.EVALUATION_MIN_RATINGS,
            "rectifications": selectors.published_rectifications(),
        },
    )


# Rendered rankings by month, count time and language, in this process: a new count is a new key, so nothing
# stale is served; a worker renders each month once per count (ten minutes). Bounded by clearing.
_RENDERED: dict[str, str] = {}


def _fragment(month: dt.date, refreshed_at: dt.datetime) -> str:
    key = f"{month:%Y-%m}:{refreshed_at.timestamp()}:{get_language()}"
    html = _RENDERED.get(key)
    if html is None:
        html = _rankings_html(month)
        if len(_RENDERED) >= 64:
            _RENDERED.clear()
        _RENDERED[key] = html
    return html


ITEMS_SHOWN = 50  # hundreds of items make a page no one reads on a phone: the rest are in the Excel


def _rankings_html(month: dt.date) -> str:
    departments = named(stored_rankings(month, "department"), "department")
    items = named(stored_rankings(month, "item")[:ITEMS_SHOWN], "item")
    chart = {"labels": [r.name for r in departments[:15]], "scores": [r.score for r in departments[:15]]}
    return render_to_string(
        "evaluation/_rankings.html",
        {
            "month": month,
            "departments": departments,
            "items": items,
            "chart": chart,
            "items_shown": ITEMS_SHOWN,
        },
    )


def staff(request, pk: int):
    """工作人员评价公示: only the staff the organ publishes (机构职能, `public_profile`); praise and complaints go
    through a letter naming him (a complaint opens a letters case the hotline centre handles)."""
    membership = get_object_or_404(
        Membership.objects.select_related("user", "department", "post"),
        pk=pk,
        public_profile=True,
        user__is_active=True,
    )
    year = timezone.localdate().replace(month=1, day=1)
    since = timezone.make_aware(dt.datetime.combine(year, dt.time.min))
    about = f"{membership.department.name}{membership.user.real_name}"
    return render(
        request,
        "evaluation/staff.html",
        {
            "m": membership,
            "profile": selectors.staff_profile(membership, since=since),
            "mentions": mentions.counted(membership, since),
            "year": year,
            "praise_title": f"表扬{about}",
            "complaint_title": f"投诉{about}",
        },
    )
