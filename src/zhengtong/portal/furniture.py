"""The site's furniture every government website carries (国办发〔2017〕47号, DOMAIN §9): robots.txt and
sitemap.xml for crawlers, a 网站地图 for people, and 联系我们, 网站声明 and 隐私政策 from the site settings (the
editors' own text where they wrote one, the platform's otherwise)."""

from __future__ import annotations

from django.contrib.sitemaps import Sitemap
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import cache_control, cache_page
from django.views.decorators.http import require_GET

from zhengtong.approvals.sitemaps import GuideSitemap
from zhengtong.disclosure.sitemaps import DocumentSitemap
from zhengtong.letters.sitemaps import LetterSitemap

from . import nav

# Never for crawlers: the staff's side, the API, people's own pages, the query and recovery forms, and deep list
# pages (the sitemap lists every published page; a list's page 50,000 costs the database a long walk).
PRIVATE_AREAS = (
    "/workbench/",
    "/admin/",
    "/api/",
    "/accounts/",
    "/messages/",
    "/open311/",
    "/password/",
    "/services/mine/",
    "/services/applications/",
    "/services/status/",
    "/letters/mine/",
    "/letters/query/",
    "/letters/write/",
    "/disclosure/requests/",
    "/*page=",
)
SITEMAP_SECONDS = 3600
FURNITURE = [
    ("portal:site_map", "网站地图"),
    ("portal:contact", "联系我们"),
    ("portal:statement", "网站声明"),
    ("portal:privacy", "隐私政策"),
]


class SectionSitemap(Sitemap):
    """The home page, each section's index and the furniture pages."""

    changefreq = "daily"

    def items(self):
        return [s["url"] for s in nav.sections()] + [reverse(name) for name, _label in FURNITURE]

    def location(self, url: str) -> str:
        return url


SITEMAPS = {
    "sections": SectionSitemap,
    "services": GuideSitemap,
    "disclosure": DocumentSitemap,
    "letters": LetterSitemap,
}


def cached(view):
    """A sitemap view answered from the shared cache for an hour: crawlers and anyone else may call it often."""
    return cache_page(SITEMAP_SECONDS)(view)


@require_GET
@cache_control(max_age=3600, public=True)
def robots_txt(request):
    lines = ["User-agent: *", *(f"Disallow: {area}" for area in PRIVATE_AREAS)]
    lines.append(f"Sitemap: {request.build_absolute_uri(reverse('portal:sitemap'))}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def site_map(request):
    furniture = [{"url": reverse(name), "label": label} for name, label in FURNITURE]
    return render(request, "portal/site_map.html", {"sections": nav.sections(), "furniture": furniture})


def contact(request):
    return render(request, "portal/contact.html")


def statement(request):
    return render(request, "portal/statement.html")


def privacy(request):
    return render(request, "portal/privacy.html")
