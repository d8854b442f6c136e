"""The CKAN Action API's read endpoints, driven by CKAN's own client (`ckanapi` from PyPI) against the running
server, as a harvester would: list, show and search the open datasets; errors in CKAN's shape."""

from __future__ import annotations

import ckanapi
import pytest

from zhengtong.audit.models import OperationLog
from zhengtong.sharing.models import Group, Tag
from zhengtong.sharing.opendata import dataset_publish

from .test_opendata import make_dataset


@pytest.fixture
def datasets(registers, lisi, live_server):
    first = make_dataset(registers)
    first.tags.add(Tag.objects.create(name="法人"))
    first.groups.add(Group.objects.create(name="economy", title="经济建设"))
    dataset_publish(dataset=first, by=lisi)
    second = make_dataset(
        registers,
        name="gdp",
        title="北仑区地区生产总值",
        notes="历年地区生产总值。",
        columns=["code", "period", "value"],
    )
    second.register, second.row_filter = "economy", {}
    second.save()
    dataset_publish(dataset=second, by=lisi)
    return first, second


@pytest.fixture
def ckan(live_server):
    # closed at the end: a kept-alive connection would outlive the test's database in the server's thread
    with ckanapi.RemoteCKAN(live_server.url, user_agent="zhengtong-tests/1.0") as client:
        yield client


def test_ckanapi_lists_shows_and_searches_the_open_datasets(ckan, datasets):
    first, second = datasets
    assert ckan.action.package_list() == ["gdp", "legal-persons"]
    shown = ckan.action.package_show(id="legal-persons")
    assert shown["id"] == str(first.pk) and shown["organization"]["name"] == "A"
    assert {r["format"] for r in shown["resources"]} == {"CSV", "JSON", "XLSX"}
    assert ckan.action.package_show(id=str(first.pk))["name"] == "legal-persons"
    found = ckan.action.package_search(q="生产总值")
    assert found["count"] == 1 and found["results"][0]["name"] == "gdp"
    filtered = ckan.action.package_search(fq='tags:"法人" res_format:CSV', rows=5, start=0, sort="name asc")
    assert [p["name"] for p in filtered["results"]] == ["legal-persons"]
    page = ckan.action.package_search(rows=1, start=1, sort="name asc")
    assert page["count"] == 2 and [p["name"] for p in page["results"]] == ["legal-persons"]
    assert ckan.action.organization_list() == ["A"]
    assert ckan.action.organization_show(id="A")["package_count"] == 2
    assert ckan.action.group_list() == ["economy"]
    assert ckan.action.tag_list() == ["法人"]
    resource = shown["resources"][0]
    assert ckan.action.resource_show(id=resource["id"])["package_id"] == str(first.pk)
    assert ckan.action.status_show()["ckan_version"].startswith("2.")


def test_a_get_only_client_reads_the_same(live_server, datasets):
    with ckanapi.RemoteCKAN(live_server.url, get_only=True) as ckan:
        assert ckan.action.package_search(fq="organization:A")["count"] == 2


def test_errors_come_in_ckans_shape_and_malformed_queries_are_audited(ckan, datasets, client):
    with pytest.raises(ckanapi.NotFound):
        ckan.action.package_show(id="nope")
    with pytest.raises(ckanapi.SearchQueryError):
        ckan.action.package_search(fq="secret_field:1")
    with pytest.raises(ckanapi.ValidationError):
        ckan.action.package_search(rows=5000)
    response = client.get("/api/3/action/no_such_action")
    assert response.status_code == 400 and response.json()["success"] is False
    assert client.get("/api/action/package_list").json()["result"] == ["gdp", "legal-persons"]
    assert OperationLog.objects.filter(action="sharing.ckan.refused").count() >= 3


@pytest.mark.parametrize(
    "body",
    [
        {"id": "-" * 36},
        {"id": "0" * 33},
        {"id": ["a"]},
    ],
)
def test_a_malformed_id_is_not_found(client, db, body):
    for action in ("package_show", "resource_show"):
        response = client.post(f"/api/3/action/{action}", body, content_type="application/json")
        assert response.status_code == 404 and response.json()["error"]["__type"] == "Not Found Error"


@pytest.mark.parametrize("raw", ['{"rows": Infinity}', '{"start": 1e400}', '{"rows": [1]}', '{"rows": true}', "[]"])
def test_a_malformed_json_body_is_refused_in_ckans_shape(client, db, raw):
    response = client.post("/api/3/action/package_search", raw, content_type="application/json")
    assert response.status_code in (400, 409) and response.json()["success"] is False


