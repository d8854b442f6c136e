"""Links are made by reversing a URL's name, never by gluing paths (a site served under a script prefix, e.g.
/zhengtong/ behind the city's gateway, must link inside it)."""

from __future__ import annotations

from django.urls import reverse, set_script_prefix

from zhengtong.core.reverse import reverse_once


def test_a_name_with_arguments_reverses_as_django_does_under_any_prefix():
    try:
        for prefix in ("/", "/zhengtong/"):
            set_script_prefix(prefix)
            assert reverse_once("workbench_approvals:detail", 12) == reverse("workbench_approvals:detail", args=[12])
            assert reverse_once("letters:letter", "XJ2026-000123") == f"{prefix}letters/XJ2026-000123/"
            assert reverse_once("letters:letter", "张 三") == reverse("letters:letter", args=["张 三"])
            assert reverse_once("letters:index") == f"{prefix}letters/"
    finally:
        set_script_prefix("/")
