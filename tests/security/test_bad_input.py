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


@pytest.mark.parametrize("body", ['{"text": "a\\u0000b"}', '{"items": ["ok", "a\\u0000"]}', '{"a\\u0000": 1}'])
def test_a_nul_in_a_json_body_is_refused_with_a_code(client, db, body):
    """A JSON string may carry NUL as \\u0000: a letter's draft stored it and served it back, and PostgreSQL refuses
    it in text (outside try, session 51). Refused as a form's NUL is, before any view reads it."""
    response = client.post("/api/v1/approvals/status/", data=body, content_type="application/json")
    assert response.status_code == 400 and response.json()["code"] == "NUL_CHARACTER"


def test_a_json_body_nested_past_the_parsers_depth_with_a_nul_escape_is_no_500(client, db):
    body = "[" * 100_000 + '"\\u0000"' + "]" * 100_000
    response = client.post("/api/v1/approvals/status/", data=body, content_type="application/json")
    assert response.status_code == 400


def test_a_json_body_that_only_spells_a_backslash_u_is_read(client, db):
    response = client.post(
        "/api/v1/approvals/status/", data='{"receipt_no": "\\\\u0000"}', content_type="application/json"
    )
    assert response.json()["code"] != "NUL_CHARACTER"


def test_an_oversize_body_is_refused_before_any_view_reads_it(client, db):
    from zhengtong.core.middleware import MAX_REQUEST_BYTES

    response = client.post(
        "/api/v1/approvals/status/",
        data=b"{}",
        content_type="application/json",
        CONTENT_LENGTH=str(MAX_REQUEST_BYTES + 1),
    )
    assert response.status_code == 413 and response.json()["code"] == "REQUEST_TOO_LARGE"


def test_a_non_numeric_branch_is_a_400_naming_it_not_a_500(verified_client, district, lisi):
    """A malformed branch is a bad request naming the field (session 52: it answered 404, as if it named another
    case's branch); a well-formed one that is not this case's stays 404."""
    from tests.approvals.conftest import make_item
    from tests.files import samples
    from zhengtong.approvals import services

    item = make_item(district)
    licence = item.materials.get(name="营业执照")
    application = services.application_submit(
        item=item,
        applicant=None,
        data={"shop_name": "x", "area": "1"},
        uploads={licence.pk: [("a.pdf", samples.pdf())]},
        registered_by=lisi,
        channel="window",
        applicant_name="某",
    )
    application = services.application_accept(application=application, by=lisi)  # in review: the state allows it
    client = verified_client(lisi)
    response = client.post(f"/workbench/approvals/{application.pk}/act/review/", {"branch": "abc"})
    assert response.status_code == 400 and 'data-code="INVALID_PARAMETER"' in response.content.decode()
    assert client.post(f"/workbench/approvals/{application.pk}/act/review/", {"branch": "999999"}).status_code == 404
