"""A stored choice's label (`get_<field>_display()`), looked up in a table kept per field and language.

Django's `Model._get_FIELD_display` builds a dict of every choice of the field on each call, hashing each label,
and a lazily translated label translates itself to be hashed: the service catalogue's page, thirty rows of two
labels each, spent a third of its time translating the same few dozen labels 470 times (issue 26). The labels
are Django's own, in the active language; only the table is kept. Choices a function gives (Django 5) may
change from call to call, so those are read as Django reads them.

Django binds each field's `get_<field>_display` to `Model._get_FIELD_display` when the model class is created,
so `install()` runs when this project's first app is set up (core/apps.py), before any model is imported."""

from __future__ import annotations

import functools

from django.db import models
from django.utils.encoding import force_str
from django.utils.hashable import make_hashable
from django.utils.translation import get_language

django_display = models.Model._get_FIELD_display


@functools.cache
def _labels(field, language: str | None) -> dict:
    """`language` keys the table: the labels are translated into the active one as it is built."""
    return {make_hashable(value): force_str(label, strings_only=True) for value, label in field.flatchoices}


def _display(self, field):
    if not isinstance(field.choices, list):  # given by a function: read afresh, as Django does
        return django_display(self, field)
    value = getattr(self, field.attname)
    try:
        return _labels(field, get_language())[make_hashable(value)]
    except KeyError:
        return force_str(value, strings_only=True)


def install() -> None:
    models.Model._get_FIELD_display = _display
