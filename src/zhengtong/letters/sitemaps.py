"""Letters' public pages for sitemap.xml (composed by the portal): every published letter with its reply, the
newest first; never a letter that is not published."""

from __future__ import annotations

from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.urls import reverse

from .models import Letter


class LetterSitemap(Sitemap):
    changefreq = "yearly"

    def items(self):
        # The public list's own index (letter_public_list) gives this order.
        return (
            Letter.objects.filter(published_at__isnull=False)
            .order_by("-published_at", "-id")
            .only("number", "published_at")
        )

    def location(self, letter) -> str:
        return reverse("letters:letter", args=[letter.number])

    def lastmod(self, letter):
        return letter.published_at

    def get_latest_lastmod(self):
        # Asked of the database: Django's default loads every item to find the newest (13 s at 1M letters).
        return self.items().aggregate(latest=Max("published_at"))["latest"]
