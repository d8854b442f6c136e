"""The hotline centre, its responsibility catalogue and mailboxes, and letters and calls (LETTERS, 5,000, by
default; the demo command's --letters sets it) over the last months, walked through the real services on a
simulated clock (decision 0005): every state, returns, co-handling, duplicates merged, late replies,
dissatisfied callbacks reopened, replies published masked."""

from __future__ import annotations

import datetime as dt
import functools
import random
import struct
import zlib

from django.utils import timezone

from zhengtong.core.errors import ZtError
from zhengtong.letters import services as svc
from zhengtong.letters.models import Centre, Channel, Letter, Mailbox, Responsibility, Satisfaction, Urgency
from zhengtong.org.models import Department, Membership
from zhengtong.supervision.scan import scan

from . import letters_data as data
from .hall import simulated_now

LETTERS = 5000
WALKED = 600  # each walks the real services, about 0.1 s a letter on SQLite; the rest are imported history
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平"


@functools.cache
def _photo() -> bytes:
    """A small grey PNG standing in for the photo a writer sends of a broken street lamp or a blocked drain."""
    width, height = 64, 48
    rows = b"".join(b"\x00" + bytes((x * 2 + y) % 256 for x in range(width)) for y in range(height))

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


def _department(suffix: str) -> Department:
    return Department.objects.get(code=f"330206{suffix}")


def seed_catalogue() -> None:
    if Centre.objects.exists():
        return
    Centre.objects.create(department=_department(data.CENTRE))
    for code, name, keywords, suffix in data.CATALOGUE:
        Responsibility.objects.create(
            code=code, name=name, keywords=keywords, department=_department(suffix), is_fallback=code == "unclear"
        )
    Mailbox.objects.create(code="quzhang", name="区长信箱", description="写给北仑区区长", sort_order=10)
    Mailbox.objects.create(code="zhuren", name="区府办主任信箱", department=_department("001"), sort_order=20)
    for n, suffix in enumerate(["023", "019", "004", "010", "013"], start=3):
        dept = _department(suffix)
        Mailbox.objects.create(
            code=f"dept-{suffix}", name=f"{dept.short_name or dept.name}局长信箱", department=dept, sort_order=10 * n
        )


def _people(suffix: str) -> tuple:
    dept = _department(suffix)
    clerk = (
        Membership.objects.filter(department=dept, is_head=False, user__is_active=True).select_related("user").first()
    )
    head = Membership.objects.filter(department=dept, is_head=True, user__is_active=True).select_related("user").first()
    return dept, clerk.user if clerk else None, head.user if head else None


