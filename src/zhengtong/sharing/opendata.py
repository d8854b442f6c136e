"""Open data: a dataset is made from a register's rows (its columns and row range) and published only when the
privacy guard finds nothing a reader would see: no personal column, and no personal data in its title,
description, tags or any cell. Its files (CSV, JSON, XLSX) are made on download (the XLSX kept, see
`xlsx_file`) and counted."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import tempfile
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import Count, F
from django.urls import reverse
from django.utils import timezone

from zhengtong import privacy
from zhengtong.audit.services import audit_record
from zhengtong.core.errors import PermissionDenied, refuse, refuse_on
from zhengtong.core.excel import xlsx_bytes
from zhengtong.org.access import works_in
from zhengtong.privacy.names import surname_length
from zhengtong.search import registry as search_registry
from zhengtong.search.services import Document, document_index, document_unindex

from . import errors
from .models import Dataset, DatasetFile, DatasetRow, Tag
from .registers import SPECS
from .tables import Table, read_table

KIND, KIND_LABEL = "dataset", "开放数据"
CHUNK = 2000


def columns(dataset: Dataset) -> list[tuple[str, str]]:
    """(key, heading) of each column the public reads: a register's columns by their labels, an uploaded table's
    headings as they were written."""
    if not dataset.register:
        return [(heading, heading) for heading in dataset.columns]
    spec = SPECS[dataset.register]
    return [(key, spec.column(key).label) for key in dataset.columns if spec.column(key)]


def rows(dataset: Dataset, limit: int | None = None) -> Iterator[dict]:
    """The dataset's rows as the public reads them: the first `limit` of them (a page's preview), or all of them
    CHUNK at a time, each chunk read after the last key of the one before (a register may hold millions).
    Not a server-side cursor: outside a transaction PostgreSQL holds its cursor by running the whole query
    before the first row, so a download of a million-row register waited a second for its first byte, and a
    preview read through one was planned to read a tenth of the register (decision 0020)."""
    if not dataset.register:
        yield from _table_rows(dataset, limit)
        return
    spec = SPECS[dataset.register]
    keys = [k for k, _label in columns(dataset)]
    matching = spec.matching(dataset.row_filter, keys)  # in key order
    if limit is not None:
        yield from spec.read(matching[:limit], keys)
        return
    chunk = list(matching[:CHUNK])
    while chunk:
        yield from spec.read(chunk, keys)
        chunk = list(matching.filter(pk__gt=chunk[-1].pk)[:CHUNK]) if len(chunk) == CHUNK else []


def _table_rows(dataset: Dataset, limit: int | None) -> Iterator[dict]:
    """An uploaded table's rows, read as a register's are: CHUNK at a time after the last key."""
    headings, last, left = dataset.columns, 0, limit
    while left is None or left > 0:
        size = CHUNK if left is None else min(CHUNK, left)
        chunk = list(
            DatasetRow.objects.filter(dataset=dataset, pk__gt=last).order_by("pk").values_list("pk", "values")[:size]
        )
        yield from (dict(zip(headings, values, strict=False)) for _pk, values in chunk)
        if len(chunk) < size:
            return
        last, left = chunk[-1][0], None if left is None else left - len(chunk)


def findings(dataset: Dataset) -> list[str]:
    """What keeps the dataset from publication: the personal columns it names and each kind of personal data
    the scan finds in what the public would read."""
    found: list[str] = []
    if dataset.register:  # an uploaded table's columns are only headings: its cells are read below
        spec = SPECS[dataset.register]
        for key in dataset.columns:
            column = spec.column(key)
            if column is None or column.personal:
                found.append(str(errors.DATASET_COLUMN[1]) % {"label": column.label if column else key})
    kinds: set[str] = set()
    headings = dataset.columns if not dataset.register else []
    texts = [dataset.name, dataset.title, dataset.notes, *dataset.tags.values_list("name", flat=True), *headings]
    # the providing department's own telephone and address are printed on purpose, as everywhere else
    own = frozenset(dataset.organization.own_contacts())
    for text in texts:
        kinds.update(str(f.kind.label) for f in privacy.scan(text or "", allow=own))
    if not found:
        labels = {key: _reading_label(label) for key, label in columns(dataset)}
        for row in rows(dataset):
            row = {key: _as_read(value) for key, value in row.items()}
            # the row as a reader reads it, its cells after their headings: a door spread over columns (小区, 幢,
            # 单元, 室) is one address, which no cell holds alone
            read = "，".join(f"{labels.get(key, '')}：{value}" for key, value in row.items() if value)
            kinds.update(str(f.kind.label) for f in privacy.scan(read, allow=own) if f.kind == privacy.Kind.ADDRESS)
            for key, value in row.items():
                if value:
                    # under its heading, as a reader reads the table: 王　芳 under 姓名 is a name, a number under
                    # 身份证号 an ID number whatever its check digit
                    kinds.update(str(f.kind.label) for f in privacy.scan(f"{labels.get(key, '')}：{value}", allow=own))
                    if labels.get(key) == "姓名" and (_someone(value) or _named(value)):
                        kinds.add(str(privacy.Kind.NAME.label))
                    said = _CONTACT.get(labels.get(key, ""))
                    if said is not None and value.strip() not in own and said[1].search(value):
                        kinds.add(str(said[0].label))
    if kinds:
        found.append(str(errors.DATASET_PRIVATE[1]) % {"kinds": "、".join(sorted(kinds))})
    return found


def _as_read(value) -> str:
    """A cell as the public reads it: a workbook's number (601, 86781234) is text on the page as any other cell."""
    if isinstance(value, bool) or value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return value if isinstance(value, str) else str(value)


