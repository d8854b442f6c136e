"""Demo data sharing: the base registers filled (法人 and their 营业执照, 人口, 行政区划, 宏观经济), a catalogue of
about 300 resources across the 40 departments, share requests in every state (one overdue), grants active, expired and
revoked, exchange calls in the signed log, and open datasets that passed the privacy guard. Everything goes
through the same services as the pages; the registers, as an import would, in bulk."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from django.utils import timezone
from faker import Faker

from zhengtong.approvals.models import Material
from zhengtong.core.errors import ZtError
from zhengtong.core.ids import id_number_check_char, uscc_check_char
from zhengtong.org.access import department_staff
from zhengtong.org.models import Department
from zhengtong.sharing import log, opendata
from zhengtong.sharing.models import (
    Dataset,
    EconomicIndicator,
    GeoArea,
    Grant,
    Group,
    LegalPerson,
    Licence,
    Person,
    Resource,
    ShareRequest,
    Tag,
)
from zhengtong.sharing.services.catalogue import resource_save
from zhengtong.sharing.services.exchange import exchange_read
from zhengtong.sharing.services.requests import (
    grant_revoke,
    share_request_grant,
    share_request_refuse,
    share_request_submit,
    share_request_withdraw,
)
from zhengtong.supervision.scan import scan

from . import data
from .hall import simulated_now
from .seed import DEMO_ENTERPRISE
from .sharing_data import INDICATORS, NOT_SHARED_BASIS, REGISTER_RESOURCES, REQUESTS, TOPICS

REGION = data.REGION[0]
ENTERPRISES, PEOPLE = 3000, 2000
TRADES = ["贸易", "科技", "物流", "机械", "食品", "港务"]
KINDS = ["有限责任公司", "股份有限公司", "个人独资企业", "合伙企业", "事业单位", "社会团体"]
STREETS = [name for _code, name in data.STREETS]


def _departments() -> dict[str, Department]:
    return {d.code[-3:]: d for d in Department.objects.filter(code__startswith=f"{REGION}0", depth=3)}


def _clerk(department: Department):
    return department_staff(department).order_by("pk").first()


def seed_registers(departments, rng: random.Random, fake: Faker) -> None:
    market, police, land, stats = departments["023"], departments["006"], departments["011"], departments["024"]
    first17 = DEMO_ENTERPRISE["first17"]
    demo_uscc = first17 + uscc_check_char(first17)
    enterprises = [
        LegalPerson(
            uscc=demo_uscc,
            name=DEMO_ENTERPRISE["enterprise_name"],
            kind="有限责任公司",
            legal_representative=DEMO_ENTERPRISE["legal_representative"],
            registered_capital=Decimal("500.00"),
            established_on=dt.date(2018, 6, 8),
            address="北仑区新碶街道明州路188号",
            business_scope="货物进出口；食品经营；日用百货销售",
            district="北仑区",
            source=market,
        )
    ]
    for n in range(ENTERPRISES - 1):
        body = f"91330206MA2E{n:05d}"
        enterprises.append(
            LegalPerson(
                uscc=body + uscc_check_char(body),
                name=f"宁波{fake.company_prefix()}{rng.choice(TRADES)}有限公司{n}",
                kind=rng.choice(KINDS),
                legal_representative=fake.name(),
                registered_capital=Decimal(rng.randrange(10, 50000)),
                established_on=dt.date(2000, 1, 1) + dt.timedelta(days=rng.randrange(9000)),
                address=f"北仑区{rng.choice(STREETS)}{fake.street_name()}{rng.randrange(1, 500)}号",
                district="北仑区" if rng.random() < 0.85 else "镇海区",
                status="active" if rng.random() < 0.92 else "cancelled",
                source=market,
            )
        )
    LegalPerson.objects.bulk_create(enterprises, batch_size=1000)
    Licence.objects.bulk_create(
        [
            Licence(
                number=f"营{e.uscc}",
                kind="营业执照",
                holder_name=e.name,
                holder_uscc=e.uscc,
                issued_by=market,
                issued_on=e.established_on,
                district=e.district,
                source=market,
            )
            for e in enterprises
        ],
        batch_size=1000,
    )
    people = []
    for n in range(PEOPLE):
        birth = dt.date(1940, 1, 1) + dt.timedelta(days=rng.randrange(25000))
        first = f"330206{birth:%Y%m%d}{200 + n % 700:03d}"
        people.append(
            Person(
                id_number=first + id_number_check_char(first),
                name=fake.name(),
                gender=rng.choice("MF"),
                birth_date=birth,
                address=f"北仑区{rng.choice(STREETS)}",
                district="北仑区",
                source=police,
            )
        )
    Person.objects.bulk_create(people, batch_size=500, ignore_conflicts=True)
    areas = [
        GeoArea(
            code=f"{REGION}000000",
            name="北仑区",
            level="区县",
            parent_code="330200000000",
            area_km2=Decimal("599.00"),
            longitude=Decimal("121.844"),
            latitude=Decimal("29.899"),
            source=land,
        )
    ]
    for i, (code, name) in enumerate(data.STREETS):
        areas.append(
            GeoArea(
                code=f"{REGION}{code}000",
                name=name,
                level="街道",
                parent_code=f"{REGION}000000",
                area_km2=Decimal(rng.randrange(20, 90)),
                longitude=Decimal("121.80") + Decimal(i) / 50,
                latitude=Decimal("29.85") + Decimal(i % 4) / 40,
                district="北仑区",
                source=land,
            )
        )
    GeoArea.objects.bulk_create(areas)
    EconomicIndicator.objects.bulk_create(
        EconomicIndicator(
            code=code,
            name=name,
            period=str(year),
            unit=unit,
            district="北仑区",
            source=stats,
            value=Decimal(base) * Decimal(1 + 0.06 * (year - 2020)).quantize(Decimal("0.01")),
        )
        for code, name, unit, base in INDICATORS
        for year in range(2020, 2026)
    )


def _values(code: str, name: str, category: str, item: str, share: str, open_class: str, register: str = "") -> dict:
    return {
        "code": code,
        "name": name,
        "category_class": category,
        "category_item": item,
        "summary": f"{name}，供各部门依职责共享使用。",
        "format": "database" if register else "spreadsheet",
        "share_class": share,
        "share_condition": "限于法定职责范围内使用，不得向第三方提供" if share == "conditional" else "",
        "share_basis": NOT_SHARED_BASIS if share == "none" else "",
        "share_method": "interface" if register else "file",
        "open_class": open_class,
        "update_cycle": "daily" if register else "monthly",
        "published_on": dt.date(2026, 3, 1),
        "register": register,
    }


def seed_catalogue(departments) -> dict[str, Resource]:
    by_register = {}
    for suffix, name, register, share, open_class, items in REGISTER_RESOURCES:
        department = departments[suffix]
        code = f"{department.code}-J-001"
        values = _values(code, name, "基础信息资源", name[:2], share, open_class, register)
        by_register[register] = resource_save(by=_clerk(department), provider=department, values=values, items=items)
    for suffix, department in sorted(departments.items()):
        clerk = _clerk(department)
        if clerk is None:
            continue
        for i, (topic, category, share, items) in enumerate(TOPICS, start=1):
            values = _values(
                f"{department.code}-Y-{i:03d}", f"{department.short_name}{topic}", category, topic, share, "closed"
            )
            resource_save(by=clerk, provider=department, values=values, items=[(k, n, "C") for k, n in items])
    return by_register


def _ask(resource: Resource, consumer: Department, fields=None) -> ShareRequest:
    return share_request_submit(
        resource=resource,
        consumer=consumer,
        by=_clerk(consumer),
        purpose=f"{consumer.short_name}依职责办理政务服务事项时核验相关信息，不再要求群众和企业重复提交",
        fields=fields or [i.key for i in resource.items.all() if i.key != "address"],
        period_until=timezone.localdate() + dt.timedelta(days=365),
    )


def seed_requests(departments, by_register) -> list[Grant]:
    grants = []
    for suffix, register, outcome in REQUESTS:
        resource, consumer = by_register[register], departments[suffix]
        provider = _clerk(resource.provider)
        if outcome == "overdue":  # asked twelve working days ago and not yet decided: red on the clock
            with simulated_now(timezone.now() - dt.timedelta(days=18)):
                _ask(resource, consumer)
            continue
        request = _ask(resource, consumer)
        if outcome in ("granted", "expired", "revoked") and request.state == ShareRequest.State.SUBMITTED:
            share_request_grant(request=request, by=provider, rate_per_minute=600)
        if outcome == "refused":
            share_request_refuse(
                request=request, by=provider, reason="申请用途与本部门法定职责无直接关联，依申请不予共享"
            )
        elif outcome == "withdrawn":
            share_request_withdraw(request=request, by=_clerk(consumer))
        grant = Grant.objects.filter(request=request).first()
        if outcome == "expired":
            Grant.objects.filter(pk=grant.pk).update(expires_on=timezone.localdate() - dt.timedelta(days=3))
        elif outcome == "revoked":
            grant_revoke(grant=grant, by=provider, reason="共享用途已结束")
        elif grant is not None:
            grants.append(grant)
    scan()  # the request left waiting past its ten working days turns red, as the periodic scan would make it
    return grants


def seed_exchange(grants, rng: random.Random) -> int:
    calls = 0
    legal = LegalPerson.objects.values_list("uscc", flat=True)[:200]
    for grant in grants:
        user = _clerk(grant.consumer)
        for _n in range(40):
            filters = {"uscc": rng.choice(legal)} if grant.resource.register == "legal_person" else {}
            try:
                exchange_read(user=user, code=grant.resource.code, fields=None, filters=filters)
            except ZtError:
                pass
            calls += 1
        try:  # one field outside the grant, refused and logged like any call
            exchange_read(user=user, code=grant.resource.code, fields=["salary"], filters={})
        except ZtError:
            calls += 1
    log.seal()
    return calls


DATASETS = [
    (
        "economy-indicators",
        "北仑区主要经济指标",
        "宏观经济指标（地区生产总值、财政收入、投资、消费、外贸等）年度数据。",
        "024",
        "economy",
        ["code", "name", "period", "value", "unit"],
        {},
        ["经济", "统计"],
        "economy",
    ),
    (
        "gdp",
        "北仑区地区生产总值",
        "2020年以来历年地区生产总值。",
        "024",
        "economy",
        ["period", "value", "unit"],
        {"code": "GDP"},
        ["经济", "GDP"],
        "economy",
    ),
    (
        "divisions",
        "北仑区行政区划",
        "区、街道两级行政区划代码、面积和中心位置。",
        "011",
        "geography",
        ["code", "name", "level", "parent_code", "area_km2", "longitude", "latitude"],
        {},
        ["地理", "行政区划"],
        "geography",
    ),
    (
        "legal-persons",
        "北仑区法人单位名录",
        "在北仑区登记的法人单位名称、统一社会信用代码、类型和登记状态。",
        "023",
        "legal_person",
        ["uscc", "name", "kind", "established_on", "status"],
        {"district": "北仑区"},
        ["法人", "市场主体"],
        "economy",
    ),
    (
        "legal-persons-with-representatives",
        "法人单位及法定代表人",
        "含法定代表人姓名（审查不通过的示例）。",
        "023",
        "legal_person",
        ["uscc", "name", "legal_representative"],
        {},
        ["法人"],
        "economy",
    ),
]


def seed_datasets(departments) -> int:
    groups = {
        "economy": Group.objects.create(name="economy", title="经济建设", description="经济运行和市场主体"),
        "geography": Group.objects.create(name="geography", title="资源环境", description="自然资源和空间地理"),
    }
    published = 0
    for name, title, notes, suffix, register, columns, rows, tags, group in DATASETS:
        department = departments[suffix]
        dataset = Dataset.objects.create(
            name=name,
            title=title,
            notes=notes,
            organization=department,
            update_cycle="yearly",
            resource=Resource.objects.filter(register=register).first(),
            register=register,
            columns=columns,
            row_filter=rows,
        )
        dataset.tags.set([Tag.objects.get_or_create(name=t)[0] for t in tags])
        dataset.groups.add(groups[group])
        found = opendata.dataset_publish(dataset=dataset, by=_clerk(department))
        published += found.state == Dataset.State.ACTIVE
    return published + seed_uploaded_table(departments["011"], groups["geography"])


PARKS = """名称,所在街道,地址,面积（公顷）,开放时间
中河公园,新碶街道,新碶街道中河路与明州路交叉口,12.5,全天
岩河公园,新碶街道,新碶街道岩河路,8,全天
九峰山公园,大碶街道,大碶街道九峰山路,36,6:00-18:00
小港公园,小港街道,小港街道红联路,5.2,全天
霞浦公园,霞浦街道,霞浦街道霞浦路,3.6,全天
春晓湖公园,春晓街道,春晓街道春晓湖畔,18,全天
"""


def seed_uploaded_table(department: Department, group: Group) -> int:
    """A dataset a department uploads as a table (a CSV saved by Excel), opened past the guard as the others."""
    clerk = _clerk(department)
    dataset = opendata.dataset_create(
        by=clerk,
        organization=department,
        title="北仑区城市公园名录",
        name="beilun-parks",
        notes="城市公园的名称、所在街道、地址、面积和开放时间（上传的表格）。",
        license_id="cc-by-4.0",
        update_cycle="yearly",
        tags="公园、绿地",
        table=("城市公园名录.csv", PARKS.encode("gbk")),
    )
    dataset.groups.add(group)
    return opendata.dataset_publish(dataset=dataset, by=clerk).state == Dataset.State.ACTIVE


def seed_licence_materials() -> int:
    """The hall's "营业执照" materials are the register's 营业执照: 免提交 where the platform holds it."""
    return Material.objects.filter(name="营业执照").update(licence_kind="营业执照")


def seed_sharing(progress=print) -> dict:
    if Resource.objects.exists():
        return {"resources": Resource.objects.count()}
    rng, fake = random.Random(809), Faker("zh_CN")
    fake.seed_instance(809)
    departments = _departments()
    progress("基础信息库……")
    seed_registers(departments, rng, fake)
    progress("信息资源目录……")
    by_register = seed_catalogue(departments)
    progress("共享申请和数据交换……")
    grants = seed_requests(departments, by_register)
    calls = seed_exchange(grants, rng)
    progress("开放数据……")
    published = seed_datasets(departments)
    seed_licence_materials()
    return {"resources": Resource.objects.count(), "exchange_calls": calls, "datasets": published}
