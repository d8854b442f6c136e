from __future__ import annotations

from zhengtong.letters import services
from zhengtong.letters.models import Kind


def submit(by=None, **extra):
    values = {
        "channel": "web",
        "kind": Kind.COMPLAINT,
        "title": "小区门口餐馆油烟扰民",
        "content": "新碶街道某小区门口的餐馆每天晚上油烟很大，食品卫生也令人担心，请相关部门检查处理。",
        "writer_name": "张三",
        "writer_phone": "13805740001",
        "public_allowed": True,
    }
    return services.letter_submit(by=by, **{**values, **extra})


def handled(hotline, district, lisi, **extra):
    """A letter dispatched to A, signed, drafted by 李四 and approved by A's head: awaiting the callback."""
    letter = submit(**extra).letter
    services.letter_dispatch(letter=letter, by=hotline["operator"], department=district["A"])
    services.letter_sign(letter=letter, by=lisi, department=district["A"])
    services.letter_draft_reply(letter=letter, by=lisi, text="经现场检查，该餐馆已安装油烟净化设施，并责令整改。")
    return services.letter_review_reply(letter=letter, by=hotline["head_a"], approve=True)
