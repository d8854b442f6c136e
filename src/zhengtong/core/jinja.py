"""The Jinja2 environment for the few row lists that are the busiest pages' main cost (decision 0010).

Django's template language resolves every variable through a chain of lookups, localisation and escaping: on
the 2-core benchmark machine about 12 µs a variable, so a page of 20 letters spent more time in its rows than
in its query. Jinja2 compiles a template to Python; the same rows render about four times faster. Pages keep
the Django layout and include a list with `{% jinja "letters/_published.html" ... %}` (templatetags/fragments.py).

Translations are Django's own (gettext through the active language), so `{{ _("无") }}` reads the same catalogue
as `{% translate "无" %}`, and Django's makemessages finds it (its template lexer reads `_("...")`).
"""

from __future__ import annotations

from django.utils.html import linebreaks
from django.utils.translation import gettext, ngettext
from jinja2 import Environment
from markupsafe import Markup

from .reverse import reverse_once
from .timefmt import local_minute


def environment(**options) -> Environment:
    env = Environment(extensions=["jinja2.ext.i18n"], **options)
    env.install_gettext_callables(gettext, ngettext, newstyle=True)
    env.globals["url"] = reverse_once  # argument-free names only
    env.filters["linebreaks"] = _paragraphs
    env.filters["minute"] = local_minute  # Beijing time to the minute, as Django's |date:"Y-m-d H:i" shows it
    return env


def _paragraphs(text: str) -> Markup:
    """Django's |linebreaks: the text escaped, its blank lines made paragraphs and its newlines <br>."""
    return Markup(linebreaks(text, autoescape=True))
