"""The hall's public pages for sitemap.xml (composed by the portal): every published service guide."""

from __future__ import annotations

from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.urls import reverse

from . import selectors


class GuideSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return selectors.published_items().select_related(None).order_by("code").only("code", "updated_at")

    def location(self, item) -> str:
        return reverse("approvals:guide", args=[item.code])

    def lastmod(self, item):
        return item.updated_at

    def get_latest_lastmod(self):
        return self.items().aggregate(latest=Max("updated_at"))["latest"]
