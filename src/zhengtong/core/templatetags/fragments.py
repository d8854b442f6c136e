"""`{% jinja "app/_rows.html" name=value ... %}`: a Jinja2 fragment inside a Django template (core/jinja.py).

The fragment sees only the values passed to it and the request, so what it shows is explicit at the call."""

from __future__ import annotations

from django import template
from django.template import engines
from django.utils.safestring import mark_safe

from zhengtong.core.jinja import translator

register = template.Library()


@register.simple_tag(takes_context=True)
def jinja(context, name: str, **values) -> str:
    # Jinja2 escaped every value itself (autoescape is on in Django's Jinja2 backend); its output is final HTML.
    # One translator per fragment: the language is read once, not at every _() (core/jinja.py).
    values.setdefault("_", translator())
    return mark_safe(engines["jinja2"].get_template(name).render(values, context.get("request")))
