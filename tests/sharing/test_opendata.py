"""Open data (/data/): a dataset is published only when the privacy guard finds nothing the public would read
(DOMAIN.md §2, §6: open datasets pass the publishing guard); its files are made on download and counted; the
catalogue is offered as DCAT in JSON-LD."""

from __future__ import annotations

import json

import pytest

from zhengtong.core.errors import PermissionDenied
from zhengtong.search.models import Entry
from zhengtong.sharing.models import Dataset, Register, Tag
from zhengtong.sharing.opendata import dataset_publish


def make_dataset(registers, name="legal-persons", columns=("uscc", "name", "status", "district"), **extra) -> Dataset:
    values = {
        "name": name,
        "title": "北仑区法人单位名录",
        "notes": "在北仑区登记的法人单位的名称、代码和登记状态。",
        "organization": registers["A"],
        "update_cycle": "daily",
        "register": Register.LEGAL_PERSON,
        "columns": list(columns),
        "row_filter": {"district": "北仑区"},
    }
    values.update(extra)
    return Dataset.objects.create(**values)


@pytest.fixture
def published(registers, lisi, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return dataset_publish(dataset=make_dataset(registers), by=lisi)


def test_a_dataset_with_a_personal_column_is_not_opened(registers, lisi):
    found = dataset_publish(dataset=make_dataset(registers, columns=("uscc", "legal_representative")), by=lisi)
    assert found.state == Dataset.State.DRAFT and "法定代表人" in found.refusal


def test_personal_data_in_the_description_keeps_a_dataset_closed(registers, lisi):
    found = dataset_publish(dataset=make_dataset(registers, notes="联系人手机 13805746789"), by=lisi)
    assert found.state == Dataset.State.DRAFT and "个人信息" in found.refusal


def test_only_the_organizations_staff_publish(registers, wangwu):
    with pytest.raises(PermissionDenied):
        dataset_publish(dataset=make_dataset(registers), by=wangwu)


def test_a_published_dataset_is_searchable_and_its_files_are_counted(client, published):
    assert published.state == Dataset.State.ACTIVE and published.files.count() == 3
    assert Entry.objects.filter(kind="dataset", object_id=str(published.pk)).exists()
    page = client.get("/data/legal-persons/").content.decode()
    assert "宁波港城贸易有限公司" in page and "宁波甬江食品有限公司" not in page  # the row range holds
    csv_file = published.files.get(format="CSV")
    body = b"".join(client.get(f"/data/legal-persons/resources/{csv_file.pk}/download").streaming_content)
    assert "统一社会信用代码" in body.decode("utf-8-sig") and "王小明" not in body.decode("utf-8-sig")
    json_file = published.files.get(format="JSON")
    records = json.loads(
        b"".join(client.get(f"/data/legal-persons/resources/{json_file.pk}/download").streaming_content)
    )
    assert [r["name"] for r in records["records"]] == ["宁波港城贸易有限公司"]
    xlsx = published.files.get(format="XLSX")
    assert client.get(f"/data/legal-persons/resources/{xlsx.pk}/download").status_code == 200
    published.refresh_from_db()
    assert published.downloads == 3
    assert "宁波港城" in client.get("/data/", {"q": "法人单位"}).content.decode() or Entry.objects.exists()


def test_a_draft_is_not_public(client, registers):
    draft = make_dataset(registers)
    assert client.get(f"/data/{draft.name}/").status_code == 404


def test_the_catalogue_is_dcat_json_ld(client, published):
    body = client.get("/data/catalog.jsonld").json()
    assert body["@type"] == "dcat:Catalog"
    dataset = body["dcat:dataset"][0]
    assert dataset["dct:title"] == "北仑区法人单位名录" and len(dataset["dcat:distribution"]) == 3


def test_the_catalogues_addresses_lead_to_the_dataset_and_its_files(client, published):
    """The catalogue fills each row's addresses from ones reversed once a page: each must be the route's own."""
    from urllib.parse import urlparse

    Dataset.objects.filter(pk=published.pk).update(name="zt-file-id-zt-dataset-name")  # the slots' own text
    published.tags.add(Tag.objects.create(name="法人"))
    dataset = client.get("/data/catalog.jsonld").json()["dcat:dataset"][0]
    assert client.get(urlparse(dataset["dcat:landingPage"]).path).status_code == 200
    assert (
        dataset["dcat:keyword"] == ["法人"]
        and dataset["dct:accrualPeriodicity"] == published.get_update_cycle_display()
    )
    for distribution in dataset["dcat:distribution"]:
        assert client.get(urlparse(distribution["dcat:downloadURL"]).path).status_code == 200


def test_a_row_added_after_publication_with_personal_data_closes_the_dataset(published, registers):
    """The nightly recheck runs the guard on what the register holds now."""
    from zhengtong.sharing.models import LegalPerson
    from zhengtong.sharing.opendata import dataset_recheck

    assert dataset_recheck(dataset=published).state == Dataset.State.ACTIVE
    LegalPerson.objects.filter(district="北仑区").update(name="联系人王小明手机13805746789")
    closed = dataset_recheck(dataset=published)
    assert closed.state == Dataset.State.DRAFT and "个人信息" in closed.refusal


def test_the_workbook_is_written_once_and_served_to_every_download(
    client, published, lisi, settings, tmp_path, monkeypatch, django_capture_on_commit_callbacks
):
    """Issue 26: writing a register-sized workbook on every download took minutes of a web worker. It is written
    once, kept an hour, and a changed dataset gets a new one."""
    import io

    from openpyxl import load_workbook

    from zhengtong.sharing import opendata

    settings.VAR_DIR = tmp_path
    written = []
    build = opendata.xlsx_bytes
    monkeypatch.setattr(opendata, "xlsx_bytes", lambda *a: written.append(1) or build(*a))
    xlsx = published.files.get(format="XLSX")
    url = f"/data/legal-persons/resources/{xlsx.pk}/download"
    first, second = (b"".join(client.get(url).streaming_content) for _ in range(2))
    assert first == second and len(written) == 1
    assert load_workbook(io.BytesIO(first)).active["B2"].value == "宁波港城贸易有限公司"
    published.modified = published.modified.replace(year=published.modified.year + 1)
    published.save(update_fields=["modified"])
    b"".join(client.get(url).streaming_content)
    assert len(written) == 2 and len(list((tmp_path / "opendata").iterdir())) == 1  # the old version is gone
    with django_capture_on_commit_callbacks(execute=True):
        opendata.dataset_withdraw(dataset=published, by=lisi)
    assert list((tmp_path / "opendata").iterdir()) == []  # nothing of a withdrawn dataset is kept


def test_the_preview_reads_its_ten_rows_by_limit_not_a_chunk_of_the_register(client, published):
    """Issue 26: the page's preview was the first ten rows of a chunked read of the whole register, which read
    most of it; the preview is read with its own LIMIT, whatever the register holds."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        page = client.get("/data/legal-persons/")
    assert page.status_code == 200 and "宁波港城贸易有限公司" in page.content.decode()
    register_reads = [q["sql"] for q in queries.captured_queries if "sharing_legalperson" in q["sql"]]
    assert register_reads and all("LIMIT 10" in sql for sql in register_reads)


def test_a_cell_that_looks_like_a_formula_is_text_in_the_open_workbook(client, registers, published):
    """A register's text goes to the public as it is: "=HYPERLINK(...)" in a name must not become a formula in
    the workbook a visitor opens (it is written as the staff's exports are, core/excel.xlsx_bytes)."""
    import io

    from openpyxl import load_workbook

    from zhengtong.sharing.models import LegalPerson

    LegalPerson.objects.filter(name="宁波港城贸易有限公司").update(name='=HYPERLINK("http://x.example","点击")')
    xlsx = published.files.get(format="XLSX")
    body = b"".join(client.get(f"/data/legal-persons/resources/{xlsx.pk}/download").streaming_content)
    sheet = load_workbook(io.BytesIO(body)).active
    names = [row[1] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert names == ['=HYPERLINK("http://x.example","点击")']
    assert sheet.cell(2, 2).data_type == "s"


def test_a_download_reads_the_register_a_chunk_at_a_time_after_the_last_key(registers, published, monkeypatch):
    """Issue 26: a server-side cursor outside a transaction is held by running the whole query before the first
    row (a second at a million rows); each chunk is read after the last key of the one before instead."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from zhengtong.sharing import opendata
    from zhengtong.sharing.models import LegalPerson

    source = LegalPerson.objects.first().source
    for i in range(3):
        LegalPerson.objects.create(uscc=f"91330206MA2E{i:05d}X", name=f"北仑公司{i}", district="北仑区", source=source)
    monkeypatch.setattr(opendata, "CHUNK", 2)
    with CaptureQueriesContext(connection) as read:
        names = [row["name"] for row in opendata.rows(published)]
    expected = list(LegalPerson.objects.filter(district="北仑区").order_by("pk").values_list("name", flat=True))
    assert names == expected and len(names) == 4
    reads = [q["sql"] for q in read.captured_queries if "sharing_legalperson" in q["sql"]]
    assert len(reads) == 3 and all("LIMIT 2" in sql for sql in reads)  # the third finds the end


def test_a_csv_download_sends_its_headings_before_it_reads_the_register(published, django_assert_num_queries):
    from zhengtong.sharing import opendata

    parts = opendata.csv_lines(published)
    with django_assert_num_queries(0):
        first = next(parts)
    assert first == "\ufeff统一社会信用代码,名称,登记状态,所属区县\r\n" and "宁波港城贸易有限公司" in "".join(parts)