PERSON_HEADING = re.compile(
    r"(?:人|者|员|人员|姓名|名字|名单|户主|人名|签名|签字)$|姓名|人名|^(?:[Nn]ame|NAME|[Ff]ull [Nn]ame)$"
)
# What qualifies a heading, not what it names: 姓名（户主） is a column of names, 姓名/Name and 联系人Contact too.
_QUALIFIER = re.compile(r"[（(][^（()）]*[）)]|\s*/.*$|(?<=[\u4e00-\u9fa5])\s*[A-Za-z][A-Za-z .]*$")
# Headings that say what their cells are: any account under 微信, any number under 宅电, any door under 房号.
_CONTACT = {
    **dict.fromkeys(("微信", "微信号", "QQ", "qq", "QQ号", "支付宝"), (privacy.Kind.ACCOUNT, re.compile(r"\w"))),
    **dict.fromkeys(
        ("电话", "宅电", "座机", "固话", "手机", "手机号", "手机号码", "联系电话", "联系方式"),
        (privacy.Kind.LANDLINE, re.compile(r"\d(?:[ -]?\d){6,}")),
    ),
    **dict.fromkeys(
        ("房号", "门牌", "门牌号", "住址", "家庭住址", "居住地址", "户籍地址", "现住址"),
        (privacy.Kind.ADDRESS, re.compile(r"\d")),
    ),
}
# A cell under a heading of people that is a role or an office, not someone (网格员, 带班领导, 办公室).
_ROLE_ENDINGS = frozenset("员长导人者任记部办科组处局委队站所")
_NAME_CELL = re.compile(r"[\u4e00-\u9fa5]{2,4}")


def _named(value: str) -> bool:
    """A column of people is a list of them, whether or not a name is also a word (文静, 江山, 高峰): a surname and
    one to three characters that no role or office ends with."""
    value = value.strip()
    if not _NAME_CELL.fullmatch(value) or "某" in value:
        return False
    surname = surname_length(value)
    return bool(surname) and len(value) > surname and value[-1] not in _ROLE_ENDINGS


# A person written in Latin letters or with a middle dot under a heading that names people (John Smith, 阿卜杜拉·
# 买买提): the name reader knows Chinese names by their surnames and reads those under 姓名 already; a column of
# people is a list of them whatever their names look like. A masked value (Smith*) is not one.
_SOMEONE = re.compile(r"(?=.*[A-Za-z·•])[\u4e00-\u9fa5A-Za-z][\u4e00-\u9fa5A-Za-z·•.' -]{1,39}")


def _someone(value: str) -> bool:
    return bool(_SOMEONE.fullmatch(value.strip()))


def _reading_label(heading: str) -> str:
    """The label a cell is read under: its heading without its qualifiers, or 姓名 where the heading names people
    (值班人员, 接种者, 获奖名单, 姓名（户主）), whose cells are names however the heading words it."""
    heading = _QUALIFIER.sub("", heading).strip() or heading
    return "姓名" if PERSON_HEADING.search(heading) else heading


def _require_staff(dataset: Dataset, by) -> None:
    if not works_in(by, dataset.organization_id):
        raise refuse(errors.NOT_PROVIDER, PermissionDenied)


NAME = re.compile(r"[a-z0-9][a-z0-9_-]{1,99}")
TAGS = re.compile(r"[,，、;；]+")


def _name_refused(name: str):
    """CKAN finds a dataset by name before id (package_show), so a name shaped as a UUID could answer for another
    dataset's id."""
    if not NAME.fullmatch(name or ""):
        return refuse_on("name", errors.DATASET_NAME)
    try:
        uuid.UUID(name)
    except ValueError:
        return None
    return refuse_on("name", errors.DATASET_NAME)


