"""The workbench's side of cases/reveal.py: a case page shows each personal field masked, with a button for the
staff who may see it whole; the button posts here (htmx swaps the value in; without script, a page shows it)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from zhengtong.accounts.access import is_background, staff_required
from zhengtong.core.errors import ZtError

from .api import REGISTERED
from .reveal import reveal, shown
from .visibility import visible_case


def personal(api_name: str, case, user, allowed: tuple[str, ...]) -> dict[str, dict]:
    """Each personal field of the case for its page: label, masked value, whether this user (with his `allowed`
    actions) may ask for the whole value, and where to ask."""
    api = REGISTERED[api_name]
    key = getattr(case, api.lookup)
    return {
        field: {**vars(item), "url": reverse("workbench_cases:reveal", args=[api_name, key, field])}
        for field, item in shown(api.case_type, case, user, allowed).items()
    }


@staff_required
@require_POST
@never_cache  # a whole ID number is kept by no browser or proxy cache
def reveal_view(request, api_name: str, key: str, field: str):
    api = REGISTERED.get(api_name)
    try:
        case = api and visible_case(api.case_type, request.user, api.queryset(), **{api.lookup: key})
    except (ValueError, ValidationError):  # a key of the wrong type names no case
        case = None
    if not case:
        raise Http404
    try:
        label, value = reveal(api.case_type, case, request.user, field)
    except ZtError as exc:
        context, status = {"error": exc.message, "field": field}, exc.status
    else:
        context, status = {"label": label, "value": value, "field": field}, 200
    template = "core/personal_value.html" if is_background(request) else "core/personal_page.html"
    return render(request, template, context, status=status)
