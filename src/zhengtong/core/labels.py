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


def _label(field, value) -> str:
    try:
        return _labels(field, get_language())[make_hashable(value)]
    except KeyError:  # not one of the choices: the value as stored, as Django shows it
        return force_str(value, strings_only=True)


def _display(self, field):
    if not isinstance(field.choices, list):  # given by a function: read afresh, as Django does
        return django_display(self, field)
    return _label(field, getattr(self, field.attname))


def choice_label(model, name: str, value) -> str:
    """The label `get_<name>_display()` gives for `value`, where no instance of `model` is at hand: a row the
    busiest pages read in plain SQL (decision 0023). The same table, the same words."""
    return _label(model._meta.get_field(name), value)


def install() -> None:
    models.Model._get_FIELD_display = _display
