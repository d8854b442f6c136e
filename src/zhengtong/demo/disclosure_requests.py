"""About 300 requests for disclosure since January 2025, walked through the real services on a simulated clock
(decision 0005), in every state and with every kind of answer; then the district's 2025 annual report, counted
from them and published through the usual review."""

from __future__ import annotations

import datetime as dt
import random

from django.utils import timezone

from zhengtong.core.errors import ZtError
from zhengtong.disclosure import report, services
from zhengtong.disclosure import requests as svc
from zhengtong.disclosure.answers import REASONS, AnswerType
from zhengtong.disclosure.models import ApplicantKind, Category, Channel, Document, Request
from zhengtong.org.models import Department, Membership

from .hall import simulated_now

REQUESTS = 300
WANTED = [
    "{year}年{subject}资金使用明细",
    "{subject}项目的环评批复文件",
    "本小区{subject}规划许可及附图",
    "{year}年{subject}检查结果",
    "{subject}征收补偿方案及补偿标准",
    "{subject}招标文件及中标结果",
    "关于{subject}的会议纪要",
    "{subject}行政处罚决定书",
]
SUBJECTS = ["老旧小区改造", "农村公路", "学校扩建", "垃圾中转站", "港区道路", "河道整治", "菜市场改造", "养老院建设"]
KINDS = (
    [ApplicantKind.PERSON] * 7
    + [ApplicantKind.BUSINESS] * 2
    + [ApplicantKind.LEGAL, ApplicantKind.RESEARCH, ApplicantKind.CHARITY, ApplicantKind.OTHER]
)
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平"
USCC_BODIES = ["91330206MA2CX1234", "91330206MA2GQ8P05", "52330206MJ9123456", "31330000MD0123456"]


def _answers():
    out = []
    for answer_type, reasons in REASONS.items():
        for code, _label in reasons:
            weight = 12 if answer_type == AnswerType.GRANTED else 3 if answer_type == AnswerType.PARTIAL else 1
            out += [(answer_type, code)] * weight
    # those two come from abandonment: a correction or a fee not made in time
    return [a for a in out if a not in ((AnswerType.OTHER, "not_corrected"), (AnswerType.OTHER, "fee_unpaid"))]


def _identifier(rng, kind) -> tuple[str, str]:
    from zhengtong.core.ids import id_number_check_char, uscc_check_char

    if kind != ApplicantKind.PERSON:
        body = rng.choice(USCC_BODIES)
        names = {
            ApplicantKind.BUSINESS: "宁波港城示范贸易有限公司",
            ApplicantKind.LEGAL: "浙江港城律师事务所",
            ApplicantKind.RESEARCH: "宁波海洋研究院",
            ApplicantKind.CHARITY: "北仑区慈善总会",
        }
        return names.get(kind, "北仑区某业主委员会"), body + uscc_check_char(body)

    birth = f"{rng.randrange(1950, 2003)}{rng.randrange(1, 13):02d}{rng.randrange(1, 29):02d}"
    first17 = f"330206{birth}{rng.randrange(1000):03d}"
    return rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(
        ["", rng.choice(GIVEN)]
    ), first17 + id_number_check_char(first17)