class Walk:
    """One letter from intake as far as its age allows; `step` moves the simulated clock and stops at now."""

    def __init__(self, rng, clock, real_now, teams, operator):
        self.rng, self.clock, self.real_now, self.teams, self.operator = rng, clock, real_now, teams, operator

    def step(self, hours: float) -> bool:
        self.clock["now"] += dt.timedelta(hours=hours)
        if self.clock["now"] >= self.real_now:
            self.clock["now"] = self.real_now
            return False
        return True

    def text(self, n: int) -> tuple[str, str, str, str]:
        rng = self.rng
        code = data.CATALOGUE[n % len(data.CATALOGUE)][0]
        kind, title, content = rng.choice(data.LETTERS[code])
        fill = {
            "street": rng.choice(data.STREETS),
            "place": rng.choice(data.PLACES),
            "estate": rng.choice(data.ESTATES),
            "n": rng.randrange(2, 12),
        }
        return code, kind, title.format(**fill), content.format(**fill)

    def writer(self, n: int) -> dict:
        rng = self.rng
        if n % 7 == 0:
            return {"anonymous": True, "writer_name": "", "writer_phone": ""}
        name = rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(["", rng.choice(GIVEN)])
        return {
            "writer_name": name,
            "writer_phone": f"13{rng.randrange(5, 10)}{rng.randrange(10**8):08d}",
            "anonymous": False,
        }

    def submit(self, n: int, previous: Letter | None):
        rng = self.rng
        code, kind, title, content = self.text(n)
        writer = self.writer(n)
        if n % 5 == 1 and not writer["anonymous"]:  # some writers put their own details in the text: published masked
            content = (
                f"我叫{writer['writer_name']}，电话{writer['writer_phone']}，"
                f"住{rng.choice(data.ESTATES)}{rng.randrange(1, 30)}幢{rng.randrange(101, 1802)}室。" + content
            )
        channel = [Channel.WEB, Channel.PHONE, Channel.PHONE, Channel.WEB, Channel.MAILBOX][n % 5]
        extra = {}
        if channel == Channel.PHONE:
            extra = {
                "by": self.operator,
                "received_at": self.clock["now"],
                "urgency": Urgency.URGENT if n % 50 == 7 else Urgency.NORMAL,
            }
        if channel == Channel.MAILBOX:
            extra["mailbox"] = Mailbox.objects.order_by("sort_order")[n % 7]
        if channel != Channel.PHONE:  # web writers proved their mobile with an SMS code on the form
            extra["phone_verified"] = not writer["anonymous"]
        if channel == Channel.WEB and n % 4 == 0:  # a photo of the problem
            extra["attachments"] = [(f"现场照片{n}.png", _photo())]
        if n % 100 in (3, 4, 5) and previous is not None:  # someone else writes about the same thing
            title, content, kind = (
                previous.title,
                previous.content + rng.choice(["请尽快处理！", "谢谢。", "盼复。"]),
                previous.kind,
            )
        return code, svc.letter_submit(
            channel=channel,
            kind=kind,
            title=title,
            content=content,
            public_allowed=n % 5 in (1, 2, 3),
            **writer,
            **extra,
        ).letter

    def run(self, n: int, previous: Letter | None) -> Letter | None:
        code, letter = self.submit(n, previous)
        op, roll = self.operator, n % 100
        if n % 100 == 6 and not letter.anonymous:  # the same writer sends it again: one case
            svc.letter_submit(
                channel=letter.channel,
                kind=letter.kind,
                title=letter.title,
                content=letter.content,
                writer_name=letter.writer_name,
                writer_phone=letter.writer_phone,
                **({"by": op} if letter.channel == Channel.PHONE else {}),
            )
        if not self.step(self.rng.uniform(0.2, 1.5) if roll % 9 else self.rng.uniform(2.5, 6)):  # some accepted late
            return letter
        if roll < 3:
            svc.letter_decline(letter=letter, by=op, reason="来信内容不明确，无具体诉求，已告知来信人补充后再反映。")
            return letter
        if roll in (3, 4, 5) and letter.possible_duplicate_id:
            svc.letter_merge(letter=letter, into=letter.possible_duplicate, by=op)
            return letter
        right = self.teams[code]
        first = self.teams["unclear"] if roll in range(7, 12) and code != "unclear" else right
        co = [self.teams[data.CATALOGUE[(n + 3) % len(data.CATALOGUE)][0]][0]] if 12 <= roll < 20 else []
        co = [d for d in co if d != first[0]]
        svc.letter_dispatch(
            letter=letter, by=op, department=first[0], co_departments=co, category=Responsibility.objects.get(code=code)
        )
        if not self.step(self.rng.uniform(0.5, 12)):
            return letter
        if first is not right:
            svc.letter_return(
                letter=letter, by=first[1], department=first[0], reason="该事项不属于本单位职责，建议改派。"
            )
            if not self.step(self.rng.uniform(1, 8)):
                return letter
            if roll <= 9:
                svc.letter_review_return(letter=letter, by=op, approve=True)
                svc.letter_dispatch(
                    letter=letter, by=op, department=right[0], category=Responsibility.objects.get(code=code)
                )
                first = right
            else:
                svc.letter_review_return(
                    letter=letter, by=op, approve=False, note="经核，该事项属于你单位属地管理范围，请继续办理。"
                )
        dept, clerk, head = first
        if letter.assignments.filter(department=dept, state="pending").exists():
            svc.letter_sign(letter=letter, by=clerk, department=dept)
        for other in co:
            if not self.step(self.rng.uniform(4, 30)):
                return letter
            svc.letter_co_opinion(
                letter=letter,
                by=self.teams_by_dept[other.pk][1],
                department=other,
                opinion="经核查，同意主办单位意见，我单位将配合处理。",
            )
        late = 20 <= roll < 28
        if not self.step(self.rng.uniform(24 * 8, 24 * 14) if late else self.rng.uniform(6, 24 * 4)):
            return letter
        reply = self.rng.choice(data.REPLIES)
        svc.letter_draft_reply(letter=letter, by=clerk, text=reply)
        if not self.step(self.rng.uniform(1, 20)):
            return letter
        if n % 10 == 0:
            svc.letter_review_reply(letter=letter, by=head, approve=False, note="请补充整改时限和后续跟踪措施。")
            svc.letter_draft_reply(letter=letter, by=clerk, text=reply + "我单位将在10个工作日内完成整改并回访。")
        svc.letter_review_reply(letter=letter, by=head, approve=True)
        return self.callback(n, letter)

    def callback(self, n: int, letter: Letter) -> Letter:
        op = self.operator
        if not self.step(self.rng.uniform(12, 72)):
            return letter
        if letter.anonymous and not letter.writer_phone:
            result = "unreachable"
        else:
            result = ["2", "unreachable", "3", "3", "3"][n % 20] if n % 20 < 5 else self.rng.choice(["5", "5", "4"])
        note = "电话回访：对处理结果不满意，问题仍未解决" if result == "2" else "电话回访"
        svc.letter_callback(letter=letter, by=op, result=result, note=note)
        if result == "2":
            if not self.step(self.rng.uniform(2, 24)):
                return letter
            if n % 40 == 0:
                svc.letter_reopen(letter=letter, by=op, reason="来信人反映问题仍未解决，退回重办。")
                return letter
            svc.letter_close(letter=letter, by=op, note="经审核，答复已依法依规作出解释，予以办结。")
        if letter.public_allowed:
            svc.letter_publish(letter=letter, by=op)
        return letter


