"""The open-data portal (/data/): the datasets, each with its files made on download and counted, and the
catalogue as DCAT in JSON-LD for harvesters."""

from __future__ import annotations

import uuid
from collections import defaultdict

from django.conf import settings
from django.http import FileResponse, Http404, JsonResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from zhengtong.core.paging import page_of, pager_query
from zhengtong.core.reverse import reverse_once
from zhengtong.org.models import Department
from zhengtong.search.query import parse
from zhengtong.search.selectors import search

from . import opendata
from .models import Dataset, DatasetFile
from .opendata import published

PAGE_SIZE = 20
PREVIEW_ROWS = 10


def _page(request) -> int:
    raw = request.GET.get("page", "1")
    return max(int(raw), 1) if raw.isdecimal() and len(raw) < 7 else 1


def index(request):
    q = request.GET.get("q", "").strip()[:100]
    org = request.GET.get("org", "").strip()[:20]
    organizations = Department.objects.filter(pk__in=published().values("organization_id")).order_by(
        "sort_order", "code"
    )
    chosen = next((d for d in organizations if d.code == org), None)
    results = page = None
    if q:
        results = search(parse(q, kind=opendata.KIND, department=chosen.pk if chosen else None), page=_page(request))
    else:
        datasets = published().select_related("organization").order_by("-modified", "name")
        if chosen:
            datasets = datasets.filter(organization=chosen)
        page = page_of(datasets, PAGE_SIZE, request.GET.get("page"))
    return render(
        request,
        "sharing/data_index.html",
        {
            "q": q,
            "organizations": organizations,
            "chosen": chosen,
            "page": page,
            "results": results,
            "query": pager_query(request.GET),
        },
    )


def dataset(request, name: str):
    found = get_object_or_404(published().select_related("organization"), name=name)
    preview = list(opendata.rows(found, limit=PREVIEW_ROWS))
    return render(
        request,
        "sharing/data_dataset.html",
        {
            "dataset": found,
            "files": found.files.all(),
            "columns": opendata.columns(found),
            "preview": preview,
            "tags": found.tags.all(),
            "groups": found.groups.all(),
        },
    )


def download(request, name: str, file_id: str):
    try:
        key = uuid.UUID(file_id)
    except ValueError:
        raise Http404 from None
    file = DatasetFile.objects.filter(pk=key, dataset__name=name, dataset__state=Dataset.State.ACTIVE).first()
    if file is None:
        raise Http404
    found = file.dataset
    if request.method == "GET":  # a HEAD (a link checker) downloads nothing
        opendata.download_counted(file)
    if file.format == DatasetFile.Format.XLSX:
        return FileResponse(opendata.xlsx_file(found), as_attachment=True, filename=f"{found.name}.xlsx")
    if file.format == DatasetFile.Format.JSON:
        response = StreamingHttpResponse(opendata.json_parts(found), content_type="application/json; charset=utf-8")
        extension = "json"
    else:
        response = StreamingHttpResponse(opendata.csv_lines(found), content_type="text/csv; charset=utf-8")
        extension = "csv"
    response["Content-Disposition"] = f'attachment; filename="{found.name}.{extension}"'
    return response


DCAT_CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "hydra": "http://www.w3.org/ns/hydra/core#",
}
DCAT_PAGE = 100


_DCAT_COLUMNS = (
    "pk",
    "name",
    "title",
    "notes",
    "organization__name",
    "created",
    "modified",
    "license_id",
    "update_cycle",
)


def _dcat_dataset(found: dict, tags: list[str], files: list[tuple]) -> dict:
    base = settings.PUBLIC_URL + reverse_once("data:dataset", found["name"])
    return {
        "@id": base,
        "@type": "dcat:Dataset",
        "dct:identifier": str(found["pk"]),
        "dct:title": found["title"],
        "dct:description": found["notes"],
        "dct:publisher": {"@type": "foaf:Organization", "foaf:name": found["organization__name"]},
        "dct:issued": found["created"].isoformat(),
        "dct:modified": found["modified"].isoformat(),
        "dct:license": found["license_id"],
        "dct:accrualPeriodicity": _CYCLES.get(found["update_cycle"], found["update_cycle"]),
        "dcat:keyword": tags,
        "dcat:landingPage": base,
        "dcat:distribution": [
            {
                "@type": "dcat:Distribution",
                "dct:title": name,
                "dct:format": format_,
                "dcat:downloadURL": settings.PUBLIC_URL + reverse_once("data:download", found["name"], pk),
            }
            for pk, name, format_ in files
        ],
    }


_CYCLES = dict(Dataset._meta.get_field("update_cycle").flatchoices)


def catalog(request):
    """DCAT-AP's catalogue in JSON-LD, a hundred datasets a page (hydra:PagedCollection, as ckanext-dcat pages).
    It reads the columns it shows, each page's tags and files in one statement each, and its addresses from
    patterns reversed once (core/reverse): built from whole model rows, with a queryset made per dataset for its
    tags and its files, most of the page's time was Django's machinery, not its statements (decision 0020)."""
    page = _page(request)
    datasets = published().order_by("name").values(*_DCAT_COLUMNS)
    rows = list(datasets[(page - 1) * DCAT_PAGE : page * DCAT_PAGE + 1])
    shown = rows[:DCAT_PAGE]
    ids = [r["pk"] for r in shown]
    tags: dict = defaultdict(list)
    for dataset_id, name in (
        Dataset.tags.through.objects.filter(dataset_id__in=ids).order_by("pk").values_list("dataset_id", "tag__name")
    ):
        tags[dataset_id].append(name)
    files: dict = defaultdict(list)
    for dataset_id, *file in DatasetFile.objects.filter(dataset_id__in=ids).values_list(
        "dataset_id", "pk", "name", "format"
    ):
        files[dataset_id].append(file)
    url = settings.PUBLIC_URL + reverse("data:catalog")
    body = {
        "@context": DCAT_CONTEXT,
        "@id": url,
        "@type": "dcat:Catalog",
        "dct:title": "政通开放数据目录",
        "dct:publisher": {"@type": "foaf:Organization", "foaf:name": request_site_name()},
        "dcat:dataset": [_dcat_dataset(d, tags[d["pk"]], files[d["pk"]]) for d in shown],
        "hydra:view": {
            "@id": f"{url}?page={page}",
            "@type": "hydra:PartialCollectionView",
            **({"hydra:next": f"{url}?page={page + 1}"} if len(rows) > DCAT_PAGE else {}),
            **({"hydra:previous": f"{url}?page={page - 1}"} if page > 1 else {}),
        },
    }
    return JsonResponse(body, content_type="application/ld+json", json_dumps_params={"ensure_ascii": False})


def request_site_name() -> str:
    government = Department.objects.filter(depth=1).values_list("name", flat=True).first()
    return government or "政通"
