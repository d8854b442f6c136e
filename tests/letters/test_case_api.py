"""The letters' case API (cases/api.py): the centre dispatches by JSON, a department signs; the writer's contact
never leaves through it (个人信息保护法 第六条: no more than the purpose needs)."""

from __future__ import annotations

from .. import factories as f
from .conftest import submit

BASE = "/api/v1/cases/letters/"


def _auth(user) -> dict:
    return {"HTTP_AUTHORIZATION": f"Token {f.api_key(user)}"}


def test_the_centre_dispatches_and_the_department_signs_through_the_api(client, hotline, district, lisi, wangwu):
    letter = submit().letter
    operator = hotline["operator"]
    detail = client.get(f"{BASE}{letter.number}/", **_auth(operator)).json()
    assert detail["allowed_actions"] == ["accept", "dispatch", "decline", "merge"]
    assert "13805740001" not in str(detail) and "张三" not in str(detail)
    dispatched = client.post(
        f"{BASE}{letter.number}/actions/dispatch/",
        {"department": district["A"].pk, "co": [district["B"].pk], "note": "请核查"},
        content_type="application/json",
        **_auth(operator),
    ).json()
    assert dispatched["state"] == "dispatched" and dispatched["department"] == district["A"].name
    assert [row["number"] for row in client.get(BASE, **_auth(wangwu)).json()["results"]] == [letter.number]
    signed = client.post(
        f"{BASE}{letter.number}/actions/sign/",
        {"department": district["A"].pk},
        content_type="application/json",
        **_auth(lisi),
    )
    assert signed.status_code == 200 and signed.json()["state"] == "handling"
    assert signed.json()["allowed_actions"] == ["return", "draft"]
    assert [step["action"] for step in signed.json()["timeline"]][-1] == "sign"
