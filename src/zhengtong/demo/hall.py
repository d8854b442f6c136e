"""Demo service hall: about 200 items with complete guides, and about 2,000 applications in every state,
some parallel, some overdue, so the supervision dashboard shows real cases.

The workflow runs through the real services on a simulated clock (each step happens days after the one
before, as it would have), so the clocks, events and supervision records are what real use would produce.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import random
from unittest import mock

from django.utils import timezone

from zhengtong.accounts.models import User
from zhengtong.approvals import services
from zhengtong.approvals.limits import JOINT_LICENCE_DAYS, LICENCE_DAYS
from zhengtong.approvals.models import Application, FormField, Material, ServiceItem, ServiceType, Theme
from zhengtong.core.errors import ZtError
from zhengtong.org.models import Department, Membership
from zhengtong.supervision.models import Clock
from zhengtong.supervision.scan import scan

from . import hall_data
from .guide_forms import attach_forms

APPLICATIONS = 2000
_PDF = None


def _pdf() -> bytes:
    global _PDF
    if _PDF is None:
        import io

        from pypdf import PdfWriter

        writer = PdfWriter()
        writer.add_blank_page(width=595, height=842)
        out = io.BytesIO()
        writer.write(out)
        _PDF = out.getvalue()
    return _PDF


@contextlib.contextmanager
def simulated_now(start: dt.datetime):
    """Patch django.utils.timezone.now so services, clocks and audit rows carry the simulated moment."""
    state = {"now": start}
    with mock.patch("django.utils.timezone.now", lambda: state["now"]):
        yield state


def seed_items() -> list[ServiceItem]:
    if ServiceItem.objects.filter(code__startswith="330206-").exists():
        return list(ServiceItem.objects.filter(code__startswith="330206-"))
    departments = {d.code[6:]: d for d in Department.objects.filter(code__startswith="330206")}
    items = []
    n = 0
    for suffix, base, item_type, theme, audience, legal, committed, basis, result, co in hall_data.BASE_ITEMS:
        lead = departments[suffix]
        for variant, label in hall_data.VARIANTS:
            n += 1
            immediate = committed <= 1 or label == "注销"
            joint = bool(co) and not variant
            # 行政许可法 第四十二条: a licence's longer statutory limit is set by the law the guide names.
            longer = item_type == "licensing" and legal > (JOINT_LICENCE_DAYS if joint else LICENCE_DAYS)
            item = ServiceItem.objects.create(
                code=f"330206-{n:04d}",
                name=f"{base}{variant}",
                item_type=item_type,
                service_type=ServiceType.IMMEDIATE if immediate else ServiceType.PROMISED,
                basis=basis,
                lead_department=lead,
                conditions=f"符合{basis}规定的条件；申请材料齐全、符合法定形式。",
                process="网上申请或窗口递交 → 受理 → 审查" + ("（并联审批）" if joint else "") + " → 决定 → 送达",
                legal_limit=legal,
                limit_basis=basis if longer else "",
                committed_limit=max(1, committed if not variant else max(1, committed // 2)),
                accept_limit=2,
                review_limit=max(1, committed // 2 or 1),
                special_steps="现场核查（不计入办理时限）" if item_type == "licensing" else "",
                fee="不收费",
                location=f"北仑区行政服务中心 {lead.short_name}窗口",
                hours="工作日 8:30-12:00，13:30-17:00",
                visits=0 if committed <= 5 else 1,
                phone=lead.phone or "0574-86781234",
                complaint_phone="0574-12345",
                result=result,
                faq=f"问：{base}可以全程网办吗？\n答：可以，材料齐全的当场受理，结果可邮寄送达。",
                theme=theme if theme in Theme.values else Theme.OTHER,
                for_citizens="C" in audience,
                for_legal_persons="L" in audience,
                for_investors="I" in audience,
                online=True,
            )
            if joint:
                item.co_departments.set([departments[c] for c in co])
            kinds = [k for k in "LCI" if k in audience]
            names = [m for k in kinds for m in hall_data.MATERIALS[k]][:5]
            Material.objects.bulk_create(
                Material(
                    item=item, name=m, order=i, required=i < 2, form=Material.Form.ORIGINAL if i else Material.Form.COPY
                )
                for i, m in enumerate(names)
            )
            fields = hall_data.FIELDS["L" if "L" in audience else "C"]
            FormField.objects.bulk_create(
                FormField(item=item, key=k, label=lbl, kind=kind, order=i) for i, (k, lbl, kind) in enumerate(fields)
            )
            items.append(item)
    return items


def _people() -> list[User]:
    return list(User.objects.filter(kind__in=[User.Kind.CITIZEN, User.Kind.ENTERPRISE]))


def _staff(department: Department, rng: random.Random) -> User | None:
    members = list(User.objects.filter(memberships__department=department, is_active=True)[:10])
    return rng.choice(members) if members else None


TARGETS = [
    ("submitted", 10),
    ("correction", 5),
    ("rejected", 3),
    ("reviewing", 22),
    ("joining", 7),
    ("concluded", 8),
    ("delivered", 38),
    ("withdrawn", 4),
    ("denied", 3),
]


def _age(target: str, rng: random.Random) -> float:
    """Days since receipt: open cases are mostly recent (a few overdue ones), finished ones spread over 60 days."""
    if target in ("submitted", "correction"):
        return rng.uniform(0.2, 2.0)
    if target in ("reviewing", "joining", "concluded"):
        return rng.uniform(12, 40) if rng.random() < 0.08 else rng.uniform(0.5, 12)
    return rng.uniform(1, 60)


def seed_applications(items: list[ServiceItem], count: int = APPLICATIONS, progress=print) -> int:
    if Application.objects.exists():
        return 0
    rng = random.Random(330206)
    applicants = _people()
    real_now = timezone.now()
    weights = [w for _s, w in TARGETS]
    heads = {m.department_id: m.user for m in Membership.objects.filter(is_head=True).select_related("user")}
    made = 0
    for n in range(count):
        if n and n % 200 == 0:
            progress(f"  办件 {n}/{count}")
        target = rng.choices([s for s, _w in TARGETS], weights)[0]
        item = rng.choice(items)
        received = real_now - dt.timedelta(days=_age(target, rng), hours=rng.randint(0, 6))
        with simulated_now(received) as clock:
            try:
                _walk(item, rng.choice(applicants), target, clock, rng, real_now, heads)
            except ZtError:
                continue  # a step refused by a rule (e.g. a head missing for an extension): keep what was made
        made += 1
    return made


def _advance(clock, rng, real_now, days=(0.2, 2.0)) -> bool:
    step = dt.timedelta(days=rng.uniform(*days))
    if clock["now"] + step >= real_now:
        return False
    clock["now"] += step
    return True


def _walk(item, applicant, target, clock, rng, real_now, heads) -> None:
    staff = _staff(item.lead_department, rng)
    uploads = {m.pk: [(f"{m.name}.pdf", _pdf())] for m in item.materials.all() if m.required}
    data = {f.key: ("30" if f.kind == "number" else f"{applicant.display_name}的{f.label}") for f in item.fields.all()}
    application = services.application_submit(
        item=item, applicant=applicant, data=data, uploads=uploads, idempotency_key=f"demo-{rng.random()}"
    )
    if target == "submitted" or staff is None or not _advance(clock, rng, real_now, (0.05, 0.8)):
        return
    if target == "correction" or rng.random() < 0.1:
        services.application_request_correction(
            application=application, by=staff, items=["营业执照复印件不清晰，请重新上传", "缺少授权委托书"]
        )
        if target == "correction" or not _advance(clock, rng, real_now, (0.5, 3)):
            return
        services.application_resubmit(application=application, by=applicant, uploads=uploads)
        if not _advance(clock, rng, real_now, (0.05, 0.5)):
            return
    if target == "rejected":
        services.application_refuse(
            application=application, by=staff, reason="申请事项不属于本机关职权范围，请向市级部门申请"
        )
        return
    if target == "withdrawn":
        services.application_withdraw(application=application, by=applicant)
        return
    application = services.application_accept(application=application, by=staff)
    if item.service_type == ServiceType.IMMEDIATE:
        if target in ("delivered", "denied") and _advance(clock, rng, real_now, (0.05, 1)):
            services.application_deliver(application=application, by=staff, method="电子证照")
        return
    late = rng.random() < 0.04  # a few departments run over their limit
    for branch in application.branches.select_related("department"):
        if target == "reviewing" and rng.random() < 0.5:
            continue
        reviewer = _staff(branch.department, rng)
        span = (
            (item.review_limit * 1.6 + 1, item.review_limit * 2.5 + 2)
            if late
            else (0.3, max(0.5, item.review_limit * 1.2))
        )
        if reviewer is None or not _advance(clock, rng, real_now, span):
            return
        agree = not (target == "denied" and not branch.is_lead)
        services.review_decide(branch=branch, by=reviewer, agree=agree, reason="" if agree else "现场核查不符合条件")
    if target in ("reviewing", "joining") or not _advance(clock, rng, real_now, (0.2, 1.5)):
        return
    granted = target != "denied"
    services.application_conclude(
        application=application,
        by=staff,
        granted=granted,
        reason="" if granted else "经并联审查，现场条件不符合要求",
        doc_no=f"仑{item.lead_department.short_name[:2]}许〔{clock['now']:%Y}〕{rng.randint(1, 999)}号",
        certificate_no=f"{item.code[-4:]}{rng.randint(10**7, 10**8 - 1)}" if granted else "",
    )
    if target == "concluded" or not granted or not _advance(clock, rng, real_now, (0.5, 4)):
        return
    services.application_deliver(
        application=application, by=staff, method=rng.choice(["窗口领取", "邮政寄递", "电子证照"])
    )


def remove_placeholder_clocks() -> int:
    """The clock issue seeded demo clocks before real cases existed; real applications replace them."""
    deleted, _rows = Clock.objects.filter(subject_type="demo.case").delete()
    return deleted


def seed_hall(progress=print, applications: int = APPLICATIONS) -> dict:
    remove_placeholder_clocks()
    progress("服务事项……")
    items = seed_items()
    attach_forms(items)
    if not Application.objects.exists():
        progress(f"办件（{applications}件，按模拟时间逐步办理，约需一两分钟）……")
    made = seed_applications(items, applications, progress)
    scan()
    return {"items": len(items), "applications": made}
