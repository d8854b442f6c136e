"""The pages' template backend (core/jinja.py, decision 0022): what Django's engine did for a page, it does."""

from __future__ import annotations

import datetime as dt
import gc
import weakref

import pytest
from django.template import engines

from zhengtong.core.jinja import environment


def _page(source: str, **context) -> str:
    return engines["jinja2"].from_string(source).render(context)


@pytest.mark.django_db
def test_a_context_is_seen_by_the_test_client(client):
    """The test client records each page's context (response.context), as it did with Django's engine."""
    response = client.get("/letters/")
    assert response.status_code == 200 and response.context["chosen"].q == ""


class _Value:
    name = "值"


def test_what_a_page_was_given_is_freed_when_its_render_ends():
    """Decision 0013: Django's RequestContext held a page's values in a reference cycle, so they lived until the
    cycle collector ran, inside some later request. A Jinja2 render must free them by reference counting alone."""
    template = engines["jinja2"].from_string(
        "{% for i in [1, 2] %}{{ value.name }}{% endfor %}{% block b %}{{ value.name }}{% endblock %}"
        '{% from "core/_pager.html" import pager %}{{ pager(number=1, pages=2) }}'
    )
    value = _Value()
    alive = weakref.ref(value)
    gc.disable()
    try:
        assert template.render({"value": value}).startswith("值值值")
        del value
        assert alive() is None
    finally:
        gc.enable()


def test_a_missing_value_and_its_attributes_print_nothing():
    """Django printed nothing for `{{ letter.reply.text }}` when there was no reply; a page must not fail on it."""
    assert _page("[{{ letter.reply.text }}]") == "[]"


def test_a_method_printed_without_its_call_is_an_error():
    """Django called a method it printed; Jinja2 would print "<bound method …>" on the page instead."""
    with pytest.raises(TypeError, match="without calling it"):
        _page("{{ text.upper }}", text="a")
    assert _page("{{ text.upper() }}", text="a") == "A"


def test_a_moment_prints_in_beijing_time_and_dates_take_djangos_letters():
    moment = dt.datetime(2026, 3, 1, 17, 30, tzinfo=dt.UTC)
    assert _page('{{ at|date("Y年n月j日 H:i") }}', at=moment) == "2026年3月2日 01:30"
    assert "2026年3月2日" in _page("{{ at }}", at=moment)


def test_a_text_with_values_escapes_the_values_not_the_text():
    """As `{% blocktranslate %}` did: the text is the template's own markup, the values are what people typed."""
    html = (
        environment()
        .from_string('{{ _("<a href=\\"%(url)s\\">%(name)s</a>", url=u, name=n) }}')
        .render(u="/x?a=1&b=2", n="<b>张</b>")
    )
    assert html == '<a href="/x?a=1&amp;b=2">&lt;b&gt;张&lt;/b&gt;</a>'


def test_a_text_alone_is_escaped_as_any_value():
    assert _page('{{ _("<b>") }}') == "&lt;b&gt;"


def test_a_page_links_under_the_script_prefix_of_its_request():
    """`url` is bound once per render to the request's script prefix (a site served under a sub-path), and a macro
    imported with the page's context links the same way."""
    from django.urls import set_script_prefix

    from zhengtong.core.reverse import reverse_under

    source = '{% macro link() %}{{ url("letters:index") }}{% endmacro %}{{ url("letters:letter", 7) }} {{ link() }}'
    try:
        set_script_prefix("/gov/")
        assert _page(source) == "/gov/letters/7/ /gov/letters/"
        assert reverse_under("/city/", "letters:letter", 8) == "/city/letters/8/"  # the prefix it is given
    finally:
        set_script_prefix("/")
    assert _page(source) == "/letters/7/ /letters/"
    assert reverse_under("/gov/", "letters:index") == "/gov/letters/"


@pytest.mark.django_db
def test_a_page_masks_its_form_token_once_however_many_forms_it_carries(rf):
    """Issue 26: Django's Jinja2 backend masked the CSRF token anew at each `{{ csrf_input }}`, 32 draws from the
    system's random source each: a list with a button form per row spent a sixth of its time there. A page
    masks it once, as Django's own engine does (its context processor's token is a SimpleLazyObject): every form
    of a page carries the same token, each page another, and each unmasks to the reader's secret."""
    from django.middleware.csrf import _unmask_cipher_token

    template = engines["jinja2"].from_string("{{ csrf_input }}|{{ csrf_input }}|{{ csrf_token }}")
    request = rf.get("/")
    first, second, token = template.render({}, request).split("|")
    assert first == second == f'<input type="hidden" name="csrfmiddlewaretoken" value="{token}">'
    assert _unmask_cipher_token(token) == request.META["CSRF_COOKIE"]
    again = template.render({}, request).split("|")[2]
    assert again != token and _unmask_cipher_token(again) == request.META["CSRF_COOKIE"]


@pytest.mark.django_db
def test_a_page_without_a_form_asks_for_no_token(rf):
    """A page that prints no form must not make one: the token sets the reader's CSRF cookie (see
    tests/portal/test_layout_cost.py: public pages set no cookie)."""
    request = rf.get("/")
    assert engines["jinja2"].from_string("无表单").render({}, request) == "无表单"
    assert "CSRF_COOKIE" not in request.META


@pytest.mark.django_db
@pytest.mark.parametrize(
    "source",
    [
        "{{ csrf_token|length }}|{{ csrf_input|length }}",
        "{{ csrf_token[:4]|length }}{{ csrf_token[0]|length }}",
        "{{ (csrf_token + '!')|length }}",
        "{{ csrf_token|list|length }}",
        "{{ {'X-CSRFToken': csrf_token}|json_script('t')|length }}",
    ],
)
def test_a_pages_token_is_a_string_to_a_template_as_djangos_was(rf, source):
    """The review of the one-mask token: Django's lazy token took every string operation (its length, a slice,
    `+`, a JSON script); a token that only printed failed on them, or printed nothing for `[0]`."""
    from django.template.backends.utils import csrf_input_lazy, csrf_token_lazy

    template = engines["jinja2"].from_string(source)
    old = template.render({"csrf_input": csrf_input_lazy(rf.get("/")), "csrf_token": csrf_token_lazy(rf.get("/"))})
    assert template.render({}, rf.get("/")) == old


@pytest.mark.django_db
def test_a_request_whose_page_printed_its_token_is_freed_by_reference_counting(rf):
    """Decision 0013, for the page's token: a lazy value made per render (Django's `lazy` makes a class, which
    lives in a reference cycle) kept the request until the collector ran."""
    template = engines["jinja2"].from_string("{{ csrf_input }}{{ csrf_token }}")
    gc.collect()
    gc.disable()
    try:
        request = rf.get("/")
        alive = weakref.ref(request)
        assert "csrfmiddlewaretoken" in template.render({}, request)
        del request
        assert alive() is None
    finally:
        gc.enable()