def _walk(rng, department, clerk, head, received: dt.date, state: dict) -> Request:
    kind = rng.choice(KINDS)
    name, identifier = _identifier(rng, kind)
    wanted = rng.choice(WANTED).format(year=received.year - 1, subject=rng.choice(SUBJECTS))
    request = svc.request_register(
        department=department,
        by=clerk,
        applicant_kind=kind,
        applicant_name=name,
        identifier=identifier,
        contact_phone=f"13{rng.randrange(5, 10)}{rng.randrange(10**8):08d}",
        content=wanted,
        channel=rng.choice([Channel.IN_PERSON, Channel.REGISTERED_POST, Channel.EMAIL, Channel.FAX]),
        received_on=received,
    )
    roll = rng.random()
    state["now"] += dt.timedelta(days=rng.uniform(0.5, 5))
    if roll < 0.05:
        svc.request_correction(request=request, by=clerk, items=["请写明所需信息的文号或形成时间"])
        return request  # waiting for the correction (or, if long ago, abandoned by the daily job below)
    if roll < 0.10:
        svc.request_correction(request=request, by=clerk, items=["请明确所需信息的范围"])
        state["now"] += dt.timedelta(days=rng.uniform(1, 6))
        request = svc.request_correct(request=request, by=clerk, content="所需信息为该项目的批复文件")
    if roll > 0.9 and timezone.localdate() - received < dt.timedelta(days=20):
        return request  # recent and still being handled
    if 0.10 <= roll < 0.16:
        request = svc.request_consult(request=request, by=clerk, third_party="宁波港城示范贸易有限公司")
        state["now"] += dt.timedelta(days=rng.uniform(2, 12))
        if roll < 0.12:
            return request  # still waiting for the third party
        request = svc.request_consulted(request=request, by=clerk, opinion="不同意公开涉及商业秘密的部分")
    if 0.16 <= roll < 0.22 and head is not None:
        svc.request_extend(request=request, by=clerk, approver=head, reason="申请公开的信息数量较大，需要检索整理")
        state["now"] += dt.timedelta(hours=rng.uniform(2, 30))
        request = svc.request_extend_decide(request=request, by=head, approve=True, note="同意")
        state["now"] += dt.timedelta(days=rng.uniform(10, 20))
    answer_type, reason = rng.choice(_answers())
    request = svc.request_answer(
        request=request,
        by=clerk,
        answer_type=answer_type,
        reason=reason,
        text=""
        if answer_type == AnswerType.GRANTED
        else "经检索，具体情况说明如下："
        + rng.choice(
            [
                "该信息属于内部讨论稿",
                "本机关不掌握该信息，建议向区住建局申请",
                "该信息涉及第三方商业秘密，已作区分处理",
                "该申请属于信访投诉类事项，已转信访部门办理",
                "该信息已主动公开",
            ]
        ),
    )
    state["now"] += dt.timedelta(days=rng.uniform(0.5, 3))
    if rng.random() < 0.9:
        request = svc.request_deliver(
            request=request, by=clerk, method=rng.choice(["邮寄送达", "当面领取", "电子邮件"])
        )
    return request


def seed_requests(count: int = REQUESTS, progress=print) -> int:
    if Request.objects.exists():
        return 0
    rng = random.Random(31)
    departments = []
    for department in Department.objects.filter(kind=Department.Kind.DEPARTMENT, code__startswith="330206").order_by(
        "code"
    )[:12]:
        clerk = Membership.objects.filter(department=department, is_head=False).select_related("user").first()
        head = Membership.objects.filter(department=department, is_head=True).select_related("user").first()
        if clerk:
            departments.append((department, clerk.user, head.user if head else None))
    real_now = timezone.now()
    start = dt.date(2025, 1, 6)
    span = (timezone.localdate() - start).days
    made = 0
    for n in range(count):
        department, clerk, head = departments[n % len(departments)]
        received = start + dt.timedelta(days=int(span * n / count) + rng.randrange(0, 3))
        received = min(received, timezone.localdate())
        moment = timezone.make_aware(dt.datetime.combine(received, dt.time(9, 30)))
        with simulated_now(moment) as clock:
            try:
                _walk(rng, department, clerk, head, received, clock)
            except ZtError:
                continue  # e.g. an action the simulated clock placed after "now": that request stays where it got to
            finally:
                clock["now"] = min(clock["now"], real_now)
        made += 1
    made += _fee_requests(departments[1], real_now)
    svc.requests_abandon_overdue()
    made += _citizen_requests(departments[0])
    progress(f"    依申请公开 {made} 件（各种状态、各类答复）")
    return made


