"""Forms are drawn by the pages' engine (Jinja2, issue 26). That engine prints a date as people read it (2026年12月5
日); a date inside an HTML attribute or an option's value must stay as Django's own widgets print it, the ISO form a
browser and the form's own cleaning read."""

from __future__ import annotations

import datetime as dt

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
