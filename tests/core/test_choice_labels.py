"""A stored choice's label (`get_<field>_display()`), read once per language (issue 26). Django builds a dict of
every choice of the field on each call, hashing each lazily translated label, which translates it: on the
service catalogue's page (30 rows, two labels each) that was 470 translations and a third of its time under
the profiler. The labels must stay exactly Django's, in every language."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.db import models
from django.utils import translation

from zhengtong.core.labels import choice_label, django_display
from zhengtong.disclosure.models import Category, Document

CHOICE_FIELDS = [
    (model, field)
    for model in apps.get_models()
    for field in model._meta.concrete_fields
    if field.choices is not None and model.__module__.startswith("zhengtong.")
]


def test_the_project_has_choice_fields_to_check():
    assert len(CHOICE_FIELDS) > 20


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_every_label_is_djangos_in_every_language(language):
    with translation.override(language):
        for model, field in CHOICE_FIELDS:
            for value in [*(v for v, _label in field.flatchoices), "not-a-choice", None, 7]:
                row = model(**{field.attname: value})
                shown = getattr(row, f"get_{field.name}_display")()
                assert shown == django_display(row, field), (model, field.name, value)
                if isinstance(field.choices, list):  # a row read in plain SQL is labelled from the same table
                    assert choice_label(model, field.name, value) == shown, (model, field.name, value)


def test_the_label_follows_the_active_language():
    document = Document(category=Category.ORGANISATION)
    with translation.override("zh-hans"):
        chinese = document.get_category_display()
    with translation.override("en"):
        english = document.get_category_display()
    assert (chinese, english) == ("机构职能", "Departments")


def test_choices_given_by_a_callable_are_read_on_each_call():
    """A field whose choices a function gives (Django 5) may change them; its labels are not kept."""
    offered = [("a", "甲")]

    class Picked(models.Model):
        choice = models.CharField(max_length=5, choices=lambda: offered)

        class Meta:
            app_label = "core"
            managed = False

    row = Picked(choice="b")
    assert row.get_choice_display() == "b"
    offered.append(("b", "乙"))
    assert row.get_choice_display() == "乙"


def test_a_label_is_translated_once_per_language_not_on_every_call(monkeypatch):
    real = translation._trans.gettext
    translated = []
    monkeypatch.setattr(translation._trans, "gettext", lambda text: translated.append(text) or real(text))
    document = Document(category=Category.PLANS)
    with translation.override("zh-hans"):
        shown = [document.get_category_display() for _call in range(20)]
    assert set(shown) == {"规划计划"}
    assert len(translated) <= len(Category.choices)  # Django's own: every label on every call, 20 x 15
