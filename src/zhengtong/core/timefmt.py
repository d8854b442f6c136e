"""How the site shows a moment to the minute: Beijing wall-clock time, the same on every page and export."""

from __future__ import annotations

import datetime as dt
import functools
import zoneinfo

from django.conf import settings
from django.template import defaultfilters
from django.utils import timezone

MINUTE = "%Y-%m-%d %H:%M"


@functools.cache
def _site_zone() -> zoneinfo.ZoneInfo:
    return zoneinfo.ZoneInfo(settings.TIME_ZONE)


def beijing(moment: dt.datetime) -> dt.datetime:
    """The site's wall-clock time (settings.TIME_ZONE), whatever zone a request might activate: timezone.localtime
    reads the active zone through a context-local lookup on every call, a tenth of a list row's cost."""
    if moment.tzinfo is None:  # astimezone would read it as the server's own time; localtime refused it too
        raise ValueError("beijing() takes an aware datetime")
    return moment.astimezone(_site_zone())


def local_minute(moment: dt.datetime) -> str:
    return beijing(moment).strftime(MINUTE)


def due_text(value: dt.datetime | dt.date | None) -> str:
    """A deadline as people read it, the same on every page, receipt and export: "2026年12月2日（当日24时前）" for a
    limit that ends at midnight, "2026年12月2日15时30分前" for one that ends within a day. A datetime is a clock's due
    time, the first late instant (so midnight belongs to the day before); a date is the last day itself."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        local = beijing(value) if timezone.is_aware(value) else value
        if local.time() != dt.time(0, 0):
            return f"{local.year}年{local.month}月{local.day}日{local.hour}时{local.minute:02d}分前"
        value = local.date() - dt.timedelta(days=1)
    return f"{value.year}年{value.month}月{value.day}日（当日24时前）"


# Django's |date letters a page's formats use, as str.format fields of the moment. Any other ASCII letter, a
# backslash or no format at all (the locale's DATE_FORMAT) is left to Django's formatter.
_FIELDS = {
    "Y": "{0.year:04d}",
    "m": "{0.month:02d}",
    "d": "{0.day:02d}",
    "n": "{0.month}",
    "j": "{0.day}",
    "H": "{0.hour:02d}",
    "i": "{0.minute:02d}",
    "s": "{0.second:02d}",
}
_TIME_LETTERS = frozenset("His")


@functools.lru_cache(maxsize=256)
def _compiled(format_string: str) -> tuple[str, bool] | None:
    """The format as a str.format template and whether it prints the time of day; None where only Django's
    formatter knows the letters."""
    parts = []
    for c in format_string:
        if c in _FIELDS:
            parts.append(_FIELDS[c])
        elif (c.isascii() and c.isalpha()) or c == "\\":
            return None
        else:
            parts.append(c.replace("{", "{{").replace("}", "}}"))
    return "".join(parts), bool(_TIME_LETTERS.intersection(format_string))


def date_text(value, format_string: str | None = None) -> str:
    """Django's |date in the site's time (an aware moment in Beijing time, a naive one or a date as it is), without
    its cost: Django's formatter looks up the locale's names for each letter of each date, a quarter of a list of
    150 dates' page (我的评价). The common letters are filled from the moment directly; the rest go to Django."""
    compiled = _compiled(format_string) if format_string else None
    if compiled and isinstance(value, dt.date):
        template, timed = compiled
        if isinstance(value, dt.datetime):
            return template.format(beijing(value) if value.tzinfo is not None else value)
        if not timed:  # a date has no time of day: Django's own error
            return template.format(value)
    return defaultfilters.date(timezone.template_localtime(value), format_string)
