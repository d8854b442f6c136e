"""API base: authenticated by default, session and token auth, one error shape, OpenAPI, health probes."""

from __future__ import annotations

from django.urls import reverse

from .. import factories as f


def test_the_api_needs_a_login_by_default(client, db):
    response = client.get(reverse("api:me"))
    assert response.status_code in (401, 403)
    body = response.json()
    assert body["code"] == "NOT_AUTHENTICATED" and body["message"] == "请先登录。"


def test_token_authentication(client, zhangsan):
    token = f.api_key(zhangsan)
    body = client.get(reverse("api:me"), HTTP_AUTHORIZATION=f"Token {token}").json()
    assert body["real_name"] == "张三"
    assert body["id_number"] == zhangsan.masked_id_number and "*" in body["id_number"]
    assert body["mobile"] == "138****0001"


def test_a_bad_token_has_the_error_shape(client, db):
    response = client.get(reverse("api:me"), HTTP_AUTHORIZATION="Token nonsense")
    assert response.status_code == 401
    assert response.json()["code"] == "AUTHENTICATION_FAILED"


def test_departments_are_public(client, district):
    rows = client.get(reverse("api:departments")).json()["results"]
    assert [r["code"] for r in rows][:2] == ["330206", "330206000"]  # tree order: parents first
    assert {r["code"] for r in rows} == {"330206", "330206000", "A", "A1", "B"}
    assert client.get(reverse("api:department", args=["missing"])).json()["code"] == "NOT_FOUND"


def test_public_staff_shows_name_post_and_duties_only(client, district, lisi):
    rows = client.get(reverse("api:department_staff", args=["A"])).json()["results"]
    assert rows == [{"name": "李四", "post": None, "duties": "", "is_head": False}]


def test_schema_and_docs_are_served_without_a_cdn(client, db):
    schema = client.get("/api/schema/")
    assert schema.status_code == 200 and b"openapi" in schema.content
    docs = client.get("/api/docs/").content.decode()
    assert "swagger-ui" in docs and "cdn" not in docs.lower()


def test_healthz_and_readyz(client, db):
    assert client.get("/healthz").json() == {"status": "ok"}
    ready = client.get("/readyz")
    assert ready.status_code == 200
    assert ready.json()["checks"] == {"database": "ok", "queue": "ok", "disk": "ok"}


def test_readyz_reports_a_missing_disk(client, db, settings, tmp_path):
    settings.VAR_DIR = tmp_path / "gone"
    ready = client.get("/readyz")
    assert ready.status_code == 503 and ready.json()["checks"]["disk"].startswith("error")


def test_a_list_counts_at_most_the_cap_and_says_so(client, district, monkeypatch):
    """Issue 26: no API list counts a whole table on each call; past the cap, `capped` says there is more."""
    from zhengtong.core import paging

    monkeypatch.setattr(paging, "CAP", 3)
    body = client.get(reverse("api:departments")).json()
    assert (body["count"], body["capped"], len(body["results"])) == (3, True, 5)
    monkeypatch.setattr(paging, "CAP", 50)
    body = client.get(reverse("api:departments")).json()
    assert (body["count"], body["capped"]) == (5, False)


def test_the_schema_is_built_once_per_language(client, db, monkeypatch):
    from drf_spectacular.generators import SchemaGenerator

    from zhengtong.api.schema import SchemaView

    monkeypatch.setattr(SchemaView, "_built", {})
    built = []
    original = SchemaGenerator.get_schema
    monkeypatch.setattr(SchemaGenerator, "get_schema", lambda self, **kw: built.append(1) or original(self, **kw))
    first, second = client.get("/api/schema/"), client.get("/api/schema/")
    assert first.content == second.content and len(built) == 2  # each language once, at the first request
    assert b"capped" in first.content  # the lists' pages say when they hold more than they count
    for made_up in ({"lang": "xx1"}, {"version": "abc"}):  # anyone's made-up variants are built, not kept
        assert client.get("/api/schema/", made_up).status_code == 200
    assert list(SchemaView._built) == [(None, "zh-hans"), (None, "en")]


def test_a_program_pages_on_past_the_cap(client, district, monkeypatch):
    """A department's system copying a list reads every row: `next` stays while rows are, whatever the cap."""
    from zhengtong.core import paging

    monkeypatch.setattr(paging, "CAP", 2)
    monkeypatch.setattr(paging.BoundedPagination, "page_size", 2)
    codes, url = [], reverse("api:departments")
    while url:
        body = client.get(url).json()
        codes += [r["code"] for r in body["results"]]
        assert body["count"] == 2 and body["capped"]
        url = body["next"]
    assert sorted(codes) == ["330206", "330206000", "A", "A1", "B"]
    assert client.get(reverse("api:departments"), {"page": "x"}).json()["results"][0]["code"] == "330206"
    far = client.get(reverse("api:departments"), {"page": str(10**20)})
    assert far.status_code == 200 and far.json()["results"] == []


