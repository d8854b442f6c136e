"""Issue 19, bad input: a case list's filter with a value it can never match (a state no case type has, a
department code that names no department) answers 400 naming the parameter, as every other bad input does; it
answered an empty list, which a program reads as "none"."""

from __future__ import annotations

from .. import factories as f


def _auth(user) -> dict:
    return {"HTTP_AUTHORIZATION": f"Token {f.api_key(user)}"}


def test_a_state_no_case_can_have_is_refused_naming_the_filter(client, district, lisi):
    answer = client.get("/api/v1/cases/applications/?status=approved_maybe", **_auth(lisi))
    assert answer.status_code == 400
    body = answer.json()
    assert body["code"] == "FILTER_VALUE" and list(body["fields"]) == ["status"]
    assert "submitted" in body["fields"]["status"][0]["message"]  # the values it takes are named


def test_a_code_that_names_nothing_is_refused_and_a_real_one_filters(client, district, lisi):
    assert client.get("/api/v1/cases/letters/?department=NOPE", **_auth(lisi)).status_code == 400
    known = client.get(f"/api/v1/cases/letters/?department={district['A'].code}&state=submitted", **_auth(lisi))
    assert known.status_code == 200 and known.json()["results"] == []


def test_every_case_lists_filters_are_checked(client, district, lisi):
    from zhengtong.cases.api import REGISTERED

    for name, api in REGISTERED.items():
        for filter_name in api.filters:
            answer = client.get(f"/api/v1/cases/{name}/?{filter_name}=%E2%80%BDnothing", **_auth(lisi))
            assert answer.status_code == 400, (name, filter_name)
            assert list(answer.json()["fields"]) == [filter_name]


def test_the_schema_lists_the_values_a_state_filter_takes(client, district, lisi):
    schema = client.get("/api/schema/?format=json", **_auth(lisi)).json()
    parameters = schema["paths"]["/api/v1/cases/applications/"]["get"]["parameters"]
    status = next(p for p in parameters if p["name"] == "status")
    assert "submitted" in status["schema"]["enum"]
