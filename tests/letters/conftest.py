from __future__ import annotations

import pytest

from zhengtong.letters import services
from zhengtong.letters.models import Centre, Kind, Mailbox, Responsibility
from zhengtong.org.models import Membership

from .. import factories as f


@pytest.fixture
def hotline(district):
    """The 12345 centre with an operator, a catalogue row per department and a fallback, the heads of A and B."""
    centre = f.department("C", "12345热线中心", district["government"])
    Centre.objects.create(department=centre)
    Responsibility.objects.create(code="food", name="食品安全", keywords="食品 餐馆 过期", department=district["A"])
    Responsibility.objects.create(code="medical", name="医疗服务", keywords="医院 挂号 医生", department=district["B"])
    Responsibility.objects.create(code="unclear", name="职责不清", department=district["government"], is_fallback=True)
    head_a = f.staff("head_a", "甲局长", district["A"])
    head_b = f.staff("head_b", "乙局长", district["B"])
    Membership.objects.filter(user__in=[head_a, head_b]).update(is_head=True)
    mailbox = Mailbox.objects.create(code="quzhang", name="区长信箱")
    return {"centre": centre, "operator": f.staff("op", "话务员", centre), "head_a": head_a, "head_b": head_b, "mailbox": mailbox}


def submit(by=None, **extra):
    values = {"channel": "web", "kind": Kind.COMPLAINT, "title": "小区门口餐馆油烟扰民",
              "content": "新碶街道某小区门口的餐馆每天晚上油烟很大，食品卫生也令人担心，请相关部门检查处理。",
              "writer_name": "张三", "writer_phone": "13805740001", "public_allowed": True}
    return services.letter_submit(by=by, **{**values, **extra})


def handled(hotline, district, lisi, **extra):
    """A letter dispatched to A, signed, drafted by 李四 and approved by A's head: awaiting the callback."""
    letter = submit(**extra).letter
    services.letter_dispatch(letter=letter, by=hotline["operator"], department=district["A"])
    services.letter_sign(letter=letter, by=lisi, department=district["A"])
    services.letter_draft_reply(letter=letter, by=lisi, text="经现场检查，该餐馆已安装油烟净化设施，并责令整改。")
    return services.letter_review_reply(letter=letter, by=hotline["head_a"], approve=True)
