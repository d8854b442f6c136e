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
