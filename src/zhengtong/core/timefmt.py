"""How the site shows a moment to the minute: Beijing wall-clock time, the same on every page and export."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

MINUTE = "%Y-%m-%d %H:%M"


def local_minute(moment: dt.datetime) -> str:
    return timezone.localtime(moment).strftime(MINUTE)
