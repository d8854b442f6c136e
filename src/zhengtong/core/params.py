"""An action's parameters as a workbench form or an API client sends them (a QueryDict: repeated keys for a
list), read strictly: a wrong value is refused naming the field, never read as something else.

The same helpers serve the pages and the API (cases/api.py), which take the same parameters to the same
services: a "true" that was read as false recorded the opposite decision, a list read as its last item dropped
a correction notice's other items, and a "²" that passed `isdigit` crashed `int`.
"""

from __future__ import annotations

from django.http import QueryDict

from .errors import InvalidInput

MAX_TEXT = 2000  # a reason, a note, an opinion: what the forms allow
MAX_ID = 2**63 - 1  # the largest key either database stores

TRUE = {"1", "true", "on", "yes"}
FALSE = {"0", "false", "off", "no", ""}


# What each parameter is called on the workbench's forms: a refusal names the field as the clerk reads it, the
# API's `fields` keeps the parameter's key.
LABELS = {
    "about": "所涉信件",
    "agree": "是否同意",
    "amount": "收费金额",
    "answer_reason": "具体情形",
    "answer_type": "答复类型",
    "approve": "是否批准",
    "approver": "审批人",
    "attachment": "附件",
    "branch": "审查环节",
    "category": "信件类别",
    "certificate_no": "证照编号",
    "co": "协办部门",
    "content": "补正内容",
    "decision": "审核结论",
    "department": "承办部门",
    "doc_no": "决定文书号",
    "expected_days": "预计所需工作日",
    "fields": "所需字段",
    "grant": "授权",
    "granted": "是否准予",
    "into": "并入的信件编号",
    "items": "补正事项",
    "justification": "保留个人信息的理由",
    "method": "方式",
    "no_commercial_secret": "不涉及商业秘密",
    "no_privacy": "不涉及个人隐私",
    "no_state_secret": "不涉及国家秘密",
    "note": "说明",
    "opinion": "意见",
    "page": "页码",
    "rate_per_minute": "每分钟调用次数",
    "reason": "理由",
    "replacement": "修订文件索引号",
    "promise": "承诺书",
    "result": "结果",
    "text": "内容",
    "third_party": "第三方",
}


def _invalid(name: str, message: str, label: str = "") -> InvalidInput:
    """`message` names the field by its label (`%(field)s`): the caller's (a service form's own field), else
    LABELS'."""
    message = message % {"field": f"“{label or LABELS.get(name, name)}”"}
    return InvalidInput(
        message, code="INVALID_PARAMETER", fields={name: [{"code": "INVALID_PARAMETER", "message": message}]}
    )


def from_json(data) -> QueryDict:
    """The parameters of a JSON body as the workbench form posts them (strings, a true/false as "1"/"0", a list
    as repeated values), each remembering the JSON type it was sent as (`sent_as`): a field refuses a value of a
    type it does not take instead of reading its text ({"department": [25]} dispatched a letter, `true` was read
    as department 1). An object is no parameter's value. A body that is not an object ([1, 2], "x", 5) is refused
    whole: read as no parameters, a refusal ran as one without its reason (an irregularity for 电子监察)."""
    if data is not None and not isinstance(data, dict):
        raise InvalidInput('请求内容应为 JSON 对象：{"参数名": 值, …}。', code="BODY_NOT_OBJECT")
    out = QueryDict(mutable=True)
    out.sent_as = {}
    for name, value in (data or {}).items():
        values = value if isinstance(value, list) else [value]
        if any(isinstance(v, (dict, list)) for v in values):
            raise _invalid(name, "%(field)s的格式不对。")
        out.sent_as[name] = (isinstance(value, list), {type(v) for v in values})
        out.setlist(name, ["1" if v is True else "0" if v is False else "" if v is None else str(v) for v in values])
    return out


def _sent_as(data, name: str, takes: set[type], *, many: bool = False, label: str = "") -> None:
    """Refused when a JSON body sent `name` as a type this field does not take (or as a list, to a field of one)."""
    was_list, types = getattr(data, "sent_as", {}).get(name, (False, set()))
    if was_list and not many:
        raise _invalid(name, "%(field)s只能填写一项。", label)
    if not types <= takes | {type(None)}:
        raise _invalid(name, "%(field)s的格式不对。", label)


def unknown(name: str) -> InvalidInput:
    """An id that names nothing there is (a department, a category): refused, not dropped."""
    return _invalid(name, "%(field)s不存在，请重新选择。")


def missing(name: str) -> InvalidInput:
    """A parameter the action needs that was not sent, named."""
    return _invalid(name, "请填写%(field)s。")


