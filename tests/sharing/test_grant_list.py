"""A department's grants, as user and as provider, newest first (the exchange's grants API): two index ranges read
in their order and merged, not every grant joined to its resource and sorted (issue 26: 63 ms at 60,000 grants,
273 ms at 1,000,000). A grant keeps its resource's provider, which never changes (services/catalogue.py)."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.plans import arms_read_in_order, statement_plan
from zhengtong.sharing import selectors
from zhengtong.sharing.models import Grant
from zhengtong.sharing.services.requests import share_request_grant

from .test_exchange import granted, key  # noqa: F401 (fixtures)
from .test_requests import ask


def test_a_grant_keeps_its_resources_provider(granted):  # noqa: F811
    assert granted.provider_id == granted.resource.provider_id


def test_both_sides_list_the_grant_once_newest_first(granted, legal_resource, lisi, wangwu, registers):  # noqa: F811
    later = ask(legal_resource, wangwu, registers["B"], fields=["uscc", "name"], row_filter={"district": "北仑区"})
    share_request_grant(request=later, by=lisi)
    newest = Grant.objects.get(request=later)
    for side in (registers["A"], registers["B"]):
        assert selectors.department_grants([side.pk])[0:20] == [newest.pk, granted.pk]
    both = selectors.department_grants([registers["A"].pk, registers["B"].pk])
    assert both[0:20] == [newest.pk, granted.pk] and both.bounded_count() == 2, (
        "a grant between two of his departments is listed once"
    )


def test_the_list_reads_each_side_from_its_own_index_in_order(granted, registers):  # noqa: F811
    with CaptureQueriesContext(connection) as sent:
        selectors.department_grants([registers["A"].pk])[0:20]
    plan = statement_plan(sent.captured_queries[-1]["sql"])
    assert arms_read_in_order(plan, "grant_consumer_recent", "grant_provider_recent"), plan
