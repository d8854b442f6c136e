"""Action parameters are read strictly (core/params.py): a value that is not what the field takes is refused,
naming the field, and never read as something else."""

from __future__ import annotations

import pytest
from django.http import QueryDict

from zhengtong.core import params
from zhengtong.core.errors import InvalidInput


def _data(**values) -> QueryDict:
    data = QueryDict(mutable=True)
    for name, value in values.items():
        data.setlist(name, value if isinstance(value, list) else [value])
    return data


def test_a_yes_is_a_yes_and_anything_unclear_is_refused():
    assert params.flag(_data(agree="true"), "agree") and params.flag(_data(agree="1"), "agree")
    assert not params.flag(_data(agree="0"), "agree")
    with pytest.raises(InvalidInput) as refused:
        params.flag(_data(agree="同意"), "agree")
    assert "agree" in refused.value.fields


@pytest.mark.parametrize("sent", [{}, {"agree": None}])
def test_a_decision_not_given_is_refused_not_read_as_no(sent):
    """A review sent without `agree` (or with null) was recorded as 不同意 (outside try, session 51): a decision is
    given or refused, naming the field. A checkbox left unticked is a no only where the caller says so."""
    with pytest.raises(InvalidInput) as refused:
        params.flag(params.from_json(sent), "agree")
    # one shape for every refusal's fields (the services' own): code and message
    assert refused.value.fields["agree"] == [{"code": "INVALID_PARAMETER", "message": "请选择“是否同意”。"}]
    assert params.flag(params.from_json(sent), "agree", required=False) is False


@pytest.mark.parametrize(
    ("sent", "read"),
    [
        ({"department": [25]}, lambda d: params.identifier(d, "department")),
        ({"department": True}, lambda d: params.identifier(d, "department")),
        ({"department": 2.5}, lambda d: params.identifier(d, "department")),
        ({"content": 123}, lambda d: params.text(d, "content")),
        ({"content": {"a": 1}}, lambda d: params.text(d, "content")),
        ({"content": ["a", "b"]}, lambda d: params.text(d, "content")),
        ({"agree": 2}, lambda d: params.flag(d, "agree")),
        ({"items": [{"a": 1}]}, lambda d: params.lines(d, "items")),
    ],
)
def test_a_json_value_of_another_type_is_refused_naming_its_field(sent, read):
    """`{"department": [25]}` dispatched a letter, `true` was read as department 1 and a correction's `123` was
    recorded (outside try, session 51): sent as JSON, a value keeps its type until its field reads it."""
    with pytest.raises(InvalidInput) as refused:
        read(params.from_json(sent))
    assert list(refused.value.fields) == list(sent)


def test_json_values_of_the_right_type_read_as_the_forms_do():
    sent = params.from_json({"department": 25, "branch": "7", "agree": True, "text": "好", "items": ["甲", "乙"]})
    assert params.identifier(sent, "department") == 25 and params.identifier(sent, "branch") == 7
    assert params.flag(sent, "agree") is True and params.text(sent, "text") == "好"
    assert params.lines(sent, "items") == ["甲", "乙"]


def test_every_item_of_a_list_is_kept():
    assert params.lines(_data(items=["缺少营业执照", "缺少授权委托书"]), "items") == ["缺少营业执照", "缺少授权委托书"]
    assert params.lines(_data(items="缺少营业执照\n\n身份证复印件不清晰"), "items") == [
        "缺少营业执照",
        "身份证复印件不清晰",
    ]


@pytest.mark.parametrize("value", ["²", "1.5", "-3", "99999999999999999999999", "１２"])
def test_an_id_is_decimal_digits_in_range(value):
    with pytest.raises(InvalidInput):
        params.identifier(_data(branch=value), "branch")


def test_text_is_one_value_of_bounded_length():
    assert params.text(_data(reason="不符合条件"), "reason") == "不符合条件"
    with pytest.raises(InvalidInput):
        params.text(_data(reason="长" * (params.MAX_TEXT + 1)), "reason")
    with pytest.raises(InvalidInput):
        params.text(_data(reason=["一", "二"]), "reason")


@pytest.mark.parametrize(
    ("call", "label"),
    [
        (lambda: params.text(_data(reason="长" * (params.MAX_TEXT + 1)), "reason"), "理由"),
        (lambda: params.flag(_data(agree="同意"), "agree"), "是否同意"),
        (lambda: params.text(_data(branch=["1", "2"]), "branch"), "审查环节"),
        (lambda: params.identifier(_data(branch="x"), "branch"), "审查环节"),
        (lambda: params.whole_number(_data(expected_days="-1"), "expected_days"), "预计所需工作日"),
    ],
)
def test_a_refused_parameter_is_named_by_its_chinese_label_and_keyed_by_its_name(call, label):
    """Outside attack (session 48): the workbench's message and the API's read "“reason”不能超过2000个字": errors
    name the field in Chinese (DOMAIN: clear errors in Chinese that name the field); the API keeps the key."""
    with pytest.raises(InvalidInput) as refused:
        call()
    message = str(refused.value.message)
    assert f"“{label}”" in message and not any(c.isascii() and c.isalpha() for c in message), message
    assert list(refused.value.fields) and all(name.isascii() for name in refused.value.fields)


def test_a_refusal_names_the_field_as_the_review_form_calls_it():
    """Outside try: a document review's `justification` was called 申请理由 and its checkboxes by their keys; the
    form says 保留个人信息的理由 and 不涉及个人隐私."""
    with pytest.raises(InvalidInput) as decision:
        params.choice(params.from_json({"decision": "APPROVE"}), "decision", ("approve", "reject"))
    assert decision.value.message == "“审核结论”只能是：approve、reject。"
    with pytest.raises(InvalidInput) as privacy:
        params.flag(params.from_json({"no_privacy": "maybe"}), "no_privacy")
    assert "“不涉及个人隐私”" in privacy.value.message
    with pytest.raises(InvalidInput) as kept:
        params.text(params.from_json({"justification": 5}), "justification")
    assert "“保留个人信息的理由”" in kept.value.message


@pytest.mark.parametrize(
    ("call", "says"),
    [
        (lambda: params.identifier(_data(branch="1" * 30), "branch"), "应为编号"),
        (lambda: params.whole_number(_data(expected_days="9" * 13), "expected_days"), "之间的整数"),
        (lambda: params.flag(_data(promise="好"), "promise"), "“承诺书”"),
        (lambda: params.answer(_data(scale="x" * 3000), "scale", label="经营规模"), "“经营规模”"),
    ],
)
def test_a_refusal_says_what_the_value_should_be_and_names_a_forms_own_field_by_its_label(call, says):
    """Outside try, session 53: a branch id of 10³⁰ was told “审查环节”不能超过20个字 (an id, not a text); the
    承诺书's flag and a service form's own fields were named by their keys (“promise”, “scale”)."""
    with pytest.raises(InvalidInput) as refused:
        call()
    assert says in refused.value.message, refused.value.message
