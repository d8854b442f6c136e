"""The one template engine of the project's pages: Jinja2 (issue 19 item 5; decisions 0010, 0022).

Django's template language resolves every variable through a chain of lookups, localisation and escaping: on
the 2-core benchmark machine about 12 µs a variable, so a page of 20 letters spent more time in its rows than
in its query. Jinja2 compiles a template to Python; the same rows render about four times faster. Forms are drawn
by it too (core/forms.py: the form renderer asks this engine first, then Django's, which only Django's admin and
its own widgets use); a page prints `{{ form }}` or `{{ field.as_field_group() }}`.

The environment keeps what Django's pages relied on:
- Translations are Django's own (gettext through the active language), so `{{ _("无") }}` reads the same
  catalogue as `{% translate "无" %}` did, with the same message ids. Each text is looked up once per language in
  a process: Jinja2's i18n extension spent 12 µs on every `_()`, 0.36 ms of a letters list page. A text with
  values is markup written in the template, as `{% blocktranslate %}` treated it: the values are escaped, the
  text is not.
- A missing value prints nothing and a missing attribute of it too, as in Django (ChainableUndefined).
- A moment prints in Beijing time, and `|date` takes Django's format letters, so pages show what they showed.
- A method printed without its call raises instead of printing "<bound method …>": Django called it silently.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from urllib.parse import parse_qsl

from django.contrib.staticfiles.storage import staticfiles_storage
from django.middleware.csrf import get_token
from django.template import defaultfilters
from django.template.backends import jinja2 as django_jinja2
from django.test.signals import template_rendered
from django.urls import get_script_prefix
from django.utils import formats
from django.utils.functional import lazy
from django.utils.html import format_html, linebreaks
from django.utils.safestring import SafeString
from django.utils.timezone import template_localtime
from django.utils.translation import get_language, gettext, ngettext
from jinja2 import ChainableUndefined, Environment
from markupsafe import Markup, escape

from .reverse import reverse_once, reverse_under
from .timefmt import date_text, due_text, local_minute

_catalogues: dict[str, dict[str, str]] = {}  # language -> text -> its translation, filled as texts are shown


def translator(language: str | None = None) -> Callable[..., str]:
    """`_` for one render: the texts of `language` (by default the active one). `_("共 %(n)s 条", n=3)` fills
    the named values in after translating, each escaped."""
    language = language or get_language() or ""
    catalogue = _catalogues.setdefault(language, {})

    def _(text: str, **values) -> str:
        try:
            translated = catalogue[text]
        except KeyError:
            translated = catalogue[text] = gettext(text)  # `language` is the active one while this render runs
        return Markup(translated) % values if values else translated

    return _


def _active_language_text(text: str, **values) -> str:
    """`_` where a render was given none (a template rendered by hand, outside a backend)."""
    return translator()(text, **values)


def plural_text(singular: str, plural: str, number: int, **values) -> Markup:
    """`_n("%(n)s 天", "%(n)s 天", days, n=days)`, as `{% blocktranslate count %}` chose its form."""
    return Markup(ngettext(singular, plural, number)) % values


class Template(django_jinja2.Template):
    def render(self, context=None, request=None):
        # What the view gives wins over the context processors, as in Django's engine (Django's Jinja2 backend
        # lets a processor overwrite it: the counter tablet's 大字版 was the tablet's cookie's).
        # One per page: the language and the script prefix are read once, not at every _() and url().
        values = {"_": translator(), "url": functools.partial(reverse_under, get_script_prefix())}
        if request is not None:
            token = _PageToken(request)
            values.update(request=request, csrf_input=_hidden_field_lazy(token), csrf_token=_token_lazy(token))
            for processor in self.backend.template_context_processors:
                values.update(processor(request))
        values.update(context or {})
        # The test client records what each page was given (response.context), as Django's engine tells it.
        template_rendered.send(sender=self, template=self, context=values)
        return super().render(values)


class _PageToken:
    """A page's CSRF token, masked at its first print and the same at every later one, as Django's own engine
    gives it (once a render): Django's Jinja2 backend masked it anew at every print, 32 draws from the system's
    random source a form, a large share of a list with a button form per row (decision 0020). Each page still
    gets its own mask."""

    __slots__ = ("_request", "_masked")

    def __init__(self, request):
        self._request = request
        self._masked = None

    def masked(self) -> str:
        if self._masked is None:
            self._masked = get_token(self._request)
        return self._masked

    def hidden_field(self) -> str:
        return format_html('<input type="hidden" name="csrfmiddlewaretoken" value="{}">', self.masked())


# Lazy as Django's `csrf_token_lazy` and `csrf_input_lazy`, so a template takes them as strings, and a page that
# prints no form asks for no token (which would set the reader's CSRF cookie). Made once here: `lazy` makes a class
# at each call, and a class lives in a reference cycle that would keep the request until the collector ran.
_token_lazy = lazy(_PageToken.masked, str)
_hidden_field_lazy = lazy(_PageToken.hidden_field, SafeString)


class Jinja2(django_jinja2.Jinja2):
    def from_string(self, template_code):
        return Template(self.env.from_string(template_code), self)

    def get_template(self, template_name):
        return Template(super().get_template(template_name).template, self)


def environment(**options) -> Environment:
    options["undefined"] = ChainableUndefined
    env = Environment(finalize=_printable, **options)
    env.globals["_"] = _active_language_text
    env.globals["_n"] = plural_text
    env.globals["url"] = reverse_once  # url("name", *args), as Django's {% url %}
    env.globals["static"] = _static
    env.globals["language"] = get_language
    env.globals["attrs"] = widget_attrs  # a form widget's attributes, as django/forms/widgets/attrs.html printed them
    env.globals["option"] = select_option  # a select's option, as django/forms/widgets/select_option.html prints it
    env.filters["linebreaks"] = _paragraphs
    env.filters["minute"] = local_minute  # Beijing time to the minute, as Django's |date:"Y-m-d H:i" shows it
    env.filters["due"] = due_text  # a deadline: "2026年12月2日（当日24时前）"
    env.filters["query_pairs"] = _query_pairs
    env.filters["date"] = date_text
    for name in (
        "default_if_none",
        "filesizeformat",
        "json_script",
        "linebreaksbr",
        "stringformat",
        "striptags",
        "truncatechars",
        "urlencode",
        "yesno",
    ):  # Django's, where Jinja2's namesake differs or is missing, so a page shows what it showed before
        env.filters[name] = getattr(defaultfilters, name)
    return env


def _printable(value):
    if isinstance(value, str):  # most of what a page prints: neither a moment nor a method
        return value
    if isinstance(value, dt.date | dt.time):
        return formats.localize(template_localtime(value))
    if callable(value) and not hasattr(value, "__html__"):
        raise TypeError(f"a template printed {value!r} without calling it")
    return value


def widget_attrs(attrs: dict) -> Markup:
    """A widget's HTML attributes as Django's attrs.html prints them: an attribute that is False is left out, one
    that is True is printed bare, any other value as Django's engine prints it (`"%s" % value`: a date in ISO form,
    not as people read it), escaped. Called by the widget templates instead of including attrs.html for each
    widget and each option: a form of 81 options and 136 fields included about 560 templates a view."""
    printed = []
    for name, value in attrs.items():
        if value is False:
            continue
        printed.append(f" {escape(name)}" if value is True else f' {escape(name)}="{escape("%s" % (value,))}"')
    return Markup("".join(printed))


def select_option(option: dict) -> Markup:
    """A select's option as Django's select_option.html prints it (its value as Django's engine prints it), for
    the select's template and that one alike: a select of fifty options included fifty templates (and as many
    attrs.html); a template macro for each cost half as much again as printing them here."""
    value, label = escape("%s" % (option["value"],)), escape(_printable(option["label"]))
    return Markup(f'<option value="{value}"{widget_attrs(option["attrs"])}>{label}</option>')


def _query_pairs(query: str) -> list[tuple[str, str]]:
    """A query string's (name, value) pairs, for a GET form that keeps them (the pager's jump)."""
    return parse_qsl(query or "", keep_blank_values=True)


def _static(name: str) -> str:
    """Django's {% static %} without its per-call check that staticfiles is installed (it is, settings)."""
    return staticfiles_storage.url(name)


def _paragraphs(text: str) -> Markup:
    """Django's |linebreaks: the text escaped, its blank lines made paragraphs and its newlines <br>."""
    return Markup(linebreaks(text, autoescape=True))
