"""Cataloguing (编目): a provider department's staff add and edit its resources; each edit keeps the version it
replaced. The whole catalogue goes out to Excel and comes back in with row-level errors, nothing half-imported."""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.forms.models import model_to_dict
from django.utils import timezone

from zhengtong.audit.services import audit_record
from zhengtong.core.errors import PermissionDenied, ZtError, refuse, refuse_on
from zhengtong.org.access import works_in
from zhengtong.org.models import Department

from .. import errors
from ..models import DataType, Grant, Register, Resource, ResourceItem, ResourceVersion, ShareClass
from ..models.catalogue import OpenClass, ResourceFormat, ShareMethod, UpdateCycle
from ..registers import SPECS
from ..tables import MAX_COLUMNS, bounded_rows

FIELDS = [
    "code",
    "name",
    "category_class",
    "category_item",
    "category_section",
    "category_detail",
    "summary",
    "format",
    "share_class",
    "share_condition",
    "share_basis",
    "share_method",
    "open_class",
    "update_cycle",
    "published_on",
    "register",
]
REQUIRED = ("code", "name", "category_class", "summary", "format", "share_class", "share_method", "update_cycle")
CHOICES = {
    "format": ResourceFormat,
    "share_class": ShareClass,
    "share_method": ShareMethod,
    "open_class": OpenClass,
    "update_cycle": UpdateCycle,
    "register": Register,
}


def _label(name: str) -> str:
    return str(Resource._meta.get_field(name).verbose_name)


def _snapshot(resource: Resource) -> dict:
    data = model_to_dict(resource, fields=FIELDS)
    data["published_on"] = resource.published_on.isoformat()
    data["provider"] = resource.provider_id
    data["items"] = [[i.key, i.name, i.data_type] for i in resource.items.all()]
    return data


def _clean(values: dict) -> dict:
    cleaned = {}
    for name in FIELDS:
        value = values.get(name, "")
        if name == "published_on":
            if not isinstance(value, dt.date):
                raise refuse_on(name, ("SHARING_FIELD_INVALID", "“发布日期”应为日期，如 2026-12-01。"))
        else:
            value = str(value or "").strip()
            if name in REQUIRED and not value:
                raise refuse_on(name, ("SHARING_FIELD_REQUIRED", f"请填写“{_label(name)}”。"))
            limit = Resource._meta.get_field(name).max_length
            if limit and len(value) > limit:
                raise refuse_on(name, ("SHARING_FIELD_TOO_LONG", f"“{_label(name)}”不能超过{limit}个字。"))
            if name in CHOICES and value and value not in CHOICES[name].values:
                raise refuse_on(name, ("SHARING_FIELD_INVALID", f"“{_label(name)}”的取值“{value[:20]}”无效。"))
        cleaned[name] = value
    if cleaned["share_class"] == ShareClass.NONE and not cleaned["share_basis"]:
        raise refuse_on("share_basis", errors.BASIS_REQUIRED)
    cleaned["open_class"] = cleaned["open_class"] or OpenClass.CLOSED
    return cleaned


def _items(register: str, items) -> list[tuple[str, str, str]]:
    spec = SPECS.get(register)
    out, seen = [], set()
    for key, name, data_type in items:
        key, name = str(key).strip(), str(name).strip()
        if not key or not name or key in seen:
            raise refuse_on("items", ("SHARING_ITEMS_INVALID", "每个“信息项”须有标识和名称，标识不能重复。"))
        if spec and spec.column(key) is None:
            raise refuse_on("items", errors.ITEM_UNKNOWN, key=key[:40], register=Register(register).label)
        if data_type not in DataType.values:
            raise refuse_on("items", ("SHARING_ITEMS_INVALID", f"信息项 {key} 的数据类型“{data_type}”无效。"))
        seen.add(key)
        out.append((key, name, data_type))
    if not out:
        raise refuse_on("items", errors.FIELDS_REQUIRED)
    return out


def _keep_granted(resource: Resource, register: str, keys: set[str]) -> None:
    """A live grant reads the resource as granted: its register stays, and no item it names is removed (revoke the
    grant first)."""
    live = Grant.objects.filter(resource=resource, state=Grant.State.ACTIVE, expires_on__gte=timezone.localdate())
    used = {k for fields, rows in live.values_list("fields", "row_filter") for k in [*fields, *rows]}
    if used and register != resource.register:
        raise refuse_on("register", errors.IN_USE, keys="、".join(sorted(used)))
    if used - keys:
        raise refuse_on("items", errors.IN_USE, keys="、".join(sorted(used - keys)))


