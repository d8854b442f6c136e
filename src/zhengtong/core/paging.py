"""Paging a list of any length: the pager's query, and a paginator whose cost does not grow with the table.

Django's paginator counts every row on every page view (a COUNT over a million published documents took longer
than the page) and reads page N with an OFFSET that walks every earlier row. A list here counts at most
`CAP` rows and offers the pages up to them: "共 1000+ 条". Reading further back is the filters' and the site
search's job, as in the clerk's queue and site search (decisions 0006, 0011, 0020)."""

from __future__ import annotations

from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.utils.functional import cached_property
from rest_framework.pagination import PageNumberPagination

CAP = 1000


def pager_query(params) -> str:
    """The request's query string without `page`, every value kept: the pager adds its own page, the filter
    stays. Built from the values, not from a copied QueryDict (a deep copy on the letters list's hot path)."""
    return urlencode([(key, value) for key, values in params.lists() if key != "page" for value in values])


class BoundedPaginator(Paginator):
    """Counts up to CAP + 1 rows, an index range read stopped by its LIMIT; a list holding more shows CAP of them
    (`capped`), and a page past them is the last it shows."""

    @cached_property
    def counted(self) -> int:
        rows = self.object_list
        return rows[: CAP + 1].count() if hasattr(rows, "query") else len(rows[: CAP + 1])

    @cached_property
    def count(self) -> int:
        return min(self.counted, CAP)

    @property
    def capped(self) -> bool:
        return self.counted > CAP


def page_of(rows, per_page: int, number):
    """Page `number` (any text from the request; a bad one is the first, a late one the last) of `rows`."""
    return BoundedPaginator(rows, per_page).get_page(number)


class BoundedPagination(PageNumberPagination):
    """Every API list's pages (REST_FRAMEWORK's default): the same bound as the pages', and `capped` says the
    list holds more than `count`."""

    django_paginator_class = BoundedPaginator

    def get_paginated_response(self, data):
        response = super().get_paginated_response(data)
        response.data["capped"] = self.page.paginator.capped
        return response

    def get_paginated_response_schema(self, schema):
        described = super().get_paginated_response_schema(schema)
        described["properties"]["capped"] = {
            "type": "boolean",
            "description": f"更多：列表超过 {CAP} 条，count 只计到 {CAP}；请用筛选条件缩小范围",
        }
        return described