def test_the_kept_schema_is_rendered_once_per_language_and_format(client, db, monkeypatch):
    """Issue 26: the schema was kept, but rendered to YAML again on every request, 18 ms of the page's 19 (p50 on
    the demo); its bytes are kept now, beside it, for each format a client asks for."""
    import json

    from drf_spectacular.renderers import OpenApiJsonRenderer, OpenApiYamlRenderer

    from zhengtong.api.schema import SchemaView

    monkeypatch.setattr(SchemaView, "_built", {})
    rendered = []
    for renderer in (OpenApiYamlRenderer, OpenApiJsonRenderer):
        original = renderer.render
        monkeypatch.setattr(
            renderer, "render", lambda self, *a, _original=original, **k: rendered.append(1) or _original(self, *a, **k)
        )
    first, second = client.get("/api/schema/"), client.get("/api/schema/")
    assert first.content == second.content and len(rendered) == 1
    assert first["Content-Type"].startswith("application/vnd.oai.openapi")
    assert first["Content-Disposition"] == second["Content-Disposition"]
    as_json = [client.get("/api/schema/", {"format": "json"}) for _n in range(2)]
    assert json.loads(as_json[1].content)["openapi"] and len(rendered) == 2
    assert as_json[0]["Content-Type"].startswith("application/vnd.oai.openapi+json")


def test_the_kept_schema_is_not_shaped_by_the_first_clients_accept_parameters(client, db, monkeypatch):
    """Review: the JSON renderer takes `indent` from the Accept header; kept as the first client asked, one
    client's `indent=1` was every later client's layout."""
    from zhengtong.api.schema import SchemaView

    monkeypatch.setattr(SchemaView, "_built", {})
    first = client.get("/api/schema/", HTTP_ACCEPT="application/json; indent=1")
    plain = client.get("/api/schema/", HTTP_ACCEPT="application/json")
    assert first.content == plain.content and plain.content.startswith(b'{\n    "openapi"')
    assert plain["Content-Type"] == "application/json"


def test_the_first_visitors_language_does_not_decide_the_others_schema(client, db, monkeypatch):
    """Outside attack: drf-spectacular carries a field's title from the first language it builds into the builds
    after it (an English "Outcome" equals the field's name and is dropped; the Chinese schema built after it lost
    its 结果), and the schema is kept for the life of the worker. So every kept language is built at the first
    request, in the order of settings.LANGUAGES, the default first, whichever language that request asks for."""
    from django.utils import translation
    from drf_spectacular.generators import SchemaGenerator

    from zhengtong.api.schema import SchemaView

    monkeypatch.setattr(SchemaView, "_built", {})
    order = []
    original = SchemaGenerator.get_schema
    monkeypatch.setattr(
        SchemaGenerator,
        "get_schema",
        lambda self, **kw: order.append(translation.get_language()) or original(self, **kw),
    )
    assert client.get("/api/schema/", {"lang": "en-us"}).status_code == 200  # a variant that is not kept
    assert order[:2] == ["zh-hans", "en"]


def test_a_session_request_without_its_form_token_is_told_so(zhangsan):
    """A browser session posting to the API without the CSRF token was told 您没有权限进行此操作 (an outside try), as
    if the account lacked a right: the answer names what is missing and what to do."""
    from django.test import Client

    browser = Client(enforce_csrf_checks=True)
    browser.force_login(zhangsan)
    answer = browser.post("/api/v1/evaluation/invitations/1/rating/", {"score": 5}, content_type="application/json")
    assert answer.status_code == 403 and answer.json()["code"] == "CSRF_FAILED"
    assert "刷新" in answer.json()["message"]


def test_every_operation_documents_its_error_answers_with_the_one_error_shape(client, db):
    """Issue 19 item 4: the 400/401/403/404/409 answers and their shape were said in prose alone, so a client's
    generated code knew only the success. Each operation lists the ones it can give, each the `Error` schema."""
    schema = client.get("/api/schema/?format=json").json()
    error = schema["components"]["schemas"]["Error"]
    assert set(error["required"]) == {"code", "message", "fields"}
    ref = {"$ref": "#/components/schemas/Error"}

    def answers(path, method):
        responses = schema["paths"][path][method]["responses"]
        return {code for code, answer in responses.items() if answer["content"]["application/json"]["schema"] == ref}

    act = answers("/api/v1/cases/applications/{key}/actions/accept/", "post")
    assert {"400", "401", "403", "404", "409"} <= act
    assert answers("/api/v1/cases/applications/", "get") >= {"400", "401", "403"}
    assert "404" not in answers("/api/v1/cases/applications/", "get") and "409" not in answers(
        "/api/v1/cases/applications/", "get"
    )
    assert "409" in answers("/api/v1/approvals/items/{code}/applications/", "post")  # its Idempotency-Key reused
    lookup = answers("/api/v1/approvals/status/", "post")
    assert "400" in lookup and "401" not in lookup  # public