def _values(data, name: str) -> list:
    """Every value sent for `name`: a form's repeated keys, or a plain mapping's one value."""
    return data.getlist(name) if hasattr(data, "getlist") else [data.get(name)]


def given(data, name: str) -> bool:
    """Whether `name` was sent with a value, whatever its type."""
    values = _values(data, name)
    return any(value is not None and str(value).strip() for value in values)


def text(data, name: str, *, max_length: int = MAX_TEXT, needed: bool = False, one_of: tuple = ()) -> str:
    """`needed`: the step is refused without it, by its service (with the law's code and, for a refusal's reason,
    its record for 电子监察, which a refusal here would skip); said here so that the schema marks it required
    (cases/bodies.py). `one_of`: the words its service takes, refused there likewise (after who may take the step,
    which a refusal here would precede); said here for the schema's enum."""
    _sent_as(data, name, {str})
    return _text(data, name, max_length)


def answer(data, name: str, *, label: str = "", max_length: int = MAX_TEXT) -> str:
    """An answer to a service form's own field (`label`: what the form calls it), as text: a JSON number is its
    digits (a number field), a yes-or-no or an object is refused."""
    _sent_as(data, name, {str, int, float}, label=label)
    return _text(data, name, max_length, label=label)


def _text(data, name: str, max_length: int, *, label: str = "") -> str:
    """The value as text, one at most: for a reader that has checked its JSON type itself."""
    values = _values(data, name)
    if len(values) > 1:
        raise _invalid(name, "%(field)s只能填写一项。", label)
    value = "" if not values or values[0] is None else str(values[0])
    if len(value) > max_length:
        raise _invalid(name, f"%(field)s不能超过{max_length}个字。", label)
    return value


# A number's text is read up to this length, so a longer one is told what it should be (an id, a count), not that
# it is too long a text.
_NUMBER_TEXT = 100


def lines(data, name: str, *, max_length: int = MAX_TEXT, needed: bool = False) -> list[str]:
    """Items one per line, or a list of items: every one kept. `needed` as for `text`."""
    _sent_as(data, name, {str}, many=True)
    values = _values(data, name)
    items = [line.strip() for value in values if value for line in str(value).splitlines() if line.strip()]
    if sum(len(item) for item in items) > max_length:
        raise _invalid(name, f"%(field)s合计不能超过{max_length}个字。")
    return items


def choice(data, name: str, choices: tuple[str, ...]) -> str:
    """One of a few words (a review's approve or reject): anything else, or nothing, is refused naming them. A
    decision read as "approve or else reject" rejected on a misspelt approve."""
    value = text(data, name).strip()
    if value not in choices:
        raise _invalid(name, "%(field)s只能是：" + "、".join(choices) + "。")
    return value


def flag(data, name: str, *, required: bool = True) -> bool:
    """A decision, yes or no. Not given, it is refused (a review sent without `agree` was recorded as 不同意), unless
    the caller reads its absence as a no (`required=False`: a checkbox left unticked)."""
    _sent_as(data, name, {bool, int, str})
    value = _text(data, name, 10).strip().lower()
    if value in TRUE:
        return True
    if not value and required:
        raise _invalid(name, "请选择%(field)s。")
    if value in FALSE:
        return False
    raise _invalid(name, "%(field)s只能填“是”或“否”（1 或 0）。")


def identifier(data, name: str, *, needed: bool = False) -> int | None:
    """A row's id, or None when absent; anything but decimal digits in range is refused. `needed` as for `text`."""
    _sent_as(data, name, {int, str})
    value = _text(data, name, _NUMBER_TEXT).strip()
    if not value:
        return None
    if not (value.isascii() and value.isdecimal()) or not 0 < int(value) <= MAX_ID:
        raise _invalid(name, "%(field)s应为编号（数字）。")
    return int(value)


def whole_number(data, name: str, *, maximum: int = 100_000, needed: bool = False, least: int = 0) -> int | None:
    """A count (0 to `maximum`), or None when absent; anything else is refused, naming the field. `needed` as for
    `text`; `least`: the least its service takes, refused there (as `text`'s `one_of`), said here for the schema."""
    _sent_as(data, name, {int, str})
    value = _text(data, name, _NUMBER_TEXT).strip()
    if not value:
        return None
    if not (value.isascii() and value.isdecimal()) or int(value) > maximum:
        raise _invalid(name, f"%(field)s应为0到{maximum}之间的整数。")
    return int(value)


def identifiers(data, name: str) -> list[int]:
    _sent_as(data, name, {int, str}, many=True)
    values = data.getlist(name) if hasattr(data, "getlist") else (data.get(name) or [])
    out = []
    for value in values:
        found = identifier({name: value}, name)
        if found is not None:
            out.append(found)
    return out
