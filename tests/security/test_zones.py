"""Zones (issue 21, item 8; 等保2.0 8.1.3 区域边界): every URL pattern of the project is fetched under each
ZT_SITE_ROLE. On the internet-zone node (`public`) a staff member's session opens nothing but the log-out, by GET or
POST, and no one reaches a workbench or admin URL; on the internal node no portal page or public API answers."""

from __future__ import annotations

import pytest

from zhengtong.core.middleware import path_allowed

from .test_public_urls import ALL


def _answers(client, paths) -> list[str]:
    """Every (path, method) that did not answer 404."""
    wrong = []
    for name, path in paths:
        for method in (client.get, client.post):
            status = method(path).status_code
            if status != 404:
                wrong.append(f"{name} {path} {method.__name__.upper()} -> {status}")
    return wrong


def test_on_the_public_node_a_staff_session_opens_nothing_but_the_log_out(settings, verified_client, lisi):
    settings.SITE_ROLE = "public"
    client = verified_client(lisi)
    assert _answers(client, [(n, p) for n, p in ALL if n != "accounts:logout"]) == []


@pytest.mark.parametrize("role", ["public", "internal"])
def test_a_path_outside_the_nodes_zone_is_not_routed_at_all(client, db, settings, role):
    settings.SITE_ROLE = role
    outside = [(n, p) for n, p in ALL if not path_allowed(role, p)]
    assert len(outside) > 20 and _answers(client, outside) == []


def test_each_zone_keeps_what_it_is_for():
    """The crawl is not vacuous: each node still serves its own half."""
    public = [path for _name, path in ALL if path_allowed("public", path)]
    internal = [path for _name, path in ALL if path_allowed("internal", path)]
    assert any(p.startswith("/workbench/") for p in internal) and not any(p.startswith("/workbench/") for p in public)
    assert any(p.startswith("/disclosure/") for p in public) and not any(p.startswith("/disclosure/") for p in internal)
