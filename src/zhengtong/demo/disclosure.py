"""The demo's document library: about 5,000 published documents across the district's departments and the 15
categories (imported as an old site's archive, personal data masked on the way in), plus a few dozen walked
through the real workflow: drafts, documents waiting for review (some blocked by personal data), published
ones with interpretations, an amended and a repealed one."""

from __future__ import annotations

import contextlib
import datetime as dt
import random

from django.utils import timezone

from zhengtong.core.ids import id_number_check_char
from zhengtong.disclosure import selectors, services
from zhengtong.disclosure.models import Category, Column, Document, GuideOffice
from zhengtong.org.models import Department, Membership

from . import disclosure_data as data

DOCUMENTS = 5000
WORKFLOW = 40
DOC_NO_PREFIX = {"区府办": "仑政办发", "区民政局": "仑民发", "区财政局": "仑财发", "区教育局": "仑教发"}


def _id_number(rng: random.Random) -> str:
    birth = f"{rng.randrange(1950, 2000)}{rng.randrange(1, 13):02d}{rng.randrange(1, 29):02d}"
    first17 = f"330206{birth}{rng.randrange(1000):03d}"
    return first17 + id_number_check_char(first17)


def _card(rng: random.Random) -> str:
    body = "622202" + "".join(str(rng.randrange(10)) for _ in range(12))
    total = sum(
        (d * 2 - 9 if d * 2 > 9 else d * 2) if i % 2 == 0 else d for i, d in enumerate(int(c) for c in reversed(body))
    )
    return body + str((10 - total % 10) % 10)


def _fill(template: str, rng: random.Random, dept: Department, year: int) -> str:
    return template.format(
        subject=rng.choice(data.SUBJECTS),
        dept=dept.name,
        abbr=(dept.short_name or "政")[1:2] or "政",
        year=year,
        next=year + 1,
        month=rng.randrange(1, 13),
        n=rng.randrange(1, 40),
        company=rng.choice(data.COMPANIES),
        rate=rng.randrange(950, 1000) / 10,
        sat=rng.randrange(920, 1000) / 10,
        phone=dept.phone or "0574-86781234",
        name=rng.choice(data.NAMES),
        id_number=_id_number(rng),
        mobile=f"13{rng.randrange(5, 10)}{rng.randrange(10**8):08d}",
        card=_card(rng),
    )


def _row(rng: random.Random, dept: Department, category: str, year: int, personal: bool) -> dict:
    paragraphs = [_fill(p, rng, dept, year) for p in rng.sample(data.PARAGRAPHS, rng.randrange(3, 7))]
    if personal:
        paragraphs.insert(1, _fill(rng.choice(data.PERSONAL), rng, dept, year))
    written = dt.date(year, rng.randrange(1, 13), rng.randrange(1, 28))
    written = min(written, timezone.localdate() - dt.timedelta(days=30))
    prefix = DOC_NO_PREFIX.get(dept.short_name, "仑政发")
    doc_no = (
        f"{prefix}〔{written.year}〕{rng.randrange(1, 200)}号"
        if category in ("regulations", "plans", "emergencies")
        else ""
    )
    return {
        "title": _fill(rng.choice(data.TITLES[category]), rng, dept, written.year),
        "issuing_org": dept.name,
        "doc_no": doc_no,
        "category": category,
        "legal_form": "normative" if category == "regulations" else "other",
        "topic": data.TOPICS[category],
        "written_on": written,
        "body": "".join(f"<p>{p}</p>" for p in paragraphs),
        "published_at": timezone.make_aware(
            dt.datetime.combine(written + dt.timedelta(days=rng.randrange(1, 15)), dt.time(10))
        ),
    }


def _staff(dept: Department) -> list:
    return [
        m.user for m in Membership.objects.filter(department__path__startswith=dept.path).select_related("user")[:2]
    ]


def seed_columns() -> None:
    for order, (code, name, days) in enumerate(data.HOME_COLUMNS):
        Column.objects.get_or_create(
            code=code, defaults={"name": name, "sort_order": order, "on_home": True, "update_days": days}
        )
    for order, (code, name) in enumerate(
        [("land", "征地信息"), ("education", "教育领域"), ("health", "医疗卫生领域"), ("environment", "生态环境领域")]
    ):
        Column.objects.get_or_create(code=code, defaults={"name": name, "sort_order": 10 + order})


def seed_news(progress=print) -> int:
    """要闻动态 and 通知公告 drafted by a department's staff and published through the 保密审查 like any other
    document (one notice waits for review)."""
    office = next(
        (
            d
            for d in Department.objects.filter(kind=Department.Kind.DEPARTMENT, code__startswith="330206").order_by(
                "code"
            )
            if len(_staff(d)) == 2
        ),
        None,
    )
    if office is None or Document.objects.filter(column__code="news").exists():
        return 0
    drafter, reviewer = _staff(office)
    checklist = {"no_state_secret": True, "no_commercial_secret": True, "no_privacy": True}
    year, made = timezone.localdate().year, 0
    columns = {c.code: c for c in Column.objects.filter(code__in=["news", "notices"])}
    items = [("news", t.format(n=n + 30, year=year)) for n, t in enumerate(data.NEWS)]
    items += [("notices", t.format(year=year)) for t in data.NOTICES]
    for n, (code, title) in enumerate(items):
        document = services.document_create(
            department=office,
            by=drafter,
            title=title,
            issuing_org=office.name,
            doc_no="",
            category=Category.OTHER,
            column=columns[code],
            written_on=timezone.localdate() - dt.timedelta(days=len(items) - n),
            body=f"<p>{title}。</p><p>{data.NEWS_BODY}</p>",
        )
        services.document_submit(document=document, by=drafter)
        made += 1
        if n < len(items) - 1:
            services.document_review(document=document, by=reviewer, approve=True, **checklist)
    progress(f"    要闻动态、通知公告 {made} 篇（一篇待审核）")
    return made


