"""The hall's public pages for sitemap.xml (composed by the portal): every published service guide."""

from __future__ import annotations

from django.urls import reverse

from zhengtong.core.sitemaps import DatedSitemap

from . import selectors


class GuideSitemap(DatedSitemap):
    date_field = "updated_at"
    changefreq = "monthly"

    def items(self):
        return selectors.published_items().select_related(None).order_by("code").only("code", "updated_at")

    def location(self, item) -> str:
        return reverse("approvals:guide", args=[item.code])
