"""ZT_SITE_ROLE: an internet-zone node does not route to the workbench or admin; an internal node serves no portal."""

from __future__ import annotations

import pytest

from zhengtong.core.middleware import path_allowed


@pytest.mark.parametrize(
    ("role", "path", "allowed"),
    [
        ("all", "/workbench/", True),
        ("all", "/", True),
        ("public", "/", True),
        ("public", "/departments/", True),
        ("public", "/workbench/", False),
        ("public", "/admin/", False),
        ("public", "/accounts/login/", True),
        ("public", "/api/v1/org/departments/", True),
        ("internal", "/workbench/", True),
        ("internal", "/admin/", True),
        ("internal", "/", False),
        ("internal", "/departments/", False),
        ("internal", "/accounts/login/", True),
        ("internal", "/healthz", True),
    ],
)
def test_paths_by_role(role, path, allowed):
    assert path_allowed(role, path) is allowed


def test_a_public_node_answers_404_for_the_workbench(client, db, settings):
    settings.SITE_ROLE = "public"
    assert client.get("/workbench/").status_code == 404
    assert client.get("/").status_code == 200
