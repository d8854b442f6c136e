"""What each base register offers a resource: its columns (a resource's 信息项 keys name them), which of them a
read may filter on, and how a row reads out. The exchange API and the open-data files read registers only
through here, so a column no resource item names is never answered."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Model, Q, QuerySet

from zhengtong.core import crypto

from .models import EconomicIndicator, GeoArea, LegalPerson, Licence, Person, Register


def _equals(field: str) -> Callable[[str], Q]:
    return lambda value: Q(**{field: value})


def _blind(field: str) -> Callable[[str], Q]:
    """An encrypted column is matched through its blind index (every key, so rows not yet re-keyed are found)."""
    return lambda value: Q(**{f"{field}__in": crypto.blind_indexes(value)})


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    data_type: str = "C"
    match: Callable[[str], Q] | None = None  # None: not a filter a read may use
    personal: bool = False  # never in an open dataset

    def read(self, row: Model):
        shown = getattr(row, f"get_{self.key}_display", None)
        if shown is not None:  # a coded column reads as its label (存续, 男)
            return str(shown())
        value = getattr(row, self.key)
        if isinstance(value, dt.date):
            return value.isoformat()
        if isinstance(value, Decimal):
            return str(value)
        if isinstance(value, Model):
            return str(value)
        return value


@dataclass(frozen=True)
class RegisterSpec:
    key: str
    model: type[Model]
    columns: tuple[Column, ...]

    def column(self, key: str) -> Column | None:
        return next((c for c in self.columns if c.key == key), None)

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(c.key for c in self.columns)

    def matching(self, filters: dict[str, str], keys=()) -> QuerySet:
        """Rows whose columns equal each filter's value, in the register's order; the caller has checked the keys
        (`column(k).match`). The source department is joined only where `keys` read it."""
        condition = Q()
        for key, value in filters.items():
            condition &= self.column(key).match(str(value))
        rows = self.model.objects.filter(condition).order_by("pk")
        return rows.select_related("source") if "source" in keys else rows

    def read(self, rows: Iterable[Model], keys: Iterable[str]) -> list[dict]:
        columns = [self.column(k) for k in keys]
        return [{c.key: c.read(row) for c in columns} for row in rows]


_SOURCE = Column("source", "数据来源部门")
_DISTRICT = Column("district", "所属区县", match=_equals("district"))

SPECS: dict[str, RegisterSpec] = {
    Register.POPULATION: RegisterSpec(
        Register.POPULATION,
        Person,
        (
            Column("id_number", "公民身份号码", match=_blind("id_index"), personal=True),
            Column("name", "姓名", personal=True),
            Column("gender", "性别", match=_equals("gender")),
            Column("birth_date", "出生日期", "D", personal=True),
            Column("address", "户籍地址", personal=True),
            _DISTRICT,
            _SOURCE,
        ),
    ),
    Register.LEGAL_PERSON: RegisterSpec(
        Register.LEGAL_PERSON,
        LegalPerson,
        (
            Column("uscc", "统一社会信用代码", match=_equals("uscc")),
            Column("name", "名称", match=_equals("name")),
            Column("kind", "类型", match=_equals("kind")),
            Column("legal_representative", "法定代表人", personal=True),
            Column("registered_capital", "注册资本（万元）", "N"),
            Column("established_on", "成立日期", "D"),
            Column("address", "住所"),
            Column("business_scope", "经营范围"),
            Column("status", "登记状态", match=_equals("status")),
            _DISTRICT,
            _SOURCE,
        ),
    ),
    Register.LICENCE: RegisterSpec(
        Register.LICENCE,
        Licence,
        (
            Column("number", "证照编号", match=_equals("number")),
            Column("kind", "证照名称", match=_equals("kind")),
            Column("holder_name", "持证主体", personal=True),  # encrypted: not a filter
            Column("holder_uscc", "持证单位代码", match=_equals("holder_uscc")),
            Column("holder_id", "持证人身份号码", match=_blind("holder_index"), personal=True),
            Column("issued_by", "发证机关"),
            Column("issued_on", "发证日期", "D"),
            Column("valid_until", "有效期至", "D"),
            Column("status", "状态", match=_equals("status")),
            _DISTRICT,
            _SOURCE,
        ),
    ),
    Register.GEOGRAPHY: RegisterSpec(
        Register.GEOGRAPHY,
        GeoArea,
        (
            Column("code", "区划代码", match=_equals("code")),
            Column("name", "名称", match=_equals("name")),
            Column("level", "层级", match=_equals("level")),
            Column("parent_code", "上级区划代码", match=_equals("parent_code")),
            Column("area_km2", "面积（平方公里）", "N"),
            Column("longitude", "中心经度", "N"),
            Column("latitude", "中心纬度", "N"),
            _DISTRICT,
            _SOURCE,
        ),
    ),
    Register.ECONOMY: RegisterSpec(
        Register.ECONOMY,
        EconomicIndicator,
        (
            Column("code", "指标代码", match=_equals("code")),
            Column("name", "指标名称"),
            Column("period", "统计期", match=_equals("period")),
            Column("value", "数值", "N"),
            Column("unit", "计量单位"),
            _DISTRICT,
            _SOURCE,
        ),
    ),
}