def dataset_create(
    *, by, organization, title: str, name: str, notes: str, license_id: str, update_cycle: str, tags: str, table
) -> Dataset:
    """A draft dataset from an uploaded table (`table`: its file name and bytes, tables.read_table): opened later
    by `dataset_publish`, past the guard, as one made from a register. The table is read before the transaction
    opens, each row kept as one JSON string, and inserted CHUNK rows at a time."""
    if not works_in(by, getattr(organization, "pk", organization)):
        raise refuse(errors.NOT_PROVIDER, PermissionDenied)
    if refusal := _name_refused(name):
        raise refusal
    read = read_table(*table)
    fields = dict(
        organization=organization, title=title, name=name, notes=notes, license_id=license_id, update_cycle=update_cycle
    )
    return _dataset_stored(fields, tags, read)


@transaction.atomic(durable=True)
def _dataset_stored(fields: dict, tags: str, read: Table) -> Dataset:
    try:
        with transaction.atomic():  # two uploads naming one dataset at once: the index refuses the second
            dataset = Dataset.objects.create(columns=read.headings, **fields)
    except IntegrityError:
        raise refuse_on("name", errors.DATASET_NAME_TAKEN, name=fields["name"]) from None
    for start in range(0, len(read.rows), CHUNK):
        cells = read.cells(start, start + CHUNK)
        DatasetRow.objects.bulk_create(DatasetRow(dataset=dataset, values=row) for row in cells)
    words = [w.strip() for w in TAGS.split(tags or "") if w.strip()]
    dataset.tags.set([Tag.objects.get_or_create(name=w[:100])[0] for w in dict.fromkeys(words)])
    audit_record(
        action="sharing.dataset.create",
        obj=dataset,
        changes={"table": [None, f"{len(read.headings)} 列 × {len(read.rows)} 行"], "state": [None, dataset.state]},
    )
    return dataset


@transaction.atomic
def dataset_publish(*, dataset: Dataset, by) -> Dataset:
    """开放: refused, with what was found written on the dataset, when the guard finds personal data."""
    _require_staff(dataset, by)
    dataset = Dataset.objects.select_for_update().get(pk=dataset.pk)
    found = findings(dataset)
    if found:
        dataset.refusal = "；".join(found)
        dataset.save(update_fields=["refusal"])
        audit_record(action="sharing.dataset.refused", obj=dataset, changes={"refusal": [None, dataset.refusal]})
        return dataset
    dataset.state, dataset.refusal, dataset.modified = Dataset.State.ACTIVE, "", timezone.now()
    dataset.save(update_fields=["state", "refusal", "modified"])
    if not dataset.files.exists():
        DatasetFile.objects.bulk_create(
            DatasetFile(dataset=dataset, name=f"{dataset.title}（{fmt}）", format=fmt, position=i)
            for i, fmt in enumerate(DatasetFile.Format.values)
        )
    audit_record(action="sharing.dataset.publish", obj=dataset, changes={"state": [None, dataset.state]})
    transaction.on_commit(lambda: document_index(search_document(dataset)))
    transaction.on_commit(forget_counts)
    return dataset


@transaction.atomic
def dataset_withdraw(*, dataset: Dataset, by) -> Dataset:
    _require_staff(dataset, by)
    dataset.state, dataset.modified = Dataset.State.WITHDRAWN, timezone.now()
    dataset.save(update_fields=["state", "modified"])
    audit_record(action="sharing.dataset.withdraw", obj=dataset, changes={"state": [None, dataset.state]})
    transaction.on_commit(lambda: document_unindex(KIND, dataset.pk))
    transaction.on_commit(lambda: forget_workbooks(dataset))
    transaction.on_commit(forget_counts)
    return dataset


@transaction.atomic
def dataset_recheck(*, dataset: Dataset) -> Dataset:
    """The guard again on what the register holds now (its rows change after publication): a finding closes the
    dataset, written on it and audited, until its staff review and publish it again."""
    dataset = Dataset.objects.select_for_update().get(pk=dataset.pk)
    found = findings(dataset) if dataset.state == Dataset.State.ACTIVE else []
    if found:
        dataset.state, dataset.refusal, dataset.modified = Dataset.State.DRAFT, "；".join(found), timezone.now()
        dataset.save(update_fields=["state", "refusal", "modified"])
        audit_record(action="sharing.dataset.closed", obj=dataset, changes={"refusal": [None, dataset.refusal]})
        transaction.on_commit(lambda: document_unindex(KIND, dataset.pk))
        transaction.on_commit(lambda: forget_workbooks(dataset))
        transaction.on_commit(forget_counts)
    return dataset


def download_counted(file: DatasetFile) -> None:
    DatasetFile.objects.filter(pk=file.pk).update(downloads=F("downloads") + 1)
    Dataset.objects.filter(pk=file.dataset_id).update(downloads=F("downloads") + 1)


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?\d+(?:\.\d+)?")