def test_the_counts_are_kept_and_follow_each_publication_and_withdrawal(
    ckan, datasets, lisi, django_assert_max_num_queries
):
    """Issue 26: counting every published dataset on each package_search, organization_list and organization_show
    grew the actions with the table (decision 0020). The counts per organization are kept in the shared cache
    and forgotten when a publication or withdrawal commits, so the next call counts again."""
    from django.core.cache import cache

    from zhengtong.sharing import opendata

    cache.clear()
    assert opendata.published_counts() == {datasets[0].organization_id: 2}
    with django_assert_max_num_queries(0):
        assert opendata.published_counts() == {datasets[0].organization_id: 2}
    assert ckan.action.package_search()["count"] == 2
    opendata.dataset_withdraw(dataset=datasets[1], by=lisi)  # the live server's thread commits it at once
    assert ckan.action.package_search()["count"] == 1
    assert ckan.action.organization_show(id="A")["package_count"] == 1
    opendata.dataset_withdraw(dataset=datasets[0], by=lisi)
    assert ckan.action.organization_list() == []


def test_a_harvester_asks_for_what_changed_since_its_last_run(client, datasets):
    """ckanext-harvest's CKAN harvester asks `fq=metadata_modified:[<its last run> TO *]` (Solr's range syntax);
    `-field:value` leaves out, `AND` joins terms, and `field:(a OR b)` takes either value."""
    import datetime as dt

    from django.utils import timezone

    from zhengtong.sharing.models import Dataset

    first, _second = datasets
    Dataset.objects.filter(pk=first.pk).update(modified=timezone.now() - dt.timedelta(days=30))
    since = (timezone.now() - dt.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M:%S.000Z")

    def names(fq: str) -> list[str]:
        answer = client.get("/api/3/action/package_search", {"fq": fq, "sort": "name asc"})
        assert answer.status_code == 200, answer.content
        return [p["name"] for p in answer.json()["result"]["results"]]

    assert names(f"metadata_modified:[{since} TO *]") == ["gdp"]
    assert names(f"metadata_modified:[* TO {since}]") == ["legal-persons"]
    assert names("metadata_created:[* TO *] AND -tags:法人") == ["gdp"]
    assert names("res_format:(CSV OR JSON) AND organization:A") == ["gdp", "legal-persons"]
    assert names('name:("gdp" OR nothing)') == ["gdp"]
    for bad in (
        "metadata_modified:[yesterday TO *]",
        "metadata_modified:[2026-13-45T00:00:00Z TO *]",
        "metadata_modified:[* TO",
        "tags:(a OR",
        "name:[a TO b]",
    ):
        answer = client.get("/api/3/action/package_search", {"fq": bad})
        assert answer.status_code == 409 and answer.json()["error"]["__type"] == "Search Query Error", bad


def test_the_api_root_answers_its_version_as_ckan_does(client, db):
    assert client.get("/api/3").json() == {"version": 3}
    assert client.get("/api/action/status_show").json()["success"] is True


def test_the_ckan_harvesters_own_request_is_answered(client, datasets):
    """Review: ckanext-harvest's CKAN harvester (ckanharvester.py) always sends sort=id asc, and writes its
    organization filter as `organization:a OR organization:b`; both were refused."""
    first, second = datasets
    answer = client.get(
        "/api/action/package_search",
        {
            "fq": "metadata_modified:[2020-01-01T00:00:00.000Z TO *] organization:A OR organization:B",
            "sort": "id asc",
            "rows": "100",
            "start": "0",
        },
    )
    assert answer.status_code == 200, answer.content
    assert [p["id"] for p in answer.json()["result"]["results"]] == sorted([str(first.pk), str(second.pk)])
    excluded = client.get("/api/action/package_search", {"fq": "-organization:A -organization:B"})
    assert excluded.json()["result"]["count"] == 0
    assert client.get("/api/3/").json() == {"version": 3}


def test_an_fq_too_long_or_with_too_many_values_is_refused_not_a_500(client, db):
    """Review: a set of 70,000 values passed 65,535 parameters to PostgreSQL, a 500 for anyone."""
    many = " OR ".join(f"v{i}" for i in range(70_000))
    for fq in (f"license_id:({many})", " ".join(f"name:n{i}" for i in range(200))):
        answer = client.post("/api/3/action/package_search", {"fq": fq}, content_type="application/json")
        assert answer.status_code == 409 and answer.json()["error"]["__type"] == "Search Query Error"


def test_a_range_open_at_both_ends_means_any_value(client, datasets):
    answer = client.get("/api/3/action/package_search", {"fq": "-metadata_created:[* TO *]"})
    assert answer.json()["result"]["count"] == 0
