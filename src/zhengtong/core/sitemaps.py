"""The base of each domain's sitemap (composed into sitemap.xml by the portal)."""

from __future__ import annotations

from django.contrib.sitemaps import Sitemap
from django.db.models import Max


class DatedSitemap(Sitemap):
    """A sitemap of model rows dated by one field (`date_field`). The newest date is asked of the database:
    Django's default loads every item to find it (13 s for the index at 1M letters)."""

    date_field = ""

    def lastmod(self, row):
        return getattr(row, self.date_field)

    def get_latest_lastmod(self):
        return self.items().aggregate(latest=Max(self.date_field))["latest"]
