"""Forms are drawn by the pages' engine (Jinja2, issue 26). That engine prints a date as people read it (2026年12月5
日); a date inside an HTML attribute or an option's value must stay as Django's own widgets print it, the ISO form a
browser and the form's own cleaning read."""

from __future__ import annotations

import datetime as dt
import re

from django import forms


class Dated(forms.Form):
    until = forms.DateField(widget=forms.DateInput(attrs={"type": "date", "max": dt.date(2026, 12, 5)}))
    day = forms.TypedChoiceField(choices=[(dt.date(2026, 1, 2), "元月二日")], coerce=dt.date.fromisoformat)


def test_a_date_in_an_attribute_or_an_option_value_is_printed_as_django_prints_it():
    html = str(Dated(initial={"until": dt.date(2026, 11, 30)}))
    assert 'max="2026-12-05"' in html and 'value="2026-01-02"' in html, html
    assert "年" not in html.replace("元月二日", "")


def test_a_text_too_long_is_refused_naming_its_field_and_its_limit():
    """Errors in Chinese that name the field (the brief): Django's own said 确保该变量包含不超过 2000 字符
    (目前字符数 2200), beside a field it did not name, where a screen reader reads the message alone."""
    from zhengtong.core.forms import ZtForm

    class Note(ZtForm):
        text = forms.CharField(label="核实情况", max_length=20)

    form = Note({"text": "字" * 25})
    assert not form.is_valid()
    assert form.errors["text"] == ["“核实情况”不能超过20字（现在25字）。"]


class Widgets(forms.Form):
    """Every widget the site's forms use, with the attributes that print differently: True, False, a date, markup."""

    name = forms.CharField(widget=forms.TextInput(attrs={"placeholder": '<"&>', "required": True, "readonly": False}))
    count = forms.IntegerField(widget=forms.NumberInput(attrs={"min": 0}))
    note = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}))
    kind = forms.ChoiceField(choices=[("", "—"), ("a", "甲<b>"), ("乙组", [("b", "乙"), ("c", "丙")])])
    many = forms.MultipleChoiceField(choices=[("x", "X"), ("y", "Y")])
    agree = forms.BooleanField()
    pick = forms.ChoiceField(choices=[("1", "一"), ("2", "二")], widget=forms.RadioSelect)
    file = forms.FileField()
    when = forms.DateField(widget=forms.DateInput(attrs={"type": "date", "max": dt.date(2026, 12, 5)}))


def test_each_widget_prints_as_djangos_own_template_engine_prints_it():
    """Issue 26: the widgets print their attributes and options without a template included for each (a form of
    81 options and 136 fields included about 560 templates a view); what they print is what Django's own engine's
    widgets print, character for character but for how a quote is escaped."""
    from django.forms.renderers import DjangoTemplates

    bound = Widgets({"name": "王", "count": "2", "note": "<x>", "kind": "b", "many": ["x", "y"], "agree": "on"})
    for name, field in bound.fields.items():
        attrs = {"id": bound[name].auto_id}
        ours = field.widget.render(bound.add_prefix(name), bound[name].value(), attrs=attrs, renderer=bound.renderer)
        django = field.widget.render(
            bound.add_prefix(name), bound[name].value(), attrs=attrs, renderer=DjangoTemplates()
        )
        assert _same_markup(ours) == _same_markup(django), name


def _same_markup(html) -> str:
    """The markup with its quotes escaped one way and no space between tags (each engine's templates lay their
    lines out their own way)."""
    escaped = str(html).replace("&#34;", "&quot;").replace("&#39;", "&#x27;")
    return re.sub(r">\s+<", "><", " ".join(escaped.split()))


def test_a_select_is_drawn_from_one_template_not_one_per_option(monkeypatch):
    from django.template import engines

    environment = engines["jinja2"].env
    loaded, load = [], environment._load_template
    monkeypatch.setattr(environment, "_load_template", lambda name, *a: loaded.append(name) or load(name, *a))
    html = str(Widgets()["kind"])
    assert html.count("<option") == 4
    assert "django/forms/widgets/select_option.html" not in loaded and "django/forms/widgets/attrs.html" not in loaded


def test_a_widget_is_drawn_by_jinja2_directly_not_as_a_page(monkeypatch):
    """Issue 26: each widget and field went through the page's template wrapper (core/jinja.Template: a page's
    translator, its script prefix and the test client's signal, made anew for each of 142 widgets a view); a
    widget is drawn by Jinja2 directly, with the environment's own translator and reverser, in the language of
    the request."""
    from django.test.signals import template_rendered
    from django.utils import translation

    told = []
    template_rendered.connect(receiver := lambda sender, **kwargs: told.append(sender))
    try:
        html = str(Widgets()["name"].as_field_group())
    finally:
        template_rendered.disconnect(receiver)
    assert "<input" in html and told == []
    with translation.override("en"):
        assert "This field is required." in str(Widgets({})["name"].as_field_group())