def _fee_requests(office, real_now) -> int:
    """Two companies asking more than ten times in a month (国办函〔2020〕109号): two months ago one left its fee
    unpaid (treated as withdrawn) and paid another; today the other waits for its fee."""
    department, clerk, _head = office
    made = 0
    from zhengtong.core.ids import uscc_check_char

    companies = [
        ("宁波港城示范信息咨询有限公司", "91330206MA2HX7Q01", 2),
        ("北仑示范物流有限公司", "91330206MA2JK3R02", 0),
    ]
    for name, body, months_ago in companies:
        today = timezone.localtime(real_now).date()
        received = (today - dt.timedelta(days=61 * months_ago)).replace(day=3) if months_ago else today
        with simulated_now(timezone.make_aware(dt.datetime.combine(received, dt.time(9, 30)))):
            filed = [
                svc.request_register(
                    department=department,
                    by=clerk,
                    applicant_kind=ApplicantKind.BUSINESS,
                    applicant_name=name,
                    identifier=body + uscc_check_char(body),
                    contact_phone="0574-86780000",
                    content=f"{received.year}年第{n + 1}批企业年报抽查结果",
                    channel=Channel.EMAIL,
                    received_on=received,
                )
                for n in range(12 if months_ago else 11)
            ]
            for request in filed[10:]:
                svc.request_fee_notice(request=request, by=clerk)
            if months_ago:
                svc.request_fee_paid(request=filed[11], by=clerk, amount=filed[11].fee)
        made += len(filed)
    return made


def _citizen_requests(office) -> int:
    """The demo citizen 张三's own requests, filed online today: one to correct, one answered, one withdrawn."""
    from zhengtong.accounts.models import User

    department, clerk, _head = office
    citizen = User.objects.filter(kind=User.Kind.CITIZEN, id_number__isnull=False).order_by("pk").first()
    if citizen is None:
        return 0

    def filed(content):
        return svc.request_register(
            department=department,
            by=citizen,
            applicant_kind=ApplicantKind.PERSON,
            applicant_name=citizen.real_name,
            identifier=citizen.id_number,
            contact_phone=citizen.mobile or "13805740001",
            content=content,
        )

    svc.request_correction(
        request=filed("我家附近新建垃圾中转站的审批材料"), by=clerk, items=["请写明垃圾中转站的具体位置"]
    )
    answered = svc.request_answer(
        request=filed("2025年北仑区食品安全抽检结果"),
        by=clerk,
        answer_type=AnswerType.GRANTED,
        reason="proactive",
        text="该信息已在区政府网站“监督检查”栏目主动公开。",
    )
    svc.request_deliver(request=answered, by=clerk, method="网上送达")
    svc.request_withdraw(request=filed("某小区电梯加装补助名单"), by=citizen)
    return 3


def seed_annual_report(progress=print) -> Document | None:
    """The district government's 2025 report, counted from the requests and published through review."""
    government = Department.objects.filter(kind=Department.Kind.GOVERNMENT, code__startswith="330206").first()
    office = Department.objects.filter(short_name="区府办").first() or government
    staff = list(Membership.objects.filter(department=office).select_related("user")[:2])
    if (
        government is None
        or len(staff) < 2
        or Document.objects.filter(title__contains="2025年政府信息公开工作年度报告").exists()
    ):
        return None
    built = report.build(
        year=2025,
        department=government,
        narrative={
            "一": "2025年，北仑区深入贯彻《中华人民共和国政府信息公开条例》，"
            "围绕重点领域信息公开、政策解读和依申请公开规范办理，"
            "推进网上办事与政务公开融合，政府信息公开工作取得新进展。",
            "五": "部分部门政策解读形式较单一，依申请公开答复的说理还需加强。下一步将加强业务培训，完善答复文书模板。",
            "六": "本年度未收取信息处理费。",
        },
    )
    when = timezone.make_aware(dt.datetime(2026, 3, 20, 10))
    with simulated_now(when):
        document = services.document_create(
            department=government,
            by=staff[0].user,
            title=f"{government.name}2025年政府信息公开工作年度报告",
            issuing_org=government.name,
            doc_no="",
            category=Category.OTHER,
            topic="general",
            written_on=when.date(),
            body=report.body_html(built),
        )
        services.document_submit(document=document, by=staff[0].user)
        document = services.document_review(
            document=document,
            by=staff[1].user,
            approve=True,
            no_state_secret=True,
            no_commercial_secret=True,
            no_privacy=True,
        )
    balanced = "一致" if built.section3.balanced else "不一致"
    progress(f"    2025年度报告已发布（索引号 {document.index_no}；一+二=三+四 核对{balanced}）")
    return document
