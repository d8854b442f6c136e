"""What the schema marks required is what a step refuses without (tests/cases/test_required_bodies.py)."""

from __future__ import annotations

from . import factories as f

_schema: dict = {}  # the schema is the code's, the same for every test of a run


def refused_for_a_marked_field(client, name: str, key, action: str, user) -> None:
    if not _schema:
        _schema.update(client.get("/api/schema/?format=json").json())
    path = f"/api/v1/cases/{name}/{{key}}/actions/{action}/"
    required = _schema["paths"][path]["post"]["requestBody"]["content"]["application/json"]["schema"].get("required")
    assert required, f"{name} {action}: nothing marked required"
    answer = client.post(
        f"/api/v1/cases/{name}/{key}/actions/{action}/",
        {},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Token {f.api_key(user)}",
    )
    assert answer.status_code == 400, (name, action, answer.json())
    assert set(answer.json()["fields"]) <= set(required), (name, action, answer.json(), required)
