"""Maintaining the catalogue: a guide edit is a new version (the old one kept as it read), and the whole
catalogue goes in and out of Excel with row-level errors and nothing half-imported."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from zhengtong.audit.services import audit_record
from zhengtong.core.errors import InvalidInput
from zhengtong.org.models import Department

from .. import guide_privacy
from ..limits import figure_problems, limit_problems
from ..models import FormField, GuideVersion, ItemType, Material, ServiceItem, ServiceType, Theme
from ..search_index import item_push
from . import guide_files

GUIDE_FIELDS = [
    ("code", "事项编码"),
    ("name", "事项名称"),
    ("item_type", "事项类型"),
    ("service_type", "办件类型"),
    ("basis", "设定依据"),
    ("lead_department", "实施主体（机构编码）"),
    ("co_departments", "并联审批部门（机构编码，顿号分隔）"),
    ("conditions", "受理条件"),
    ("process", "办理流程"),
    ("legal_limit", "法定办结时限"),
    ("committed_limit", "承诺办结时限"),
    ("limit_basis", "法定时限依据"),
    ("accept_limit", "受理时限"),
    ("review_limit", "各部门审查时限"),
    ("special_steps", "特殊环节"),
    ("fee", "收费标准及依据"),
    ("location", "办理地点"),
    ("hours", "办理时间"),
    ("visits", "到现场次数"),
    ("phone", "咨询电话"),
    ("complaint_phone", "监督投诉电话"),
    ("result", "办理结果"),
    ("delivery", "送达方式"),
    ("faq", "常见问题"),
    ("theme", "主题"),
    ("for_citizens", "面向个人"),
    ("for_legal_persons", "面向法人"),
    ("for_investors", "面向投资者"),
    ("online", "可网上申请"),
    ("published", "已发布"),
]
MATERIAL_FIELDS = [
    ("item", "事项编码"),
    ("name", "材料名称"),
    ("form", "原件/复印件"),
    ("copies", "份数"),
    ("medium", "材料形式"),
    ("required", "必须提交"),
    ("note", "说明"),
    ("licence_kind", "对应电子证照"),
]
FIELD_FIELDS = [
    ("item", "事项编码"),
    ("key", "字段标识"),
    ("label", "字段名称"),
    ("kind", "类型"),
    ("required", "必填"),
    ("choices", "选项"),
]
# Columns a workbook exported before they existed lacks: read as blank, so an older workbook still imports.
ADDED_LATER = {"limit_basis", "licence_kind"}
INTEGERS = {"legal_limit", "committed_limit", "accept_limit", "review_limit", "visits", "copies"}
BOOLEANS = {"for_citizens", "for_legal_persons", "for_investors", "online", "published", "required"}
REQUIRED = {
    "code",
    "name",
    "item_type",
    "basis",
    "lead_department",
    "conditions",
    "process",
    "legal_limit",
    "committed_limit",
    "location",
    "hours",
    "phone",
    "complaint_phone",
    "result",
}
CHOICES = {
    "item_type": ItemType,
    "service_type": ServiceType,
    "theme": Theme,
    "form": Material.Form,
    "medium": Material.Medium,
    "kind": FormField.Kind,
}


def snapshot(item: ServiceItem) -> dict:
    data = {name: _out(item, name) for name, _label in GUIDE_FIELDS}
    data["materials"] = [{n: _out(m, n) for n, _l in MATERIAL_FIELDS[1:]} for m in item.materials.all()]
    data["fields"] = [{n: _out(f, n) for n, _l in FIELD_FIELDS[1:]} for f in item.fields.all()]
    return data


def _out(obj, name: str):
    if name == "lead_department":
        return obj.lead_department.code
    if name == "co_departments":
        return "、".join(obj.co_departments.values_list("code", flat=True))
    value = getattr(obj, name)
    if name in CHOICES:
        return str(CHOICES[name](value).label)
    if name in BOOLEANS:
        return "是" if value else "否"
    return value


def _record_version(item: ServiceItem, by) -> None:
    GuideVersion.objects.create(item=item, version=item.version, snapshot=snapshot(item), created_by=by)


def _personal_data(item: ServiceItem, values: dict, formsets) -> dict:
    """Every text the guide publishes, its materials' and application fields' rows included (guide_privacy)."""
    allow = guide_privacy.public_strings(item, values)
    labels = {f.name: str(f.verbose_name) for f in ServiceItem._meta.fields}
    texts = {name: (labels.get(name, name), value) for name, value in values.items()}
    for formset in formsets:
        for form in formset.forms:
            if not form.has_changed() or form.cleaned_data.get("DELETE"):
                continue
            for name, value in form.cleaned_data.items():
                label = f"{formset.model._meta.verbose_name}：{form.fields[name].label}"
                texts[f"{form.prefix}-{name}"] = (label, value)
    return guide_privacy.text_problems(texts, allow)


@transaction.atomic(durable=True)
def item_save(*, item: ServiceItem, values: dict, by, formsets=()) -> ServiceItem:
    """Edit a guide, its materials and its application fields: the change is a new version; every version
    stays readable. `formsets` are validated inline formsets of the item's materials and fields. Limits the law
    refuses (approvals/limits.py) change nothing."""
    merged = {
        f: values.get(f, getattr(item, f)) for f in ("item_type", "legal_limit", "committed_limit", "limit_basis")
    }
    problems = figure_problems(ServiceItem, values) or limit_problems(
        item_type=merged["item_type"],
        legal=merged["legal_limit"],
        committed=merged["committed_limit"],
        joint=item.co_departments.exists(),
        limit_basis=merged["limit_basis"],
    )
    problems = problems or _personal_data(item, values, formsets)
    files_changed = {}
    if not problems:
        allow = guide_privacy.public_strings(item, values)
        problems, files_changed = guide_files.material_files(item, formsets, allow=allow, by=by)
    if problems:
        first = next(iter(problems.values()))[0]
        raise InvalidInput(first["message"], code=first["code"], fields=problems)
    changes = {k: [str(getattr(item, k)), str(v)] for k, v in values.items() if getattr(item, k) != v}
    changes |= files_changed
    changed_lists = [fs.model._meta.verbose_name for fs in formsets if fs.has_changed()]
    if not changes and not changed_lists:
        return item
    if not GuideVersion.objects.filter(item=item).exists():
        _record_version(item, by)  # keep what the public read before the first edit
    for formset in formsets:
        formset.save()
    if changed_lists:
        changes["lists"] = [None, "、".join(str(n) for n in changed_lists)]
    for name, value in values.items():
        setattr(item, name, value)
    item.version += 1
    item.updated_by = by
    item.save()
    _record_version(item, by)
    audit_record(action="approvals.item.change", obj=item, changes=changes)
    item_push(item)
    return item


# --- Excel --------------------------------------------------------------------------------------------------------


class RowError(dict):
    """{sheet, row, column, message}: what the error report lists."""


def _cell(value) -> str:
    return "" if value is None else str(value).strip()


def _parse_value(name: str, raw: str, sheet: str, row: int, errors: list):
    if name in INTEGERS:
        try:
            number = int(float(raw)) if raw else 0
            if number < 0:
                raise ValueError
        except (ValueError, OverflowError):  # 1e400 is a float too large for an integer: no 500
            errors.append(RowError(sheet=sheet, row=row, column=name, message=_("应为非负整数")))
            return None
        if out_of_range := figure_problems(Material if sheet == "材料" else ServiceItem, {name: number}):
            errors.append(RowError(sheet=sheet, row=row, column=name, message=out_of_range[name][0]["message"]))
            return None
        return number
    if name in BOOLEANS:
        if raw not in ("是", "否", ""):
            errors.append(RowError(sheet=sheet, row=row, column=name, message=_("应填“是”或“否”")))
        return raw == "是"
    if name in CHOICES:
        by_label = {str(label): value for value, label in CHOICES[name].choices}
        if raw and raw not in by_label and raw not in CHOICES[name].values:
            errors.append(
                RowError(
                    sheet=sheet, row=row, column=name, message=_("应为以下之一：%(v)s") % {"v": "、".join(by_label)}
                )
            )
            return None
        return by_label.get(raw, raw) or None
    return raw


def _sheet_rows(book, title: str, columns: list[tuple[str, str]], errors: list) -> list[tuple[int, dict]]:
    if title not in book.sheetnames:
        errors.append(RowError(sheet=title, row=0, column="", message=_("缺少工作表")))
        return []
    rows = list(book[title].iter_rows(values_only=True))
    header = [_cell(h) for h in (rows[0] if rows else [])]
    index = {}
    for name, label in columns:
        if label in header:
            index[name] = header.index(label)
        elif name not in ADDED_LATER:
            errors.append(RowError(sheet=title, row=1, column=label, message=_("缺少此列")))
    out = []
    for number, row in enumerate(rows[1:], start=2):
        if not any(_cell(v) for v in row):
            continue
        out.append((number, {name: _cell(row[i]) if i < len(row) else "" for name, i in index.items()}))
    return out


def _stored_basis(code) -> str:
    return ServiceItem.objects.filter(code=code).values_list("limit_basis", flat=True).first() or ""


def _enlisted(departments, code, allowed) -> str:
    """The departments a row adds to an item's parallel reviewers that the importer may not maintain, by name. A
    parallel reviewer sees each application of the item and must decide within its joint time limit (行政许可法
    第二十六条、第四十二条): joining another department to it is for staff whose scope covers that department (the
    item page offers no such field). Those already listed may stay."""
    listed = set(ServiceItem.objects.filter(code=code).values_list("co_departments", flat=True)) if code else set()
    return "、".join(d.name for d in departments if d.pk not in allowed and d.pk not in listed)


def catalogue_import(*, book, by, allowed_departments) -> dict:
    """Check everything first; import only when every row is right (nothing half-imported)."""
    errors: list[RowError] = []
    departments = {d.code: d for d in Department.objects.all()}
    allowed = {d.pk for d in allowed_departments}
    items = []
    rows = _sheet_rows(book, "事项", GUIDE_FIELDS, errors)
    owners = dict(  # an item already in the catalogue is changed only by staff of its own department
        ServiceItem.objects.filter(code__in=[raw.get("code") for _r, raw in rows]).values_list(
            "code", "lead_department_id"
        )
    )
    for row, raw in rows:
        if (owner := owners.get(raw.get("code"))) is not None and owner not in allowed:
            errors.append(RowError(sheet="事项", row=row, column="code", message=_("无权维护该部门的事项")))
        values = {}
        for name, _label in GUIDE_FIELDS:
            if name not in raw:
                continue  # a column added later, absent from an older workbook: the item keeps its value
            text = raw.get(name, "")
            if name in REQUIRED and not text:
                errors.append(RowError(sheet="事项", row=row, column=name, message=_("必填")))
                continue
            if name == "lead_department":
                dept = departments.get(text)
                if dept is None:
                    errors.append(RowError(sheet="事项", row=row, column=name, message=_("机构编码不存在")))
                elif dept.pk not in allowed:
                    errors.append(RowError(sheet="事项", row=row, column=name, message=_("无权维护该部门的事项")))
                values[name] = dept
            elif name == "co_departments":
                codes = [c for c in text.replace(",", "、").split("、") if c]
                missing = [c for c in codes if c not in departments]
                if missing:
                    errors.append(
                        RowError(
                            sheet="事项",
                            row=row,
                            column=name,
                            message=_("机构编码不存在：%(c)s") % {"c": "、".join(missing)},
                        )
                    )
                values[name] = [departments[c] for c in codes if c in departments]
                enlisted = _enlisted(values[name], raw.get("code"), allowed)
                if enlisted:
                    message = _("无权将“%(d)s”列为并联审批部门，请由其上级或政务服务管理机构设置") % {"d": enlisted}
                    errors.append(RowError(sheet="事项", row=row, column=name, message=message))
            else:
                values[name] = _parse_value(name, text, "事项", row, errors)
        items.append((row, values))
    for row, values in items:
        if None in (values.get("legal_limit"), values.get("committed_limit")):
            continue  # already reported as not a number
        problems = limit_problems(
            item_type=values.get("item_type") or "",
            legal=values["legal_limit"],
            committed=values["committed_limit"],
            joint=bool(values.get("co_departments")),
            limit_basis=values["limit_basis"] if "limit_basis" in values else _stored_basis(values.get("code")),
        )
        for column, found in problems.items():
            errors.append(RowError(sheet="事项", row=row, column=column, message=found[0]["message"]))
    for row, values in items:
        texts = {name: (label, values.get(name)) for name, label in GUIDE_FIELDS}
        allow = guide_privacy.public_strings(ServiceItem(), values)
        for column, found in guide_privacy.text_problems(texts, allow).items():
            errors.append(RowError(sheet="事项", row=row, column=column, message=found[0]["message"]))
    by_code = {v.get("code"): v for _r, v in items}
    related = {}
    for title, columns in (("材料", MATERIAL_FIELDS), ("表单字段", FIELD_FIELDS)):
        for row, raw in _sheet_rows(book, title, columns, errors):
            if raw.get("item") not in by_code:
                errors.append(RowError(sheet=title, row=row, column="item", message=_("事项编码不在“事项”表中")))
                continue
            parsed = {n: _parse_value(n, raw.get(n, ""), title, row, errors) for n, _l in columns[1:]}
            texts = {n: (label, parsed.get(n)) for n, label in columns[1:]}
            allow = guide_privacy.public_strings(ServiceItem(), by_code[raw["item"]])  # as on the item's own page
            for column, found in guide_privacy.text_problems(texts, allow).items():
                errors.append(RowError(sheet=title, row=row, column=column, message=found[0]["message"]))
            related.setdefault((title, raw["item"]), []).append(parsed)
    if errors:
        raise InvalidInput(
            _("导入文件有 %(n)d 处错误，未导入任何内容。") % {"n": len(errors)},
            code="CATALOGUE_ROWS_INVALID",
            fields={"rows": [dict(e) for e in errors]},
        )
    return _write(items, related, by)


@transaction.atomic(durable=True)
def _write(items, related, by) -> dict:
    created = updated = 0
    for _row, values in items:
        co = values.pop("co_departments")
        item = ServiceItem.objects.filter(code=values["code"]).first()
        if item is None:
            item = ServiceItem.objects.create(**{k: v for k, v in values.items() if v is not None}, created_by=by)
            created += 1
        else:
            for k, v in values.items():
                if v is not None:
                    setattr(item, k, v)
            item.version += 1
            item.updated_by = by
            item.save()
            updated += 1
        item.co_departments.set(co)
        if ("材料", item.code) in related:
            # A sheet has no column for a material's files (they are uploaded on the item's page): a row keeps
            # the files of the material of its name, or an export imported back would take every one away.
            files = {m.name: {"blank_form_id": m.blank_form_id, "sample_id": m.sample_id} for m in item.materials.all()}
            item.materials.all().delete()
            Material.objects.bulk_create(
                Material(
                    item=item, order=i, **files.get(m.get("name"), {}), **{k: v for k, v in m.items() if v is not None}
                )
                for i, m in enumerate(related[("材料", item.code)])
            )
        if ("表单字段", item.code) in related:
            item.fields.all().delete()
            FormField.objects.bulk_create(
                FormField(item=item, order=i, **{k: v for k, v in f.items() if v is not None})
                for i, f in enumerate(related[("表单字段", item.code)])
            )
        _record_version(item, by)
        item_push(item)
    audit_record(
        action="approvals.catalogue.import",
        object_type="approvals.serviceitem",
        changes={"created": created, "updated": updated},
    )
    return {"created": created, "updated": updated}


def catalogue_workbook(items, *, template: bool = False):
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    book.remove(book.active)
    sheets = [("事项", GUIDE_FIELDS), ("材料", MATERIAL_FIELDS), ("表单字段", FIELD_FIELDS)]
    for title, columns in sheets:
        sheet = book.create_sheet(title)
        sheet.append([label for _n, label in columns])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
    if not template:
        for item in items:
            snap = snapshot(item)
            book["事项"].append([snap[n] for n, _l in GUIDE_FIELDS])
            for m in snap["materials"]:
                book["材料"].append([item.code] + [m[n] for n, _l in MATERIAL_FIELDS[1:]])
            for f in snap["fields"]:
                book["表单字段"].append([item.code] + [f[n] for n, _l in FIELD_FIELDS[1:]])
    notes = book.create_sheet("填写说明")
    for line in (
        "每个事项一行；“材料”和“表单字段”表按事项编码对应，出现的事项会以表中内容整体替换其材料或字段。",
        "实施主体和并联审批部门填机构编码；时限为工作日数；是/否列填“是”或“否”。",
        "任何一处错误都不会导入，错误报告会列出工作表、行号、列和原因。",
    ):
        notes.append([line])
    return book
