"""Disclosure's public pages for sitemap.xml (composed by the portal): every published document."""

from __future__ import annotations

from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.urls import reverse

from . import selectors


class DocumentSitemap(Sitemap):
    changefreq = "yearly"

    def items(self):
        return selectors.published().select_related(None).only("index_no", "published_at")

    def location(self, document) -> str:
        return reverse("disclosure:document", args=[document.index_no])

    def lastmod(self, document):
        return document.published_at

    def get_latest_lastmod(self):
        # Asked of the database: Django's default loads every item to find the newest.
        return self.items().aggregate(latest=Max("published_at"))["latest"]
