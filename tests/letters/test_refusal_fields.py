"""Issue 19, bad input: a refusal for missing words names the parameter the clerk or the program left empty, so a
form marks that field and the API lists it under `fields`. Several named `reason` where the action takes `note`,
and the co-handler's opinion was named `text`."""

from __future__ import annotations

import pytest

from zhengtong.core.errors import InvalidInput
from zhengtong.letters import services

from .conftest import submit


@pytest.mark.parametrize(
    ("service", "words"),
    [
        (services.letter_review_return, {"approve": False, "note": ""}),
        (services.letter_close, {"note": " "}),
        (services.letter_supervise, {"note": ""}),
        (services.letter_reopen, {"reason": ""}),
        (services.letter_decline, {"reason": ""}),
    ],
)
def test_the_centres_refusals_name_the_parameter_left_empty(hotline, service, words):
    with pytest.raises(InvalidInput) as refused:
        service(letter=submit().letter, by=hotline["operator"], **words)
    assert list(refused.value.fields) == [name for name in words if name != "approve"]


def test_a_departments_refusals_name_the_parameter_left_empty(hotline, district, lisi, wangwu):
    letter = services.letter_dispatch(
        letter=submit().letter, by=hotline["operator"], department=district["A"], co_departments=[district["B"]]
    )
    services.letter_sign(letter=letter, by=wangwu, department=district["B"])
    with pytest.raises(InvalidInput) as opinion:
        services.letter_co_opinion(letter=letter, by=wangwu, department=district["B"], opinion="")
    assert list(opinion.value.fields) == ["opinion"]
    services.letter_co_opinion(letter=letter, by=wangwu, department=district["B"], opinion="已配合现场检查。")
    services.letter_sign(letter=letter, by=lisi, department=district["A"])
    with pytest.raises(InvalidInput) as draft:
        services.letter_draft_reply(letter=letter, by=lisi, text="")
    assert list(draft.value.fields) == ["text"]
    services.letter_draft_reply(letter=letter, by=lisi, text="经检查，已责令整改。")
    with pytest.raises(InvalidInput) as review:
        services.letter_review_reply(letter=letter, by=hotline["head_a"], approve=False, note="")
    assert list(review.value.fields) == ["note"]


def test_a_dispatch_naming_a_department_or_category_that_does_not_exist_is_refused(hotline, district):
    """Outside try: `co=999999` dispatched the letter without its co-handler and `category=999999` without a
    category; an id that names nothing is a mistake, answered 400 naming it, and nothing is dispatched."""
    from django.http import QueryDict

    from zhengtong.cases.transitions import perform
    from zhengtong.core.errors import ZtError
    from zhengtong.letters.actions import ACTIONS
    from zhengtong.letters.case import LETTER

    for body, named in (
        (f"department={district['A'].pk}&co=999999", "co"),
        (f"department={district['A'].pk}&category=999999", "category"),
        (f"department={district['A'].pk}&co={district['A'].pk}", "co"),
    ):
        letter = submit().letter
        with pytest.raises(ZtError) as refused:
            perform(LETTER, ACTIONS, "dispatch", letter, hotline["operator"], QueryDict(body))
        assert list(refused.value.fields) == [named], body
        letter.refresh_from_db()
        assert letter.state == "submitted"


def test_a_callback_without_a_result_names_it(hotline):
    with pytest.raises(InvalidInput) as refused:
        services.letter_callback(letter=submit().letter, by=hotline["operator"], result="")
    assert list(refused.value.fields) == ["result"]
