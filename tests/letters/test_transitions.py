"""The letter's transition table (letters/case.py): the centre, the main and co-handling departments and the
main department's head are each offered their own steps, in order (信访工作条例 第三十一条: 受理、交办、办理、
答复; 12345 热线 签收、退单、协办、回访). A step out of order is 409 naming the state, and audited."""

from __future__ import annotations

import pytest
from django.urls import reverse

from zhengtong.audit.models import OperationLog
from zhengtong.cases.transitions import allowed_actions
from zhengtong.core.errors import InvalidTransition
from zhengtong.letters import services
from zhengtong.letters.case import LETTER

from .conftest import submit


def test_each_hand_is_offered_its_own_steps_in_order(hotline, district, lisi, wangwu):
    operator, head_a = hotline["operator"], hotline["head_a"]
    letter = submit().letter
    assert allowed_actions(LETTER, letter, operator) == ("accept", "dispatch", "decline", "merge")
    assert allowed_actions(LETTER, letter, lisi) == ()
    letter = services.letter_dispatch(
        letter=letter, by=operator, department=district["A"], co_departments=[district["B"]]
    )
    assert allowed_actions(LETTER, letter, lisi) == ("sign", "return")
    assert allowed_actions(LETTER, letter, wangwu) == ("sign", "co_opinion")
    assert allowed_actions(LETTER, letter, operator) == ("merge", "supervise")
    letter = services.letter_sign(letter=letter, by=lisi, department=district["A"])
    assert allowed_actions(LETTER, letter, lisi) == ("return", "draft")
    services.letter_co_opinion(letter=letter, by=wangwu, department=district["B"], opinion="已配合现场检查。")
    letter = services.letter_draft_reply(letter=letter, by=lisi, text="经检查，已责令整改。")
    assert allowed_actions(LETTER, letter, head_a) == ("review_reply",)
    assert allowed_actions(LETTER, letter, lisi) == ()  # the drafter does not review his own reply


def test_a_step_out_of_order_is_409_naming_the_state_and_audited(hotline, district):
    letter = services.letter_dispatch(letter=submit().letter, by=hotline["operator"], department=district["A"])
    with pytest.raises(InvalidTransition) as refused:
        services.letter_callback(letter=letter, by=hotline["operator"], result="5")
    assert refused.value.status == 409 and "待签收" in str(refused.value.message)
    letter.refresh_from_db()
    assert letter.state == "dispatched" and not letter.satisfaction
    attempt = OperationLog.objects.get(action="letters.refused.callback")
    assert attempt.changes == {"user": [None, "op"], "state": [None, "dispatched"]}


def test_the_page_offers_the_reply_review_to_the_main_departments_head_only(hotline, district, lisi, verified_client):
    letter = services.letter_dispatch(letter=submit().letter, by=hotline["operator"], department=district["A"])
    services.letter_sign(letter=letter, by=lisi, department=district["A"])
    services.letter_draft_reply(letter=letter, by=lisi, text="经检查，已责令整改。")
    review = reverse("workbench_letters:act", args=[letter.number, "review_reply"])
    url = reverse("workbench_letters:detail", args=[letter.number])
    assert review in verified_client(hotline["head_a"]).get(url).content.decode()
    assert review not in verified_client(lisi).get(url).content.decode()


def test_a_letter_is_not_dispatched_to_the_region_no_one_signs_for(hotline, district):
    from zhengtong.core.errors import InvalidInput

    letter = submit().letter
    with pytest.raises(InvalidInput) as refused:
        services.letter_dispatch(letter=letter, by=hotline["operator"], department=district["region"])
    assert refused.value.code == "LETTER_NOT_A_HANDLER"
    letter.refresh_from_db()
    assert letter.state == "submitted" and not letter.assignments.exists()
