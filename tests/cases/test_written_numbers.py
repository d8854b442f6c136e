"""What staff write into a case (a reason, a correction's items, an answer, a reply, a note) holds no number that
reaches a person (issue 20; 条例 Art. 15; 个人信息保护法 第六条, the least data a purpose needs). Outside attack,
session 63: a third party's ID number and mobile written in an application's correction was sent to the applicant
(his messages, his SMS), shown to anyone with the receipt and its query code on the status page and in the API,
and stored in clear; in a disclosure answer it was printed in the answer letter's PDF. Each step's texts are
declared in its case type's table (`Action.texts`) and the engine refuses such a number before the step runs,
naming the field, on the page and in the API alike."""

from __future__ import annotations

import pytest
from django.http import QueryDict

from zhengtong.approvals.case import APPLICATION
from zhengtong.cases.transitions import TEXT_HOLDS_NUMBERS, written_numbers_refused
from zhengtong.core.errors import InvalidInput
from zhengtong.disclosure.case import DOCUMENT, REQUEST
from zhengtong.letters.case import LETTER
from zhengtong.sharing.case import SHARE_REQUEST

from ..factories import valid_id_number

_ID = valid_id_number()
_DECLARED = [
    (case_type, step.name, field)
    for case_type in (APPLICATION, REQUEST, DOCUMENT, LETTER, SHARE_REQUEST)
    for step in case_type.actions
    for field, _label in step.texts
]


def _posted(field: str, text: str) -> QueryDict:
    data = QueryDict(mutable=True)
    data[field] = text
    return data


def test_the_steps_staff_write_to_the_applicant_declare_their_texts():
    declared = {(t.subject, name, field) for t, name, field in _DECLARED}
    assert (APPLICATION.subject, "correction", "items") in declared
    assert (APPLICATION.subject, "extend", "reason") in declared
    assert (REQUEST.subject, "answer", "text") in declared
    assert (LETTER.subject, "draft", "text") in declared


@pytest.mark.django_db
@pytest.mark.parametrize(("case_type", "name", "field"), _DECLARED, ids=lambda v: getattr(v, "subject", v))
@pytest.mark.parametrize(
    "number",
    [f"身份证号码{_ID}", "手机13957412366", "银行卡6222021202041234567", "车牌浙B3K7Q9", "邮箱chenzq1985@163.com"],
)
def test_a_persons_number_in_a_declared_text_is_refused_naming_the_field(case_type, name, field, number):
    with pytest.raises(InvalidInput) as refused:
        written_numbers_refused(case_type, name, _posted(field, f"请补充第三人陈志强（{number}）的书面意见"))
    assert refused.value.code == TEXT_HOLDS_NUMBERS and list(refused.value.fields) == [field]
    assert _ID not in str(refused.value.message) and "13957412366" not in str(refused.value.message)


@pytest.mark.django_db
def test_an_offices_telephone_and_a_firms_landline_stay_in_a_text(district):
    district["A"].phone = "0574-86781300"
    district["A"].save()
    for text in ("如有疑问请致电0574-86781300", "已电话联系该公司（0574-86881234）", "请补充营业执照副本2份"):
        written_numbers_refused(APPLICATION, "correction", _posted("items", text))
