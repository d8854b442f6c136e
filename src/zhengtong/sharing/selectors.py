"""Reads for data sharing's pages and API."""

from __future__ import annotations

from django.db.models import Count, Max, Q, Sum

from zhengtong.core.paging import MergedRanges

from .models import ExchangeEntry, Grant


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


def department_grants(department_ids) -> MergedRanges:
    """The ids of the grants these departments hold or give, newest first: each side one range of its own index
    in that order (grant_consumer_recent, grant_provider_recent), merged; a grant between two of the departments
    is the holder's."""
    places = list(department_ids)
    held = Grant.objects.filter(consumer_id__in=places)
    given = Grant.objects.filter(provider_id__in=places).exclude(consumer_id__in=places)
    return MergedRanges([held, given], ("-granted_at", "-id"))
