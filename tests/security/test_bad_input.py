"""Bad input never reaches the database as a 500: NUL bytes anywhere are refused with a code."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("method", "path", "extra"),
    [
        ("get", "/departments/a%00b/", {}),
        ("get", "/api/v1/org/departments/a%00b/", {}),
        ("get", "/workbench/audit/operations/?q=a%00b", {}),
        ("get", "/api/v1/me/", {"HTTP_AUTHORIZATION": "Token abc\x00def"}),
        ("post", "/accounts/login/", {"data": {"username": "a\x00b", "password": "x"}}),
    ],
)
def test_nul_bytes_are_refused_with_a_code(client, db, method, path, extra):
    data = extra.pop("data", None)
    response = getattr(client, method)(path, data, **extra) if data else getattr(client, method)(path, **extra)
    assert response.status_code == 400
    assert "NUL_CHARACTER" in response.content.decode()
