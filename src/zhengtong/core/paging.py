"""What the list pager (core/_pager.html) needs from a request besides the page."""

from __future__ import annotations

from urllib.parse import urlencode


def pager_query(params) -> str:
    """The request's query string without `page`, every value kept: the pager adds its own page, the filter
    stays. Built from the values, not from a copied QueryDict (a deep copy on the letters list's hot path)."""
    return urlencode([(key, value) for key, values in params.lists() if key != "page" for value in values])
