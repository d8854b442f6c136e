"""Seed 宁波市北仑区: department tree, posts, roles, about 200 staff, and one demo account per role.

Idempotent: every object is looked up by its natural key first, so re-running never duplicates anything.
Writes go through the services, so the demo's audit trail is a real, verifiable chain.
"""

from __future__ import annotations

import random

from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice
from faker import Faker

from zhengtong.accounts import services as account_services
from zhengtong.accounts.models import User
from zhengtong.core.crypto import blind_indexes
from zhengtong.core.ids import id_number_check_char, uscc_check_char
from zhengtong.core.models import SiteSettings
from zhengtong.org import services as org_services
from zhengtong.org.models import DataScope, Department, Membership, Post, Role

from . import data

DEMO_DEVICE = "演示设备"
STAFF_TARGET = 200


def seed_site() -> None:
    if not SiteSettings.objects.exists():
        SiteSettings.objects.create(
            site_name="宁波市北仑区人民政府",
            host_org="宁波市北仑区人民政府办公室",
            site_code="3302060001",
            icp_record="浙ICP备00000000号（演示）",
            police_record="浙公网安备 33020602000000号（演示）",
            contact_phone="0574-86781234",
            address="宁波市北仑区新碶街道长江路1166号",
        )


def _department(parent, code, name, kind, **extra) -> Department:
    found = Department.objects.filter(code=code).first()
    if found:
        return found
    return org_services.department_create(parent=parent, code=code, name=name, kind=kind, **extra)


def seed_departments() -> dict[str, Department]:
    region = _department(None, data.REGION[0], data.REGION[1], Department.Kind.REGION, short_name=data.REGION[2])
    code, name, short, address, phone = data.GOVERNMENT
    government = _department(
        region, code, name, Department.Kind.GOVERNMENT, short_name=short, address=address, phone=phone
    )
    by_suffix = {}
    for i, (suffix, name, short, functions) in enumerate(data.DEPARTMENTS):
        by_suffix[suffix] = _department(
            government,
            f"330206{suffix}",
            name,
            Department.Kind.DEPARTMENT,
            short_name=short,
            functions=functions,
            phone=f"0574-8678{1300 + i:04d}",
            address=f"宁波市北仑区新碶街道长江路{1100 + i}号",
            office_hours="工作日 8:30-12:00，13:30-17:00（夏令时 14:00-17:30）",
            sort_order=i,
        )
    for i, (suffix, name) in enumerate(data.STREETS):
        by_suffix[suffix] = _department(
            government,
            f"330206{suffix}",
            f"北仑区{name}办事处",
            Department.Kind.STREET,
            short_name=name,
            functions="负责辖区经济发展、社会事务、城市管理和便民服务。",
            phone=f"0574-8612{1000 + i:04d}",
            office_hours="工作日 8:30-17:00",
            sort_order=100 + i,
        )
    for suffix, offices in data.OFFICES.items():
        parent = by_suffix[suffix]
        for j, office in enumerate(offices):
            key = f"{suffix}-{j + 1:02d}"
            by_suffix[key] = _department(
                parent, f"330206{suffix}{j + 1:02d}", office, Department.Kind.OFFICE, sort_order=j
            )
    return by_suffix


def seed_posts(departments: dict[str, Department]) -> None:
    for key, department in departments.items():
        posts = {
            Department.Kind.STREET: data.STREET_POSTS,
            Department.Kind.OFFICE: data.OFFICE_POSTS,
        }.get(department.kind, data.POSTS)
        for name, leader, order in posts:
            Post.objects.get_or_create(
                department=department, name=name, defaults={"is_leader": leader, "sort_order": order}
            )


def seed_roles(departments: dict[str, Department]) -> dict[str, Role]:
    roles = {}
    for code, name, scope, duty, supervises, description in data.ROLES:
        roles[code], _created = Role.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "data_scope": scope,
                "duty": duty,
                "supervises": supervises,
                "edits_site": code in data.SITE_EDITOR_ROLES,
                "description": description,
            },
        )
    liaison = roles["liaison"]
    if liaison.data_scope == DataScope.CUSTOM and not liaison.custom_departments.exists():
        liaison.custom_departments.set([departments["023"], departments["027"]])
    return roles


def _post(department: Department, name: str) -> Post | None:
    return (
        Post.objects.filter(department=department, name=name).first()
        or department.posts.order_by("-sort_order").first()
    )


def seed_demo_staff(departments, roles) -> list[User]:
    users = []
    for username, name, suffix, post, role_codes, head in data.DEMO_STAFF:
        user = User.objects.filter(username=username).first()
        if user is None:
            department = departments[suffix]
            user = org_services.staff_onboard(
                username=username,
                real_name=name,
                password=data.DEMO_PASSWORD,
                department=department,
                post=_post(department, post),
                roles=tuple(roles[c] for c in role_codes),
                is_head=head,
                duties=data.DUTIES.get(post, ""),
            )
        _demo_device(user)
        users.append(user)
    return users


def _demo_device(user: User) -> None:
    if not TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        TOTPDevice.objects.create(user=user, name=DEMO_DEVICE, confirmed=True)


