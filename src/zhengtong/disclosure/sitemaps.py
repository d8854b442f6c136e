"""Disclosure's public pages for sitemap.xml (composed by the portal): every published document."""

from __future__ import annotations

from django.urls import reverse

from zhengtong.core.sitemaps import DatedSitemap

from . import selectors


class DocumentSitemap(DatedSitemap):
    date_field = "published_at"
    changefreq = "yearly"

    def items(self):
        return selectors.published().select_related(None).only("index_no", "published_at")

    def location(self, document) -> str:
        return reverse("disclosure:document", args=[document.index_no])
