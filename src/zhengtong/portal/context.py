from __future__ import annotations

from zhengtong.core.models import SiteSettings

from . import nav, preferences


def site(request):
    return {
        "site": SiteSettings.current(),
        "nav_sections": nav.sections(),
        "audiences": preferences.AUDIENCES,
        "current_audience": preferences.audience(request),
        "elderly_mode": preferences.elderly(request),
    }
