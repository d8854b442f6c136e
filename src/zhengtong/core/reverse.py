"""URLs reversed once per process: the URL configuration does not change while it runs, and the layout and the
busiest lists link to the same few pages on every request.

A name with arguments is reversed once with numbered stand-ins, and each link fills the stand-ins with its
values, quoted as Django's `reverse` quotes them: a list of twenty rows then costs one reverse, not twenty.
"""

from __future__ import annotations

import functools
from urllib.parse import quote

from django.urls import get_script_prefix, reverse

# Digits pass every path converter (int, str, slug, path); long enough never to occur in a real route.
_STAND_IN = "7310945826{}"
_SAFE = "!$&'()*+,;=/~:@"  # what Django's reverse leaves unquoted (RFC 3986 sub-delims and /~:@)


@functools.lru_cache(maxsize=256)
def _reversed(name: str, prefix: str, arity: int) -> tuple[str, tuple[str, ...]]:
    stand_ins = tuple(_STAND_IN.format(i) for i in range(arity))
    url = reverse(name, args=stand_ins)  # under the prefix of this thread's request, which `prefix` replaces
    return prefix + url.removeprefix(get_script_prefix()), stand_ins


def reverse_once(name: str, *args) -> str:
    """`reverse(name, args=args)`, the pattern kept per name, script prefix and number of arguments."""
    return reverse_under(get_script_prefix(), name, *args)


def reverse_under(prefix: str, name: str, *args) -> str:
    """`reverse_once` under a script prefix the caller read once: a page's `url` (core/jinja.py) reads the
    request's prefix once per render, not once per link (a context-local lookup, half a link's cost)."""
    url, stand_ins = _reversed(name, prefix, len(args))
    for stand_in, value in zip(stand_ins, args, strict=True):
        url = url.replace(stand_in, quote(str(value), safe=_SAFE), 1)
    return url
