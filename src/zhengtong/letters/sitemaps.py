"""Letters' public pages for sitemap.xml (composed by the portal): every published letter with its reply, the
newest first; never a letter that is not published."""

from __future__ import annotations

from django.urls import reverse

from zhengtong.core.sitemaps import DatedSitemap

from .models import Letter


class LetterSitemap(DatedSitemap):
    date_field = "published_at"
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
