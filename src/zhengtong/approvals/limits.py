"""The limits a guide may publish (行政许可法 第四十二条): a licence is decided within 20 working days, 45 for joint
or unified handling, unless a law or regulation sets another limit ("法律、法规另有规定的，依照其规定"), which
the guide then names; the committed limit (承诺时限) never exceeds the statutory one, whatever the item."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext as _

from .models import ItemType

LICENCE_DAYS = 20
JOINT_LICENCE_DAYS = 45

COMMITTED_OVER = "COMMITTED_OVER_STATUTORY"
STATUTORY_OVER = "STATUTORY_OVER_LAW"
FIGURE_OUT_OF_RANGE = "GUIDE_FIGURE_OUT_OF_RANGE"


def figure_problems(model: type[models.Model], values: dict) -> dict:
    """{field: [{code, message}]} for each count or time limit in `values` outside its field's bounds (the guide's
    models): the service and the Excel import check one rule, as the page's form does through the same validators."""
    problems = {}
    for name, value in values.items():
        field = model._meta.get_field(name)
        if not isinstance(field, models.IntegerField) or value is None:
            continue
        try:
            field.run_validators(value)
        except ValidationError:
            bound = min(v.limit_value for v in field.validators if isinstance(v, MaxValueValidator))
            message = _("%(field)s应为0至%(max)s之间的整数。") % {"field": field.verbose_name, "max": bound}
            problems[name] = [{"code": FIGURE_OUT_OF_RANGE, "message": message}]
    return problems


def limit_problems(*, item_type: str, legal: int, committed: int, joint: bool, limit_basis: str) -> dict:
    """{field: [{code, message}]} for each limit the law refuses; empty when the limits are lawful."""
    problems = {}
    cap = JOINT_LICENCE_DAYS if joint else LICENCE_DAYS
    if item_type == ItemType.LICENSING and legal > cap and not (limit_basis or "").strip():
        message = _(
            "行政许可法第四十二条：行政许可应在%(cap)s个工作日内作出决定%(joint)s；法定办结时限超过%(cap)s个工作日的，"
            "请在“法定时限依据”中写明规定该时限的法律、法规及条款。"
        ) % {"cap": cap, "joint": _("（联合办理、并联审批）") if joint else ""}
        problems["legal_limit"] = [{"code": STATUTORY_OVER, "message": message}]
    if committed > legal:
        message = _("承诺办结时限（%(c)s个工作日）不能超过法定办结时限（%(l)s个工作日）。") % {
            "c": committed,
            "l": legal,
        }
        problems["committed_limit"] = [{"code": COMMITTED_OVER, "message": message}]
    return problems