def seed_bulk_staff(departments, roles) -> int:
    """About 200 staff with posts and duties spread over the departments and streets (no password: they are
    the public staff profiles, not log-in accounts)."""
    fake = Faker("zh_CN")
    Faker.seed(330206)
    rng = random.Random(330206)
    units = [d for d in departments.values() if d.kind != Department.Kind.OFFICE]
    created = 0
    for n in range(1, STAFF_TARGET + 1):
        username = f"bl{n:04d}"
        name = fake.name()  # drawn even when the user exists, so names stay stable across re-runs
        department = units[(n - 1) % len(units)]
        posts = list(department.posts.order_by("sort_order"))
        post = posts[0] if n <= len(units) else posts[rng.randrange(1, len(posts))]
        if User.objects.filter(username=username).exists():
            continue
        role = roles["dept_head"] if post.is_leader else roles["clerk"]
        org_services.staff_onboard(
            username=username,
            real_name=name,
            department=department,
            post=post,
            roles=(role,),
            duties=data.DUTIES.get(post.name, ""),
            is_head=n <= len(units),
        )
        created += 1
    return created


DEMO_CITIZEN = {"real_name": "张三", "first17": "33020619850312001", "mobile": "13805740001"}
DEMO_ENTERPRISE = {
    "enterprise_name": "宁波北仑港城示范贸易有限公司",
    "first17": "91330206MA2CX1234",
    "legal_representative": "陈明",
    "mobile": "13805740002",
}


def seed_government_office(departments) -> None:
    """The 区府办 works for the people's government (its disclosure, its annual report): its staff also hold a
    membership in the government, which is what lets them act for it (org/access.works_in)."""
    office = departments["001"]
    government = Department.objects.get(path=office.path[: -Department.steplen])
    post, _created = Post.objects.get_or_create(
        department=government, name="政务公开工作人员", defaults={"sort_order": 90}
    )
    for membership in Membership.objects.filter(department=office).select_related("user"):
        if not Membership.objects.filter(user_id=membership.user_id, department=government).exists():
            org_services.membership_add(
                user=membership.user,
                department=government,
                post=post,
                is_primary=False,
                duties="承办区政府政务公开工作",
            )


def seed_public_accounts() -> list[User]:
    users = []
    citizen = User.objects.filter(mobile_index__in=blind_indexes(DEMO_CITIZEN["mobile"])).first()
    if citizen is None:
        first17 = DEMO_CITIZEN["first17"]
        citizen = account_services.citizen_register(
            real_name=DEMO_CITIZEN["real_name"],
            id_number=first17 + id_number_check_char(first17),
            mobile=DEMO_CITIZEN["mobile"],
            password=data.DEMO_PASSWORD,
        )
    users.append(citizen)
    first17 = DEMO_ENTERPRISE["first17"]
    uscc = first17 + uscc_check_char(first17)
    enterprise = User.objects.filter(uscc=uscc).first()
    if enterprise is None:
        enterprise = account_services.enterprise_register(
            uscc=uscc,
            enterprise_name=DEMO_ENTERPRISE["enterprise_name"],
            legal_representative=DEMO_ENTERPRISE["legal_representative"],
            mobile=DEMO_ENTERPRISE["mobile"],
            password=data.DEMO_PASSWORD,
        )
    users.append(enterprise)
    return users


def seed_search_index() -> int:
    """Everything public goes into the site search, as `zhengtong search reindex` does."""
    from zhengtong.search.models import Entry
    from zhengtong.search.registry import SOURCES
    from zhengtong.search.services import clear, index_now

    for kind, (_count, documents) in SOURCES.items():
        if not Entry.objects.filter(kind=kind).exists():
            clear(kind)
            for doc in documents():
                index_now(doc)
    return Entry.objects.count()


def seed_all(
    progress=print, applications: int | None = None, documents: int | None = None, letters: int | None = None
) -> dict:
    with transaction.atomic():
        seed_site()
    progress("机构……")
    departments = seed_departments()
    seed_posts(departments)
    roles = seed_roles(departments)
    progress("演示账户……")
    demo_staff = seed_demo_staff(departments, roles)
    public = seed_public_accounts()
    progress("工作人员……")
    created = seed_bulk_staff(departments, roles)
    seed_government_office(departments)
    from .hall import seed_hall

    hall = seed_hall(progress, **({"applications": applications} if applications is not None else {}))
    from .disclosure import seed_disclosure

    disclosure = seed_disclosure(progress, **({"documents": documents} if documents is not None else {}))
    from .letters import seed_letters

    progress("来信来电……")
    letter_count = seed_letters(**({"count": letters} if letters is not None else {}), progress=progress)
    from .evaluation import seed_evaluation

    progress("好差评……")
    evaluation = seed_evaluation(progress)
    from .sharing import seed_sharing

    progress("数据共享……")
    sharing = seed_sharing(progress)
    progress("站内搜索索引……")
    indexed = seed_search_index()
    return {
        "indexed": indexed,
        "letters": letter_count,
        **evaluation,
        **sharing,
        **disclosure,
        "departments": len(departments),
        "staff_created": created,
        "demo_staff": demo_staff,
        "public": public,
        **hall,
    }