def _history(rng, count: int, start: dt.datetime, end: dt.datetime, teams) -> list:
    rows = []
    span = (end - start).total_seconds()
    walk = Walk(rng, None, None, teams, None)
    for n in range(count):
        code, kind, title, content = walk.text(n)
        writer = walk.writer(n)
        received = start + dt.timedelta(seconds=span * n / max(count, 1) + rng.randrange(0, 3600))
        accepted = received + dt.timedelta(hours=rng.uniform(0.2, 1.8) if n % 11 else rng.uniform(2.5, 5))
        replied = accepted + dt.timedelta(days=rng.uniform(9, 16) if n % 12 == 0 else rng.uniform(0.3, 4))
        satisfaction = (
            Satisfaction.UNREACHABLE
            if writer["anonymous"]
            else [Satisfaction.DISSATISFIED, Satisfaction.BASICALLY, Satisfaction.BASICALLY][n % 20]
            if n % 20 < 3
            else Satisfaction.SATISFIED
        )
        rows.append(
            svc.Historical(
                channel=[Channel.WEB, Channel.PHONE, Channel.PHONE, Channel.WEB, Channel.MAILBOX][n % 5],
                kind=kind,
                title=title,
                content=content,
                received_at=received,
                accepted_at=accepted,
                department=teams[code][0],
                replied_at=replied,
                reply=rng.choice(data.REPLIES),
                closed_at=replied + dt.timedelta(days=rng.uniform(1, 3)),
                satisfaction=satisfaction,
                category=Responsibility.objects.get(code=code),
                public_allowed=n % 5 in (1, 2, 3),
                **writer,
            )
        )
    return rows


def seed_letters(count: int = LETTERS, progress=print) -> int:
    if Letter.objects.exists():
        return 0
    seed_catalogue()
    rng = random.Random(12345)
    teams = {code: _people(suffix) for code, _name, _kw, suffix in data.CATALOGUE}
    operator = _people(data.CENTRE)[1]
    real_now = timezone.now()
    walked = min(WALKED, max(count // 2, 1))
    days = min(35, max(10, walked // 16))  # about 17 a day, as in a district of 400,000
    start = real_now - dt.timedelta(days=days)
    if count > walked:
        imported = svc.letters_import(
            rows=_history(rng, count - walked, real_now - dt.timedelta(days=300), start, teams), by=operator
        )
        progress(f"    原热线系统历史来信 {len(imported)} 件（已办结，按原办理记录导入）")
    previous = None
    for n in range(walked):
        moment = start + dt.timedelta(seconds=days * 24 * 3600 * n / walked + rng.randrange(0, 3600))
        with simulated_now(min(moment, real_now)) as clock:
            walk = Walk(rng, clock, real_now, teams, operator)
            walk.teams_by_dept = {t[0].pk: t for t in teams.values()}
            try:
                previous = walk.run(n, previous) or previous
            except ZtError:
                # a step the simulated clock could not take (e.g. a review before a draft): the letter stays
                # where it got to
                pass
    scan()  # letters left late by the walk turn red now, as the periodic scan would have made them
    progress(f"    来信来电 {count} 件（近期 {walked} 件各种状态；含退单、协办、重复合并、超期、重办和公开答复）")
    return Letter.objects.count()
