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
    """The ids of the grants these departments hold or give, newest first: each department's side one range of
    its own index in that order (grant_consumer_recent, grant_provider_recent), merged; a grant between two of
    the departments once."""
    sides = [Grant.objects.filter(consumer_id=pk) for pk in sorted(department_ids)]
    sides += [Grant.objects.filter(provider_id=pk) for pk in sorted(department_ids)]
    return MergedRanges(sides, ("-granted_at", "-id"))
