"""The public 好差评 page (国办发〔2019〕51号: "评价结果……向社会公开"): the month's rankings of departments and service
items with their intervals and bands, a chart, the published rectifications (masked), and an Excel download."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from zhengtong.core.excel import xlsx_response
from zhengtong.org.models import Membership

from . import selectors
from .rankings import parse_month, rankings

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
    ("rectified_rate", "差评按期整改率（%）"),
]


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
            "rectified_rate": r.rectified.rate,
        }
        for r in rows
    ]


def index(request):
    month = month_of(request.GET.get("month"))
    by = "item" if request.GET.get("by") == "item" else "department"
    departments = named(rankings(month=month, by="department"), "department")
    items = named(rankings(month=month, by="item"), "item")
    if request.GET.get("format") == "xlsx":
        title = f"好差评排名-{'事项' if by == 'item' else '部门'}-{month:%Y年%m月}"
        return xlsx_response(title, COLUMNS, export_rows(items if by == "item" else departments))
    chart = {"labels": [r.name for r in departments[:15]], "scores": [r.score for r in departments[:15]]}
    return render(
        request,
        "evaluation/index.html",
        {
            "month": month,
            "months": selectors.recent_months(),
            "departments": departments,
            "items": items,
            "chart": chart,
            "rectifications": selectors.published_rectifications(),
            "min_ratings": settings.EVALUATION_MIN_RATINGS,
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
            "year": year,
            "praise_title": f"表扬{about}",
            "complaint_title": f"投诉{about}",
        },
    )
