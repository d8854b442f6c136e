"""Issue 19 item 4: every action of every case type is in the OpenAPI schema with the body it takes, read from the
action's own code (cases/bodies.py); the schema gave every action one body with `note` alone."""

from __future__ import annotations

from zhengtong.cases.bodies import parameters


def _schema(client):
    return client.get("/api/schema/?format=json").json()


def _body(schema, path):
    return schema["paths"][path]["post"]["requestBody"]["content"]["application/json"]["schema"]


def test_each_action_has_its_own_operation_and_body(client, db):
    from zhengtong.cases.api import REGISTERED

    schema = _schema(client)
    for name, api in REGISTERED.items():
        key = "{key}"
        for action in api.perform:
            path = f"/api/v1/cases/{name}/{key}/actions/{action}/"
            assert path in schema["paths"], path
    # the generic path is not documented: each action is
    assert not [p for p in schema["paths"] if p.endswith("/actions/{action}/") and "/cases/" in p]


def test_the_bodies_are_the_parameters_the_actions_read(client, db):
    schema = _schema(client)
    dispatch = _body(schema, "/api/v1/cases/letters/{key}/actions/dispatch/")
    assert set(dispatch["properties"]) == {"department", "co", "category", "note"}
    assert dispatch["properties"]["department"]["type"] == "integer"
    assert dispatch["properties"]["co"]["items"]["type"] == "integer"
    review = _body(schema, "/api/v1/cases/applications/{key}/actions/review/")
    assert set(review["properties"]) == {"branch", "agree", "reason"} and review["required"] == ["agree"]
    document_review = _body(schema, "/api/v1/cases/disclosure-documents/{key}/actions/review/")
    assert {"no_state_secret", "no_commercial_secret", "no_privacy", "decision"} <= set(document_review["properties"])
    assert "required" not in document_review or "no_privacy" not in document_review["required"]  # a checkbox
    grant = _body(schema, "/api/v1/cases/share-requests/{key}/actions/grant/")
    assert {"fields", "row_filter", "expires_on", "rate_per_minute", "reason"} == set(grant["properties"])


def test_a_parameter_read_under_a_name_passed_to_a_helper_is_found():
    from zhengtong.sharing.actions import ACTIONS

    assert set(parameters(ACTIONS["grant"])) >= {"row_filter", "expires_on"}


def test_the_whole_schema_is_valid_openapi(client, db):
    """An action that reads no required parameter once produced `required: []`, which OpenAPI forbids; clients'
    generators refuse such a schema."""
    from drf_spectacular.validation import validate_schema

    validate_schema(_schema(client))


def test_a_choice_is_documented_with_its_words_and_required(client, db):
    review = _body(_schema(client), "/api/v1/cases/disclosure-documents/{key}/actions/review/")
    assert review["properties"]["decision"]["enum"] == ["approve", "reject"] and "decision" in review["required"]
