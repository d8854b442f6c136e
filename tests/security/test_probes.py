"""Anonymous probes that answered 500 (issue 21, item 6): each answers 4xx now. A 500 tells an attacker where
the code breaks, and to a citizen it says the site is down (等保2.0 软件容错: 应提供数据有效性检验功能)."""

from __future__ import annotations

import pytest


@pytest.fixture
def strict_client(client):
    client.raise_request_exception = False
    return client


@pytest.mark.parametrize(
    "path",
    [
        "/letters/summary/?month=0001-01",
        "/letters/summary/?month=9999-12",
        "/open311/v2/requests.json?start_date=abc",
        "/open311/v2/requests.json?start_date=0001-01-01T00:00:00Z",
        "/open311/v2/requests.json?start_date=2026-01-01T00:00:00&end_date=2026-02-01T00:00:00Z",
    ],
)
def test_a_malformed_date_is_not_a_500(strict_client, db, path):
    assert strict_client.get(path).status_code < 500


def test_deeply_nested_json_is_not_a_500(strict_client, db):
    response = strict_client.post("/api/v1/approvals/status/", "[" * 100_000, content_type="application/json")
    assert response.status_code == 400 and response.json()["code"]


@pytest.mark.parametrize(("lat", "long"), [("NaN", "121.8"), ("29.9", "1e999999"), ("inf", "-inf")])
def test_a_position_that_is_not_a_number_is_not_a_500(strict_client, db, lat, long):
    response = strict_client.post(
        "/open311/v2/requests.json", {"lat": lat, "long": long, "description": "路灯不亮", "service_code": "x"}
    )
    assert response.status_code < 500


def test_an_end_date_in_year_one_is_refused_not_a_500(strict_client, db):
    response = strict_client.get("/open311/v2/requests.json?end_date=0001-01-01T00:00:00Z")
    assert response.status_code == 400


@pytest.mark.parametrize("target", ["9999-12", "portal:home", "letters"])
def test_a_next_that_is_not_a_path_goes_home_not_500(strict_client, db, target):
    """Found by the fuzz (test_fuzz.py): 大字版's `next=9999-12` was taken for a view name (NoReverseMatch)."""
    response = strict_client.post("/elderly/", {"next": target})
    assert response.status_code == 302 and response["Location"] == "/"
