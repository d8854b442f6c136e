"""Property-based fuzzing of every operation in the OpenAPI schema: no input makes the API answer 5xx."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, settings

from zhengtong.wsgi import application

schema = schemathesis.openapi.from_wsgi("/api/schema/", application)


@pytest.fixture
def seeded(district, lisi):
    # Calls go straight to the WSGI app, not through Django's test client, so detach the handler that closes
    # "old" connections after each request, as the test client does: it would close the test's transaction.
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield district
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_input_makes_the_api_fail(case, seeded):
    response = case.call()
    assert response.status_code < 500, (
        f"{case.method} {case.formatted_path} -> {response.status_code}: {response.text[:300]}"
    )
    if response.status_code >= 400:
        try:
            body = response.json()
        except ValueError:
            raise AssertionError(
                f"{case.method} {case.formatted_path} -> {response.status_code}: not JSON: {response.text[:200]}"
            ) from None
        assert set(body) == {"code", "message", "fields"}, body
