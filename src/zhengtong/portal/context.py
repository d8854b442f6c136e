from __future__ import annotations

from urllib.parse import quote

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.db import connection

from zhengtong import privacy
from zhengtong.core.models import SiteSettings
from zhengtong.core.reverse import reverse_once
from zhengtong.notifications.models import Message

from . import nav, preferences

ERROR_REPORT = "https://zfwzgl.www.gov.cn/exposure/jiucuo.html"  # 我为政府网站找错, the State Council's platform


def error_report_url(site: SiteSettings, request) -> str:
    """The 找错 link for this page: the site's identity code and the page's address, its path only (a query may
    hold what someone searched for). None on the workbench, nor without a code or with a Host header the site
    does not serve (build_absolute_uri would refuse it with a 500). A path holding personal data (a mistyped
    address, a probe) leaves masked, as the access log writes it."""
    if not site.site_code or request.path.startswith(reverse_once("workbench:home")):
        return ""
    try:
        path = privacy.mask(request.path) if privacy.may_hold(request.path) else request.path
        page = settings.SITE_ORIGIN + path if settings.SITE_ORIGIN else request.build_absolute_uri(path)
    except DisallowedHost:
        return ""
    return f"{ERROR_REPORT}?site_code={quote(site.site_code, safe='')}&url={quote(page, safe='')}"


def _unread(request) -> int:
    """The header's 消息（N） for a signed-in reader: one indexed count (recipient, read_at); none for a visitor.
    Plain SQL: every signed-in page counts, and building the ORM's query cost more than running it (decision 0023)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return 0
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT COUNT(*) FROM {Message._meta.db_table} WHERE recipient_id = %s AND read_at IS NULL", [user.pk]
        )
        return cursor.fetchone()[0]


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
