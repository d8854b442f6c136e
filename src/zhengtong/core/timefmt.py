"""How the site shows a moment to the minute: Beijing wall-clock time, the same on every page and export."""

from __future__ import annotations

import datetime as dt
import functools
import zoneinfo

from django.conf import settings
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
