from __future__ import annotations

from zhengtong.core.models import SiteSettings

from . import nav, preferences


def site(request):
    return {
        "portal_site": SiteSettings.current(),  # not "site": auth views put their own "site" in the context
        "nav_sections": nav.sections(),
        "site_links": nav.layout_links(),
        "audiences": preferences.AUDIENCES,
        "current_audience": preferences.audience(request),
        "elderly_mode": preferences.elderly(request),
    }
