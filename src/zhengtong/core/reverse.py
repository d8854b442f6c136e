"""Argument-free URLs reversed once per process: the URL configuration does not change while it runs, and the
layout and the busiest lists link to the same few pages on every request."""

from __future__ import annotations

import functools

from django.urls import get_script_prefix, reverse


@functools.lru_cache(maxsize=256)
def _reversed(name: str, prefix: str) -> str:
    return reverse(name)


def reverse_once(name: str) -> str:
    """`reverse(name)`, kept per name and script prefix (`reverse` puts the prefix in front)."""
    return _reversed(name, get_script_prefix())