@transaction.atomic
def resource_save(*, by, provider, values: dict, items, resource: Resource | None = None) -> Resource:
    """Create a resource, or replace one's fields and items as a new version (the old one kept)."""
    department_id = getattr(provider, "pk", provider)
    if not works_in(by, department_id) or (resource is not None and resource.provider_id != department_id):
        raise refuse(errors.NOT_PROVIDER_EDIT, PermissionDenied)
    cleaned = _clean(values)
    rows = _items(cleaned["register"], items)
    if Resource.objects.filter(code=cleaned["code"]).exclude(pk=getattr(resource, "pk", None)).exists():
        raise refuse_on("code", errors.CODE_TAKEN, code=cleaned["code"][:40])
    before = None
    if resource is None:
        resource = Resource(provider_id=department_id)
    else:
        resource = Resource.objects.select_for_update().get(pk=resource.pk)
        _keep_granted(resource, cleaned["register"], {k for k, _n, _t in rows})
        before = _snapshot(resource)
        if before == {
            **before,
            **cleaned,
            "items": [list(r) for r in rows],
            "published_on": str(cleaned["published_on"]),
        }:
            return resource  # nothing changed: no new version (a catalogue imported again as it was)
        ResourceVersion.objects.create(resource=resource, version=resource.version, snapshot=before, saved_by=by)
        resource.version += 1
    for name, value in cleaned.items():
        setattr(resource, name, value)
    resource.updated_by = by
    try:
        with transaction.atomic():
            resource.save()
    except IntegrityError as error:
        raise refuse_on("code", errors.CODE_TAKEN, code=cleaned["code"][:40]) from error
    resource.items.all().delete()
    ResourceItem.objects.bulk_create(
        ResourceItem(resource=resource, key=k, name=n, data_type=t, sort_order=i) for i, (k, n, t) in enumerate(rows)
    )
    after = _snapshot(resource)
    changes = {k: [before.get(k) if before else None, v] for k, v in after.items() if not before or before.get(k) != v}
    audit_record(action="sharing.resource.save", obj=resource, changes=changes)
    return resource


# --- Excel ------------------------------------------------------------------------------------------------------

COLUMNS = (
    [(name, _label(name)) for name in FIELDS[:6]]
    + [("provider", "提供方机构编码")]
    + [(name, _label(name)) for name in FIELDS[6:]]
    + [("items", "信息项（标识:名称:类型，每行一项）")]
)


def export_row(resource: Resource) -> dict:
    row = {name: getattr(resource, name) for name in FIELDS}
    for name, choices in CHOICES.items():
        row[name] = choices(row[name]).label if row[name] else ""
    row["provider"] = resource.provider.code
    row["items"] = "\n".join(f"{i.key}:{i.name}:{i.data_type}" for i in resource.items.all())
    return row


def _parse(raw: dict) -> tuple[dict, list]:
    values = dict(raw)
    for name, choices in CHOICES.items():
        text = str(values.get(name) or "").strip()
        by_label = {str(label): value for value, label in choices.choices}
        values[name] = by_label.get(text, text)
    published = values.get("published_on")
    if isinstance(published, dt.datetime):
        values["published_on"] = published.date()
    elif isinstance(published, str):
        try:
            values["published_on"] = dt.date.fromisoformat(published.strip())
        except ValueError:
            pass
    items = []
    for line in str(values.get("items") or "").replace("；", "\n").splitlines():
        if line.strip():
            parts = [p.strip() for p in line.replace("：", ":").split(":")]
            items.append((parts[0], parts[1] if len(parts) > 1 else "", parts[2] if len(parts) > 2 else "C"))
    return values, items


MAX_RESOURCES = 20_000  # rows of one catalogue workbook: a city's ~40 departments catalogue a few thousand


def catalogue_import(*, book, by) -> dict:
    """Every row saved (a new resource, or a new version of one with the same code) or none: the errors name the
    row and the column."""
    rows = list(bounded_rows(book.worksheets[0], columns=MAX_COLUMNS, lines=MAX_RESOURCES))
    header = [str(h or "").strip() for h in (rows[0] if rows else [])]
    missing = [label for _name, label in COLUMNS if label not in header]
    if missing:
        return {"saved": 0, "errors": [{"row": 1, "column": m, "message": "缺少此列"} for m in missing]}
    index = {name: header.index(label) for name, label in COLUMNS}
    departments = {d.code: d.pk for d in Department.objects.only("pk", "code")}
    problems, saved, seen = [], 0, {}
    with transaction.atomic():
        for number, row in enumerate(rows[1:], start=2):
            raw = {name: row[i] if i < len(row) else None for name, i in index.items()}
            if not any(v not in (None, "") for v in raw.values()):
                continue
            values, items = _parse(raw)
            code = str(values.get("code") or "").strip()
            if code and code in seen:
                problems.append({"row": number, "column": "资源代码", "message": f"与第 {seen[code]} 行重复"})
                continue
            seen[code] = number
            provider = departments.get(str(values.get("provider") or "").strip())
            existing = Resource.objects.filter(code=str(values.get("code") or "").strip()).first()
            try:
                if provider is None:
                    raise refuse_on("provider", ("SHARING_PROVIDER_UNKNOWN", "提供方机构编码不存在。"))
                with transaction.atomic():
                    resource_save(by=by, provider=provider, values=values, items=items, resource=existing)
                saved += 1
            except ZtError as error:
                column = next(iter(error.fields), "")
                label = dict(COLUMNS).get(column, column)
                problems.append({"row": number, "column": label, "message": str(error.message)})
        if problems:
            transaction.set_rollback(True)
            saved = 0
    return {"saved": saved, "errors": problems}
