"""Django templates through the project's backend (core/templates.py, decision 0013)."""

from __future__ import annotations

import gc
import weakref

import pytest
from django.contrib.auth.models import AnonymousUser
from django.template import engines
from django.test import RequestFactory


class _Value:
    name = "值"


@pytest.mark.django_db
def test_what_a_page_was_given_is_freed_when_its_render_ends():
    """Django's RequestContext and the ContextDicts it pushes refer to each other, so everything a view passed to
    its page (a list's rows, its paginator, its cached figures) stayed alive until Python's cycle collector ran:
    the collector then ran more often, and each run, inside some later request, took longer. Without the
    collector, the value must be gone as soon as the page is rendered and the view lets go of it."""
    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    template = engines["django"].from_string("{{ value.name }}")
    value = _Value()
    alive = weakref.ref(value)
    gc.disable()
    try:
        assert template.render({"value": value}, request) == "值"
        del value
        assert alive() is None
    finally:
        gc.enable()


@pytest.mark.django_db
def test_a_context_is_still_seen_by_the_test_client(client):
    """The test client keeps a copy of each rendered context; releasing the page's own must not empty that copy."""
    response = client.get("/letters/")
    assert response.status_code == 200 and response.context["chosen"].q == ""
