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


def test_what_a_step_cannot_go_without_is_required_and_a_procedure_named_by_its_codes(client, db):
    """Outside try, session 53: the schema marked no text required, so a client learnt that a refusal needs its
    reason (行政许可法 第三十八条) or a correction notice its items (第三十二条) only from the 400; and a special
    procedure's `reason` was any text of 20 characters, where it is one of 第四十五条's procedures by its code, and
    its `expected_days` (told to the applicant in writing) a count from 0."""
    schema = _schema(client)
    refuse = _body(schema, "/api/v1/cases/applications/{key}/actions/refuse/")
    assert refuse["required"] == ["reason"]
    assert _body(schema, "/api/v1/cases/applications/{key}/actions/correction/")["required"] == ["items"]
    special = _body(schema, "/api/v1/cases/applications/{key}/actions/special_pause/")
    assert set(special["required"]) == {"reason", "expected_days"}
    assert special["properties"]["reason"]["enum"] == [
        "hearing", "tender", "auction", "inspection", "testing", "quarantine", "appraisal", "expert_review"
    ]  # fmt: skip
    assert special["properties"]["expected_days"]["minimum"] == 1
    # one whose need depends on another answer (a reason only for a 不同意) is not marked
    assert _body(schema, "/api/v1/cases/applications/{key}/actions/review/")["required"] == ["agree"]


def test_a_callback_is_documented_with_its_answers(client, db):
    callback = _body(_schema(client), "/api/v1/cases/letters/{key}/actions/callback/")
    assert callback["properties"]["result"]["enum"] == ["5", "4", "3", "2", "1", "unreachable"]
    assert callback["required"] == ["result"]
