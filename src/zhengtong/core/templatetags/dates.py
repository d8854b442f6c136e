"""{{ clock.due_at|due }}: a deadline written as core.timefmt.due_text writes it (Jinja2 has the same filter)."""

from django import template

from zhengtong.core.timefmt import due_text

register = template.Library()
register.filter("due", due_text)
