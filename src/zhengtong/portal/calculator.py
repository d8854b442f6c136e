"""办事期限计算器: the public deadline calculator page (the API gives the same answers)."""

from __future__ import annotations

import datetime as dt

from django.shortcuts import render
from django.utils import timezone

from zhengtong.core.timefmt import due_text
from zhengtong.workdays import answers


def deadline(request):
    context = {
        "start": request.GET.get("start") or timezone.localdate().isoformat(),
        "days": request.GET.get("days", "20"),
        "answer": None,
        "error": None,
    }
    if "start" in request.GET:
        try:
            answer = answers.add_answer(
                answers.parse_date(request.GET["start"], "start"), answers.parse_days(request.GET.get("days", ""))
            )
            # The answer is the API's (ISO dates); the page writes the due day as every page does.
            context.update(answer=answer, due_text=due_text(dt.date.fromisoformat(answer["due"])))
        except answers.CalculatorError as exc:
            context["error"] = exc
    return render(request, "portal/deadline.html", context)
