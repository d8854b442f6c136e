"""The CKAN Action API's read endpoints (/api/3/action/<name> and /api/action/<name>), answering as CKAN 2.10
does, so CKAN clients (ckanapi) and harvesters read the open datasets: {"help", "success", "result"}, and on
failure {"help", "success": false, "error": {"__type", "message", …}} with CKAN's status codes. GET takes the
parameters in the query string, POST in a JSON body (ckanapi posts)."""

from __future__ import annotations

import json
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.http import JsonResponse
from django.views.decorators.csrf import csrf_exempt

from zhengtong.audit.context import client_ip
from zhengtong.audit.services import audit_record
from zhengtong.core.codes import keyed_hash
from zhengtong.core.reverse import reverse_once
from zhengtong.org.models import Department
from zhengtong.search import backends
from zhengtong.search.models import Entry
from zhengtong.search.query import parse

from ..models import Dataset, DatasetFile, Group, Tag
from ..opendata import KIND, published, published_counts
from .errors import ActionError, invalid, not_found
from .fq import filtered

MIMETYPES = {
    "CSV": "text/csv",
    "JSON": "application/json",
    "XLSX": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
ROWS_MAX = 1000  # CKAN's ckan.search.rows_max
LIST_MAX = 1000
CKAN_VERSION = "2.10.4"
SORTS = {
    "id asc": ("pk",),  # what ckanext-harvest's CKAN harvester always asks for, to page steadily
    "id desc": ("-pk",),
    "metadata_modified desc": ("-modified", "name"),
    "metadata_modified asc": ("modified", "name"),
    "metadata_created desc": ("-created", "name"),
    "metadata_created asc": ("created", "name"),
    "name asc": ("name",),
    "name desc": ("-name",),
    "title asc": ("title", "name"),
    "title desc": ("-title", "name"),
    "title_string asc": ("title", "name"),
    "title_string desc": ("-title", "name"),
}
DEFAULT_SORT = "score desc, metadata_modified desc"


def _site() -> str:
    return settings.PUBLIC_URL


def _organization(department: Department, *, datasets: int | None = None) -> dict:
    out = {
        "id": str(department.code),
        "name": str(department.code),
        "title": department.name,
        "display_name": department.name,
        "description": department.functions,
        "type": "organization",
        "is_organization": True,
        "state": "active",
        "image_url": "",
        "approval_status": "approved",
        "created": department.created_at.isoformat() if getattr(department, "created_at", None) else None,
    }
    if datasets is not None:
        out["package_count"] = datasets
    return out


def _tag(tag: Tag) -> dict:
    return {"id": str(tag.pk), "name": tag.name, "display_name": tag.name, "state": "active", "vocabulary_id": None}


def _group(group: Group) -> dict:
    return {
        "id": group.name,
        "name": group.name,
        "title": group.title,
        "display_name": group.title,
        "description": group.description,
        "image_display_url": "",
    }


def _resource(file: DatasetFile, dataset: Dataset) -> dict:
    url = _site() + reverse_once("data:download", dataset.name, file.pk)
    return {
        "id": str(file.pk),
        "package_id": str(dataset.pk),
        "name": file.name,
        "description": file.description,
        "format": file.format,
        "url": url,
        "url_type": None,
        "mimetype": MIMETYPES[file.format],
        "created": file.created.isoformat(),
        "last_modified": dataset.modified.isoformat(),
        "position": file.position,
        "state": "active",
        "size": None,
        "downloads": file.downloads,
    }


def package(dataset: Dataset) -> dict:
    tags = [_tag(t) for t in dataset.tags.all()]
    files = [_resource(f, dataset) for f in dataset.files.all()]
    return {
        "id": str(dataset.pk),
        "name": dataset.name,
        "title": dataset.title,
        "notes": dataset.notes,
        "type": "dataset",
        "state": "active",
        "private": False,
        "isopen": True,
        "license_id": dataset.license_id,
        "license_title": dataset.license_title,
        "owner_org": str(dataset.organization.code),
        "organization": _organization(dataset.organization),
        "author": dataset.organization.name,
        "maintainer": dataset.organization.name,
        "url": _site() + reverse_once("data:dataset", dataset.name),
        "version": None,
        "metadata_created": dataset.created.isoformat(),
        "metadata_modified": dataset.modified.isoformat(),
        "tags": tags,
        "num_tags": len(tags),
        "groups": [_group(g) for g in dataset.groups.all()],
        "resources": files,
        "num_resources": len(files),
        "extras": [
            {"key": "update_frequency", "value": dataset.get_update_cycle_display()},
            {"key": "downloads", "value": str(dataset.downloads)},
        ],
    }


def _full():
    return published().select_related("organization").prefetch_related("tags", "groups", "files")


def _integer(params: dict, name: str, default: int, maximum: int) -> int:
    raw = params.get(name, default)
    if isinstance(raw, bool) or not isinstance(raw, int | str) or (isinstance(raw, str) and len(raw) > 12):
        raise invalid(**{name: ["Invalid integer"]})  # a JSON body may send Infinity, 1e400, a list …
    try:
        value = int(raw)
    except ValueError:
        raise invalid(**{name: ["Invalid integer"]}) from None
    if value < 0:
        raise invalid(**{name: ["Must be a natural number"]})
    if value > maximum:
        raise invalid(**{name: [f"Must be less than or equal to {maximum}"]})
    return value


def _matching(q: str) -> tuple[list[str], int] | None:
    """The datasets the site search finds for `q`, best first (its newest CANDIDATES matches, decision 0006), and
    how many match (counted up to COUNT_CAP + 1); None for a query that asks for every dataset."""
    q = q.strip()
    if not q or q == "*:*":
        return None
    query = parse(q[:200], kind=KIND)
    if query.empty:
        return [], 0
    engine = backends.backend()
    with connection.cursor() as cursor:
        ranked, total = engine.candidates(cursor, query)
        if total is None:
            total = len(ranked) if len(ranked) < backends.CANDIDATES else engine.count(cursor, query)
    ranked.sort(key=lambda pair: (-pair[1], -pair[0]))
    ids = dict(Entry.objects.filter(pk__in=[pk for pk, _score in ranked]).values_list("pk", "object_id"))
    return [ids[pk] for pk, _score in ranked if pk in ids], min(total, backends.COUNT_CAP)


def _page(ids: list, start: int, rows: int) -> list[Dataset]:
    by_id = {str(d.pk): d for d in _full().filter(pk__in=ids[start : start + rows])}
    return [by_id[str(pk)] for pk in ids[start : start + rows] if str(pk) in by_id]


def package_search(params: dict) -> dict:
    """CKAN's search. `q` runs through the site search (only published datasets are indexed), best match first
    unless a `sort` is asked for; its count is the search's, exact up to COUNT_CAP. `fq` filters by organization,
    tags, groups, res_format, license_id or name, and by time ranges (`_filtered`)."""
    rows = _integer(params, "rows", 10, ROWS_MAX)
    start = _integer(params, "start", 0, 10**9)
    sort = str(params.get("sort") or DEFAULT_SORT).strip()
    if sort != DEFAULT_SORT and sort not in SORTS:
        raise ActionError(409, "Search Query Error", f"Search error: invalid sort: {sort[:100]}")
    fq = str(params.get("fq") or "")
    datasets = filtered(published(), fq) if fq else published()
    matching = _matching(str(params.get("q") or ""))
    if matching is not None and not fq and sort == DEFAULT_SORT:
        ids, count = matching
        results = _page(ids, start, rows)
    else:
        if matching is not None:
            datasets = datasets.filter(pk__in=matching[0])
        count = datasets.count() if matching is not None or fq else sum(published_counts().values())
        ordering = SORTS.get(sort, ("-modified", "name"))
        if matching is not None and sort == DEFAULT_SORT:
            found = {str(pk) for pk in datasets.values_list("pk", flat=True)}
            ids = [pk for pk in matching[0] if pk in found]
        else:
            ids = list(datasets.order_by(*ordering).values_list("pk", flat=True)[start : start + rows])
            start = 0
        results = _page(ids, start, rows)
    return {
        "count": count,
        "sort": sort,
        "facets": {},
        "search_facets": {},
        "results": [package(d) for d in results],
    }


def _by_id_or_name(params: dict) -> Dataset:
    key = str(params.get("id") or params.get("name_or_id") or "").strip()
    if not key:
        raise invalid(id=["Missing value"])
    found = _full().filter(name=key[:100]).first()
    if found is None and (pk := _uuid(key)) is not None:
        found = _full().filter(pk=pk).first()
    if found is None:
        raise not_found()
    return found


def _uuid(key: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(key)
    except ValueError:
        return None


def _organizations(params: dict):
    departments = Department.objects.filter(pk__in=list(published_counts())).order_by("code")
    if str(params.get("all_fields", "")).lower() in ("true", "1"):
        return [_organization(d) for d in departments]
    return [str(d.code) for d in departments]


def _organization_show(params: dict) -> dict:
    key = str(params.get("id") or "").strip()
    if not key:
        raise invalid(id=["Missing value"])
    department = Department.objects.filter(code=key).first()
    if department is None:
        raise not_found("Organization not found")
    out = _organization(department, datasets=published_counts().get(department.pk, 0))
    if str(params.get("include_datasets", "")).lower() in ("true", "1"):
        out["packages"] = [package(d) for d in _full().filter(organization=department).order_by("name")[:LIST_MAX]]
    return out


def _resource_show(params: dict) -> dict:
    pk = _uuid(str(params.get("id") or "").strip()[:100])
    if pk is None:
        raise not_found("Resource was not found.")
    file = DatasetFile.objects.filter(pk=pk, dataset__state=Dataset.State.ACTIVE).select_related("dataset").first()
    if file is None:
        raise not_found("Resource was not found.")
    return _resource(file, file.dataset)


def _package_list(params: dict) -> list[str]:
    limit = _integer(params, "limit", LIST_MAX, LIST_MAX)
    offset = _integer(params, "offset", 0, 10**9)
    return list(published().order_by("name").values_list("name", flat=True)[offset : offset + limit])


def _tag_list(params: dict) -> list:
    tags = Tag.objects.filter(datasets__state=Dataset.State.ACTIVE).distinct().order_by("name")
    query = str(params.get("query") or "").strip()
    if query:
        tags = tags.filter(name__icontains=query)
    if str(params.get("all_fields", "")).lower() in ("true", "1"):
        return [_tag(t) for t in tags[:LIST_MAX]]
    return list(tags.values_list("name", flat=True)[:LIST_MAX])


def _group_list(params: dict) -> list:
    groups = Group.objects.order_by("name")
    if str(params.get("all_fields", "")).lower() in ("true", "1"):
        return [_group(g) for g in groups]
    return list(groups.values_list("name", flat=True))


def _status_show(params: dict) -> dict:
    return {
        "site_title": "政通开放数据",
        "site_description": "政务公共数据开放",
        "site_url": _site(),
        "ckan_version": CKAN_VERSION,
        "error_emails_to": None,
        "locale_default": "zh_Hans_CN",
        "extensions": ["zhengtong"],
    }


def _help_show(params: dict) -> str:
    name = str(params.get("name") or "")
    handler = ACTIONS.get(name)
    if handler is None:
        raise not_found(f"Action function not found: {name[:100]}")
    return (handler.__doc__ or name).strip()


ACTIONS = {
    "help_show": _help_show,
    "package_list": _package_list,
    "package_show": lambda params: package(_by_id_or_name(params)),
    "package_search": package_search,
    "organization_list": _organizations,
    "organization_show": _organization_show,
    "group_list": _group_list,
    "tag_list": _tag_list,
    "resource_show": _resource_show,
    "status_show": _status_show,
}


def _params(request) -> dict:
    params = {k: request.GET.get(k) for k in request.GET}
    if request.method == "POST" and request.body:
        try:
            body = json.loads(request.body)
        except (ValueError, RecursionError):
            raise ActionError(
                400, "Bad Request", "Bad request - JSON Error: could not parse the request body"
            ) from None
        if not isinstance(body, dict):
            raise ActionError(400, "Bad Request", "Bad request - JSON Error: request data must be a JSON object")
        params.update(body)
    return params


AUDIT_EVERY = 60  # seconds: one audit row per client and kind of error, so the open API cannot flood the log


def _audited(request, name: str, error: ActionError) -> None:
    """A malformed query is kept (who probes the API, and how), once a minute per client and kind of error; the
    query itself only as a keyed hash (a visitor may type a phone number into q)."""
    ip = client_ip(request) or ""
    kind = error.kind.replace(" ", "-")
    if not cache.add(f"zt:ckan:refused:{keyed_hash('ckan-client:', ip)}:{kind}", 1, AUDIT_EVERY):
        return
    with transaction.atomic():
        audit_record(
            action="sharing.ckan.refused",
            object_type="sharing.dataset",
            object_repr=name[:100],
            changes={
                "error": [None, error.kind],
                "query": [
                    None,
                    keyed_hash("ckan-query:", request.META.get("QUERY_STRING", "") + str(request.body[:2000])),
                ],
            },
        )


def api_version(request):
    """`/api/3`, which CKAN answers with the API's version: clients probe it to tell a CKAN."""
    return JsonResponse({"version": 3})


@csrf_exempt
def action(request, name: str):
    help_url = _site() + reverse_once("ckan_action", "help_show") + f"?name={name[:100]}"
    try:
        if request.method not in ("GET", "POST"):
            raise ActionError(400, "Bad Request", "Bad request - only GET and POST are allowed")
        handler = ACTIONS.get(name)
        if handler is None:
            raise ActionError(400, "Bad Request", f"Bad request - Action name not known: {name[:100]}")
        result = handler(_params(request))
    except ActionError as error:
        if error.status != 404:
            _audited(request, name, error)
        body = {"__type": error.kind, **error.fields}
        if error.message:
            body["message"] = error.message
        return JsonResponse({"help": help_url, "success": False, "error": body}, status=error.status)
    return JsonResponse(
        {"help": help_url, "success": True, "result": result}, json_dumps_params={"ensure_ascii": False}
    )
