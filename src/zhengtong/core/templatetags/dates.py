"""{{ clock.due_at|due }}: a deadline written as core.timefmt.due_text writes it (Jinja2 has the same filter)."""

import datetime as dt

from django import template

from zhengtong.core.timefmt import due_text

register = template.Library()
register.filter("due", due_text)


@register.filter
def isodate(value: str):
    """An ISO date string (as the calculator's answer gives it) as a date, for |due."""
    try:
        return dt.date.fromisoformat(value)
    except (TypeError, ValueError):
        return None
