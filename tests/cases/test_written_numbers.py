"""What staff send with a case's step (a reason, a correction's items, an answer, a reply, a note, a document's
number, a delivery's method) holds no number that reaches a person (issue 20; 条例 Art. 15; 个人信息保护法 第六条, the
least data a purpose needs). Outside attacks, session 63: a third party's ID number and mobile written in an
application's correction were sent to the applicant (his messages, his SMS), shown to anyone with the receipt and
its query code on the status page and in the API, and stored in clear; in a disclosure answer they were printed in
the answer letter's PDF; then, once the texts of each step were listed, in a decision's document number, a
licence's number and a delivery's method, which no list named. So the engine reads every parameter of every staff
step but those a step says may name someone (`Action.may_name`), on the page and in the API alike."""

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
_CASE_TYPES = (APPLICATION, REQUEST, DOCUMENT, LETTER, SHARE_REQUEST)
_STAFF_STEPS = [(t, step.name) for t in _CASE_TYPES for step in t.actions if not step.applicant]


def _posted(**values) -> QueryDict:
    data = QueryDict(mutable=True)
    for field, value in values.items():
        data.setlist(field, value if isinstance(value, list) else [value])
    return data


@pytest.mark.django_db
@pytest.mark.parametrize(("case_type", "name"), _STAFF_STEPS, ids=lambda v: getattr(v, "subject", v))
@pytest.mark.parametrize(
    "number",
    [f"身份证号码{_ID}", "手机13957412366", "银行卡6222021202041234567", "车牌浙B3K7Q9", "邮箱chenzq1985@163.com"],
)
def test_a_persons_number_sent_with_a_staff_step_is_refused_naming_the_field(case_type, name, number):
    for field in ("note", "doc_no", "method", "items"):  # any parameter, listed by no one
        with pytest.raises(InvalidInput) as refused:
            written_numbers_refused(case_type, name, _posted(csrfmiddlewaretoken="x", **{field: f"陈志强（{number}）"}))
        assert refused.value.code == TEXT_HOLDS_NUMBERS and list(refused.value.fields) == [field]
        assert _ID not in str(refused.value.message) and "13957412366" not in str(refused.value.message)


@pytest.mark.django_db
def test_every_item_of_a_list_is_read():
    with pytest.raises(InvalidInput):
        written_numbers_refused(APPLICATION, "correction", _posted(items=["营业执照副本", f"身份证{_ID}"]))


@pytest.mark.django_db
def test_an_applicants_own_step_and_a_third_partys_contact_are_not_refused():
    """A resubmission carries his own answers (his ID number among them, kept in fields made for it); a consulted
    third party's contact is given to reach him (条例 第三十二条)."""
    written_numbers_refused(APPLICATION, "resubmit", _posted(id_number=_ID, phone="13957412366"))
    written_numbers_refused(REQUEST, "consult", _posted(third_party="个体工商户陈志强，手机13957412366"))
    with pytest.raises(InvalidInput):
        written_numbers_refused(REQUEST, "consulted", _posted(opinion="陈志强（13957412366）不同意公开"))


@pytest.mark.django_db
def test_an_offices_telephone_a_firms_landline_and_a_licences_number_stay(district):
    district["A"].phone = "0574-86781300"
    district["A"].save()
    for text in (
        "如有疑问请致电0574-86781300",
        "已电话联系该公司（0574-86881234）",
        "请补充营业执照副本2份",
        "仑市监食许〔2026〕88号",
        "JY13302060012345",
        "浙(2026)宁波市(北仑)不动产权第0123456号",
        "邮政寄递",
    ):
        written_numbers_refused(APPLICATION, "conclude", _posted(doc_no=text, certificate_no=text, reason=text))


def test_every_caller_that_takes_a_steps_first_check_itself_reads_what_was_sent_too():
    """`perform` reads what staff send; a page or an API that runs `state_first` and then the step itself must call
    `written_numbers_refused` too. The review of session 63 found the data-sharing request's page had not."""
    from pathlib import Path

    import zhengtong

    sources = [p for p in Path(zhengtong.__file__).parent.rglob("*.py") if p.name != "transitions.py"]
    callers = [p for p in sources if "state_first(" in p.read_text(encoding="utf-8")]
    assert len(callers) >= 2
    assert [p.name for p in callers if "written_numbers_refused(" not in p.read_text(encoding="utf-8")] == []
