"""Where a `next` parameter may lead: a path on this site, nothing else.

`django.shortcuts.redirect` takes a bare word for a view name (`next=9999-12` answered 500), and an absolute or
scheme-relative URL would lead the reader to another site after logging in (an open redirect).
"""

from __future__ import annotations

from django.utils.http import url_has_allowed_host_and_scheme


def next_path(request, default: str) -> str:
    """The request's `next` (query or form) when it is a path on this site, else `default`."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    on_site = url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure())
    return target if target.startswith("/") and not target.startswith("//") and on_site else default
