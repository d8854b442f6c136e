"""A page's dates print as Django's |date prints them, in Beijing time (decision 0003), but without its cost: the
letters a page's formats use are filled from the moment directly (core/timefmt.date_text); anything else is left
to Django. 我的评价's 150 dates took a quarter of the page through Django's formatter."""

from __future__ import annotations

import datetime as dt

from django.template import defaultfilters
from django.utils.timezone import template_localtime
from hypothesis import given, settings
from hypothesis import strategies as st

from zhengtong.core.timefmt import date_text

# every format the templates pass to |date, and some they might
FORMATS = ["Y-m-d", "Y-m-d H:i", "Y年n月j日", "Y年n月", "Y-m", "Y-m-d H:i:s", "c", "Y年n月j日 H:i", "Y", None, ""]
_LETTERS = st.text(alphabet="YmdnjHisc年月日-: /\\{}aNb%", max_size=12)
_ZONES = st.sampled_from([dt.UTC, dt.timezone(dt.timedelta(hours=8)), dt.timezone(dt.timedelta(hours=-5))])
_MOMENTS = st.one_of(
    st.builds(lambda m, zone: m.replace(tzinfo=zone), st.datetimes(min_value=dt.datetime(1900, 1, 1)), _ZONES),
    st.datetimes(min_value=dt.datetime(1900, 1, 1)),  # naive: printed as it is, as Django prints it
    st.dates(min_value=dt.date(1900, 1, 1)),
)


def _django(value, format_string):
    try:
        return ("ok", defaultfilters.date(template_localtime(value), format_string))
    except Exception as exc:  # noqa: BLE001 - what Django raises, the fast path must raise too
        return ("raised", type(exc))


def _ours(value, format_string):
    try:
        return ("ok", date_text(value, format_string))
    except Exception as exc:  # noqa: BLE001
        return ("raised", type(exc))


@settings(max_examples=300, deadline=None)
@given(_MOMENTS, st.one_of(st.sampled_from(FORMATS), _LETTERS))
def test_a_date_prints_as_djangos_filter_prints_it(value, format_string):
    assert _ours(value, format_string) == _django(value, format_string)


def test_nothing_prints_as_nothing():
    assert date_text(None, "Y-m-d") == "" and date_text("", "Y-m-d") == ""


def test_a_moment_is_printed_in_beijing_time():
    assert date_text(dt.datetime(2026, 3, 1, 17, 30, tzinfo=dt.UTC), "Y年n月j日 H:i") == "2026年3月2日 01:30"