HOURS = "工作日 上午8:30—12:00，下午14:00—17:30"


def seed_guide_office() -> None:
    """The offices the 公开指南 name (demonstration contact details): the government's, and one for each of the
    first departments; the others show their own address and telephone."""
    if GuideOffice.objects.exists():
        return
    organs = list(selectors.organs())
    government = next((o for o in organs if o.kind == Department.Kind.GOVERNMENT), None)
    if government is not None:
        GuideOffice.objects.create(
            department=government,
            name="北仑区人民政府办公室（政务公开科）",
            address="宁波市北仑区新碶街道长江路1166号",
            postcode="315800",
            office_hours=HOURS,
            phone="0574-86781234",
            fax="0574-86781235",
            email="gk@demo.bl.gov.cn",
        )
    for n, organ in enumerate([o for o in organs if o.kind == Department.Kind.DEPARTMENT][:5]):
        name = organ.name if organ.name.endswith("办公室") else f"{organ.name}办公室"
        GuideOffice.objects.create(
            department=organ,
            name=name,
            address=organ.address or "宁波市北仑区新碶街道长江路1166号",
            postcode="315800",
            office_hours=organ.office_hours or HOURS,
            phone=organ.phone or f"0574-8678{2000 + n:04d}",
        )


def seed_archive(count: int = DOCUMENTS, progress=print) -> int:
    if Document.objects.exists():
        return 0
    rng = random.Random(2025)
    departments = [
        d
        for d in Department.objects.filter(kind=Department.Kind.DEPARTMENT, code__startswith="330206").order_by("code")
        if _staff(d)
    ]
    categories = list(Category.values)
    this_year = timezone.localdate().year
    per_department = {d.pk: [] for d in departments}
    for n in range(count):
        dept = departments[n % len(departments)]
        per_department[dept.pk].append(
            _row(
                rng,
                dept,
                rng.choice(categories),
                rng.randrange(this_year - 10, this_year + 1),
                personal=rng.random() < 0.08,
            )
        )
    done = 0
    for dept in departments:
        result = services.documents_import(department=dept, by=_staff(dept)[0], rows=per_department[dept.pk])
        done += result.created
    progress(f"    已导入 {done} 份历史文件（个人信息已遮盖）")
    return done


def seed_workflow(progress=print) -> int:
    """A few dozen documents through the real services, in every state a reviewer meets."""
    rng = random.Random(26)
    departments = [
        d
        for d in Department.objects.filter(kind=Department.Kind.DEPARTMENT, code__startswith="330206").order_by("code")
        if len(_staff(d)) == 2
    ][:8]
    made, published = 0, []
    checklist = {"no_state_secret": True, "no_commercial_secret": True, "no_privacy": True}
    for n in range(WORKFLOW):
        dept = departments[n % len(departments)]
        drafter, reviewer = _staff(dept)
        personal = n % 5 == 0
        row = _row(
            rng,
            dept,
            rng.choice(["regulations", "livelihood", "licensing", "plans"]),
            timezone.localdate().year,
            personal,
        )
        row.pop("published_at")
        row["written_on"] = timezone.localdate() - dt.timedelta(days=rng.randrange(1, 25))
        document = services.document_create(department=dept, by=drafter, **row)
        made += 1
        stage = n % 4
        if stage == 0:
            continue  # a draft
        services.document_submit(document=document, by=drafter)
        if stage == 1 or personal:
            continue  # waiting for review; a personal-data one stays blocked until masked or justified
        document = services.document_review(document=document, by=reviewer, approve=True, **checklist)
        published.append(document)
        if stage == 3:
            interpretation = services.document_create(
                department=dept,
                by=drafter,
                title=f"《{document.title}》政策解读",
                issuing_org=dept.name,
                doc_no="",
                category=document.category,
                topic=document.topic,
                written_on=timezone.localdate(),
                body=f"<p>{data.INTERPRETATION.format(title=document.title)}</p>",
                interprets=document,
                column=Column.objects.get(code="interpretations"),
            )
            services.document_submit(document=interpretation, by=drafter)
            services.document_review(document=interpretation, by=reviewer, approve=True, **checklist)
    same = [d for d in published if d.department_id == published[0].department_id] if published else []
    if len(same) >= 2:
        services.document_amend(original=same[0], replacement=same[1], by=same[0].created_by)
    if len(published) >= 2 and published[-1] not in same[:2]:
        services.document_repeal(document=published[-1], by=published[-1].created_by, reason="上位法已废止")
    progress(f"    审核流程中的文件 {made} 份（草稿、待审核、已发布、政策解读、已修改、已废止）")
    return made


@contextlib.contextmanager
def _tasks_inline():
    """Index as the seeding goes (the worker is not running yet), instead of queueing thousands of tasks."""
    from huey.contrib.djhuey import HUEY

    before, HUEY.immediate = HUEY.immediate, True
    try:
        yield
    finally:
        HUEY.immediate = before


def seed_disclosure(progress=print, documents: int = DOCUMENTS) -> dict:
    progress("政府信息公开……")
    seed_columns()
    seed_guide_office()
    from .disclosure_requests import seed_annual_report, seed_requests

    with _tasks_inline():
        archive = seed_archive(documents, progress)
        workflow = seed_workflow(progress) if archive else 0
        workflow += seed_news(progress)
        requests = seed_requests(progress=progress) if archive else 0
        seed_annual_report(progress)
    return {"documents": archive + workflow, "requests": requests}
