"""ZT_SITE_ROLE: an internet-zone node does not route to the workbench or admin; an internal node serves no portal."""

from __future__ import annotations

import pytest

from zhengtong.core.middleware import path_allowed

from . import factories as f


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


def test_a_public_node_serves_no_staff_through_the_api(client, db, settings, lisi, district):
    """Issue 21 item 8 (等保2.0 8.1.3 区域边界): staff work on the internal node only; on the internet-zone node a
    staff token or session opens nothing, so the case API's staff actions and window registration are out of
    reach there, while a citizen's own actions stay."""

    settings.SITE_ROLE = "public"
    auth = {"HTTP_AUTHORIZATION": f"Token {f.api_key(lisi)}"}
    assert client.get("/api/v1/cases/applications/", **auth).status_code == 401
    assert client.get("/api/v1/org/departments/", **auth).status_code == 401
    client.force_login(lisi)
    assert client.get("/api/v1/me/").status_code == 404
    assert client.get("/").status_code == 404
    client.logout()
    settings.SITE_ROLE = "all"
    assert client.get("/api/v1/cases/applications/", **auth).status_code == 200
