"""Reads for data sharing's pages and API."""

from __future__ import annotations

from django.db.models import Count, Max, Q, Sum

from .models import ExchangeEntry


def grant_usage(grant_ids) -> dict[int, dict]:
    """Per grant: its calls, the rows answered, the calls refused and the last call's time (from the exchange log,
    which both sides of a grant may read for it)."""
    rows = (
        ExchangeEntry.objects.filter(grant_id__in=list(grant_ids))
        .values("grant_id")
        .annotate(
            calls=Count("pk"), rows=Sum("rows"), refused=Count("pk", filter=~Q(outcome="answered")), last=Max("at")
        )
    )
    return {row["grant_id"]: row for row in rows}
