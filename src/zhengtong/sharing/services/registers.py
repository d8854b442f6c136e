"""Feeding a base register from a file (CSV or xlsx, the first row naming the columns by their keys or labels):
each row checked, every row written or none, a row whose key the register holds replacing it (the source
department's newer data). The keys: 法人 by credit code, 人口 by ID number, 行政区划 by code, 宏观经济 by
indicator, period and district, 电子证照 by number within the issuing organ."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.db import transaction

from zhengtong.audit.services import audit_record
from zhengtong.core import crypto
from zhengtong.core.ids import IdentifierError, parse_id_number, parse_uscc

from ..models import Register
from ..registers import SPECS

REQUIRED = {
    Register.POPULATION: ("id_number", "name", "gender", "birth_date"),
    Register.LEGAL_PERSON: ("uscc", "name", "kind", "legal_representative"),
    Register.GEOGRAPHY: ("code", "name", "level"),
    Register.ECONOMY: ("code", "name", "period", "value", "unit"),
    Register.LICENCE: ("number", "kind", "holder_name", "issued_on"),
}
NOT_IMPORTED = {"source", "issued_by"}  # the importing department is the source (and the licences' issuer)


def _value(model, key: str, raw):
    field = model._meta.get_field(key)
    text = "" if raw is None else str(raw).strip()
    if field.get_internal_type() == "DateField":
        if isinstance(raw, dt.datetime):
            return raw.date()
        if isinstance(raw, dt.date):
            return raw
        return dt.date.fromisoformat(text) if text else None
    if field.get_internal_type() == "DecimalField":
        return Decimal(text) if text else None
    if key in ("uscc", "holder_uscc") and text:
        return parse_uscc(text)
    if key in ("id_number", "holder_id") and text:
        return parse_id_number(text).value
    return text


def _existing(register: str, values: dict, source):
    model = SPECS[register].model
    if register == Register.POPULATION:
        return model.objects.filter(id_index__in=crypto.blind_indexes(values["id_number"])).first()
    if register == Register.LEGAL_PERSON:
        return model.objects.filter(uscc=values["uscc"]).first()
    if register == Register.GEOGRAPHY:
        return model.objects.filter(code=values["code"]).first()
    if register == Register.ECONOMY:
        return model.objects.filter(
            code=values["code"], period=values["period"], district=values.get("district", "")
        ).first()
    return model.objects.filter(issued_by=source, number=values["number"]).first()


def register_import(*, register: str, rows: list[dict], source, by=None) -> dict:
    """`rows`: dicts of column key (or label) → value. Returns {"saved", "errors": [{row, column, message}]}."""
    spec = SPECS[register]
    by_label = {c.label: c.key for c in spec.columns}
    problems, saved = [], 0
    with transaction.atomic():
        for number, raw in enumerate(rows, start=2):
            values, row_problems = {}, []
            for name, cell in raw.items():
                key = by_label.get(str(name).strip(), str(name).strip())
                if spec.column(key) is None or key in NOT_IMPORTED:
                    continue
                try:
                    values[key] = _value(spec.model, key, cell)
                except (ValueError, InvalidOperation, IdentifierError) as error:
                    message = getattr(error, "message", "") or "格式不正确"
                    row_problems.append({"row": number, "column": spec.column(key).label, "message": str(message)})
            for key in REQUIRED[register]:
                if not values.get(key) and key not in {p["column"] for p in row_problems}:
                    row_problems.append({"row": number, "column": spec.column(key).label, "message": "必填"})
            if row_problems:
                problems.extend(row_problems)
                continue
            if register == Register.LICENCE:
                values["issued_by"] = source
            row = _existing(register, values, source) or spec.model()
            for key, value in values.items():
                setattr(row, key, value)
            row.source = source
            row.save()
            saved += 1
        if problems:
            transaction.set_rollback(True)
            saved = 0
        else:
            audit_record(
                action="sharing.register.import",
                object_type=f"sharing.{spec.model._meta.model_name}",
                object_repr=Register(register).label,
                changes={"rows": [None, saved], "source": [None, getattr(source, "name", str(source))]},
            )
    return {"saved": saved, "errors": problems}
