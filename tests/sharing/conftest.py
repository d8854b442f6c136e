"""Data sharing's fixtures: department A (区市场监督管理局) provides the legal-person register's resource
(有条件共享), B (区卫生健康局) the population register's (有条件共享) and a macro-economy one (无条件共享)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from zhengtong.sharing.models import EconomicIndicator, LegalPerson, Person, Register, Resource, ShareClass
from zhengtong.sharing.models.catalogue import ResourceFormat, ShareMethod, UpdateCycle

from .. import factories as f

LEGAL_ITEMS = [
    ("uscc", "统一社会信用代码", "C"),
    ("name", "名称", "C"),
    ("legal_representative", "法定代表人", "C"),
    ("address", "住所", "C"),
    ("status", "登记状态", "C"),
    ("district", "所属区县", "C"),
]


def make_resource(code, name, provider, register, items, share=ShareClass.CONDITIONAL, **extra) -> Resource:
    resource = Resource.objects.create(
        code=code,
        name=name,
        category_class="基础信息资源",
        category_item=Register(register).label if register else "",
        provider=provider,
        summary=f"{name}（测试）",
        format=ResourceFormat.DATABASE,
        share_class=share,
        share_method=ShareMethod.INTERFACE,
        update_cycle=UpdateCycle.DAILY,
        published_on=timezone.localdate(),
        register=register,
        **extra,
    )
    for i, (key, label, kind) in enumerate(items):
        resource.items.create(key=key, name=label, data_type=kind, sort_order=i)
    return resource


@pytest.fixture
def registers(district):
    for i, (name, where) in enumerate([("宁波港城贸易有限公司", "北仑区"), ("宁波甬江食品有限公司", "镇海区")]):
        LegalPerson.objects.create(
            uscc=f.valid_uscc(f"91330206MA2D{i:05d}"),
            name=name,
            kind="有限责任公司",
            legal_representative="王小明",
            address="北仑区新碶街道明州路188号",
            district=where,
            source=district["A"],
            established_on=dt.date(2020, 5, 1),
        )
    Person.objects.create(
        id_number=f.valid_id_number(sequence=7),
        name="赵六",
        gender="M",
        birth_date=dt.date(1985, 3, 12),
        address="北仑区新碶街道",
        district="北仑区",
        source=district["B"],
    )
    EconomicIndicator.objects.create(
        code="GDP",
        name="地区生产总值",
        period="2025",
        value="2880.50",
        unit="亿元",
        district="北仑区",
        source=district["B"],
    )
    return district


@pytest.fixture
def legal_resource(registers):
    return make_resource("A-0001", "法人单位基本信息", registers["A"], Register.LEGAL_PERSON, LEGAL_ITEMS)


@pytest.fixture
def population_resource(registers):
    items = [
        ("id_number", "公民身份号码", "C"),
        ("name", "姓名", "C"),
        ("gender", "性别", "C"),
        ("district", "所属区县", "C"),
    ]
    return make_resource("B-0001", "人口基本信息", registers["B"], Register.POPULATION, items)


@pytest.fixture
def economy_resource(registers):
    items = [("code", "指标代码", "C"), ("name", "指标名称", "C"), ("period", "统计期", "C"), ("value", "数值", "N")]
    return make_resource(
        "B-0002", "宏观经济指标", registers["B"], Register.ECONOMY, items, share=ShareClass.UNCONDITIONAL
    )


def a_year() -> dt.date:
    return timezone.localdate() + dt.timedelta(days=365)
