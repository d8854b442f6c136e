from __future__ import annotations

from urllib.parse import quote

from zhengtong.core.models import SiteSettings
from zhengtong.notifications.models import Message

from . import nav, preferences

ERROR_REPORT = "https://zfwzgl.www.gov.cn/exposure/jiucuo.html"  # 我为政府网站找错, the State Council's platform


def error_report_url(site: SiteSettings, request) -> str:
    """The 找错 link for this page: the site's identity code and the page's address (empty without a code)."""
    if not site.site_code:
        return ""
    return (
        f"{ERROR_REPORT}?site_code={quote(site.site_code, safe='')}&url={quote(request.build_absolute_uri(), safe='')}"
    )


def _unread(request) -> int:
    """The header's 消息（N） for a signed-in reader: one indexed count (recipient, read_at); none for a visitor."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return 0
    return Message.objects.filter(recipient=user, read_at__isnull=True).count()


def site(request):
    portal_site = SiteSettings.current()
    return {
        "portal_site": portal_site,  # not "site": auth views put their own "site" in the context
        "error_report_url": error_report_url(portal_site, request),
        "nav_sections": nav.sections(),
        "site_links": nav.layout_links(),
        "audiences": preferences.AUDIENCES,
        "current_audience": preferences.audience(request),
        "elderly_mode": preferences.elderly(request),
        "unread_messages": _unread(request),
    }
