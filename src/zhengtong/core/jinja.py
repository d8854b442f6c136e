"""The Jinja2 environment for the busiest pages' lists and the layout's header and footer (decisions 0010, 0011).

Django's template language resolves every variable through a chain of lookups, localisation and escaping: on
the 2-core benchmark machine about 12 µs a variable, so a page of 20 letters spent more time in its rows than
in its query. Jinja2 compiles a template to Python; the same rows render about four times faster. Pages keep
the Django layout and include a list with `{% jinja "letters/_published.html" ... %}` (templatetags/fragments.py).

Translations are Django's own (gettext through the active language), so `{{ _("无") }}` reads the same catalogue
as `{% translate "无" %}`, and Django's makemessages finds it (its template lexer reads `_("...")`). Each text is
looked up once per language in a process: Jinja2's i18n extension spent 12 µs on every `_()` (the active
language read from a context-local, gettext, a Markup and a %-format), 0.36 ms of a letters list page.
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import parse_qsl

from django.contrib.staticfiles.storage import staticfiles_storage
from django.utils.html import linebreaks
from django.utils.translation import get_language, gettext
from jinja2 import Environment
from markupsafe import Markup

from .reverse import reverse_once
from .timefmt import due_text, local_minute

_catalogues: dict[str, dict[str, str]] = {}  # language -> text -> its translation, filled as texts are shown


def translator(language: str | None = None) -> Callable[..., str]:
    """`_` for one render: the texts of `language` (by default the active one). `_("共 %(n)s 条", n=3)` fills
    the named values in after translating; the result is escaped on output like any value."""
    language = language or get_language() or ""
    catalogue = _catalogues.setdefault(language, {})

    def _(text: str, **values) -> str:
        try:
            translated = catalogue[text]
        except KeyError:
            translated = catalogue[text] = gettext(text)  # `language` is the active one while this render runs
        return translated % values if values else translated

    return _


def _active_language_text(text: str, **values) -> str:
    """`_` where a render was given none (templates rendered outside the {% jinja %} tag)."""
    return translator()(text, **values)


def environment(**options) -> Environment:
    env = Environment(**options)
    env.globals["_"] = _active_language_text
    env.globals["url"] = reverse_once  # url("name", *args), as Django's {% url %}
    env.globals["static"] = _static
    env.filters["linebreaks"] = _paragraphs
    env.filters["minute"] = local_minute  # Beijing time to the minute, as Django's |date:"Y-m-d H:i" shows it
    env.filters["due"] = due_text  # a deadline, as {{ x|due }} ({% load dates %}) writes it
    env.filters["query_pairs"] = _query_pairs
    return env


def _query_pairs(query: str) -> list[tuple[str, str]]:
    """A query string's (name, value) pairs, for a GET form that keeps them (the pager's jump)."""
    return parse_qsl(query or "", keep_blank_values=True)


def _static(name: str) -> str:
    """Django's {% static %} without its per-call check that staticfiles is installed (it is, settings)."""
    return staticfiles_storage.url(name)


def _paragraphs(text: str) -> Markup:
    """Django's |linebreaks: the text escaped, its blank lines made paragraphs and its newlines <br>."""
    return Markup(linebreaks(text, autoescape=True))