def _inert(value):
    """A cell a spreadsheet would run as a formula when it opens the CSV (=, +, -, @ first: CSV injection) goes
    out with a leading apostrophe, which spreadsheets read as "text"; a signed number stays a number."""
    if isinstance(value, str) and value.startswith(_FORMULA_START) and not _NUMBER.fullmatch(value):
        return "'" + value
    return value


def csv_lines(dataset: Dataset) -> Iterator[str]:
    heads = columns(dataset)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    buffer.write("\ufeff")  # Excel opens UTF-8 CSV as such only with the BOM
    writer.writerow([_inert(label) for _key, label in heads])
    yield buffer.getvalue()  # the headings leave before the first chunk of rows is read
    buffer.seek(0)
    buffer.truncate()
    for row in rows(dataset):
        writer.writerow([_inert(row[key]) for key, _label in heads])
        if buffer.tell() > 64 * 1024:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def json_parts(dataset: Dataset) -> Iterator[str]:
    yield '{"fields":' + json.dumps([{"id": k, "title": t} for k, t in columns(dataset)], ensure_ascii=False)
    yield ',"records":['
    for i, row in enumerate(rows(dataset)):
        yield ("," if i else "") + json.dumps(row, ensure_ascii=False, default=str)
    yield "]}"


XLSX_KEPT_SECONDS = 3600


def _workbooks() -> Path:
    folder = settings.VAR_DIR / "opendata"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def xlsx_file(dataset: Dataset) -> BinaryIO | Iterator[bytes]:
    """The workbook, written row by row as the staff's exports are (core/excel.xlsx_bytes: a register-sized
    dataset is never held in memory, and no text cell is a formula) and kept under var/opendata/: the kept
    file when there is a fresh one, else the bytes as they are written, sent and written to the file together
    (writing a million rows took minutes of a web worker, which every download paid; the CSV and JSON are
    only read and sent). The file is written again after an hour (the register's rows change without the
    dataset: the XLSX follows them within the hour) and when the dataset changes; the one before is removed,
    and a withdrawn or closed dataset's with it."""
    kept = _workbooks() / f"{dataset.pk}-{dataset.modified:%Y%m%d%H%M%S%f}.xlsx"
    if kept.exists() and time.time() - kept.stat().st_mtime <= XLSX_KEPT_SECONDS:
        return kept.open("rb")
    return _written_and_sent(dataset, kept)


def _written_and_sent(dataset: Dataset, kept: Path) -> Iterator[bytes]:
    part = tempfile.NamedTemporaryFile(dir=kept.parent, suffix=".part", delete=False)
    try:
        with part:
            for chunk in xlsx_bytes(dataset.title, columns(dataset), rows(dataset)):
                part.write(chunk)
                yield chunk
        os.replace(part.name, kept)  # whole or not at all, whoever reads it meanwhile; not if the reader left
    finally:
        Path(part.name).unlink(missing_ok=True)
    forget_workbooks(dataset, keep=kept)


def forget_workbooks(dataset: Dataset, keep: Path | None = None) -> None:
    for old in _workbooks().glob(f"{dataset.pk}-*.xlsx"):
        if old != keep:
            old.unlink(missing_ok=True)


def search_document(dataset: Dataset) -> Document:
    tags = " ".join(dataset.tags.values_list("name", flat=True))
    return Document(
        kind=KIND,
        kind_label=KIND_LABEL,
        object_id=str(dataset.pk),
        title=dataset.title,
        text=f"{dataset.notes}\n{tags}",
        url=reverse("data:dataset", args=[dataset.name]),
        department_id=dataset.organization_id,
        department_name=dataset.organization.name,
        published_at=dataset.modified,
    )


def published():
    """The open datasets: the only ones any public page, file, search entry or API shows."""
    return Dataset.objects.filter(state=Dataset.State.ACTIVE)


COUNTS_KEY, COUNTS_TTL = "zt:opendata:published-counts:v1", 300


def published_counts() -> dict[int, int]:
    """How many open datasets each organization has, kept in the shared cache: the CKAN actions' counts
    (package_search's total, organization_list, organization_show) counted every published dataset on each call
    and grew with the table (decision 0020). Forgotten when a publication or a withdrawal commits
    (`forget_counts`); otherwise kept COUNTS_TTL seconds, which also bounds how long a count read while a
    publication committed can be kept."""
    return cache.get_or_set(
        COUNTS_KEY,
        lambda: dict(published().order_by().values_list("organization_id").annotate(n=Count("pk"))),
        COUNTS_TTL,
    )


def forget_counts() -> None:
    cache.delete(COUNTS_KEY)


def register_search() -> None:
    search_registry.register(
        KIND,
        count=lambda: published().count(),
        documents=lambda: (
            search_document(d) for d in published().select_related("organization").iterator(chunk_size=500)
        ),
    )
