"""Issue 19, bad input: a refused action on a letter's page answers with the refusal's status and keeps what was
typed and chosen (it used to redirect to an empty form); nothing changes."""

from __future__ import annotations

from django.urls import reverse

from zhengtong.letters import services

from .conftest import submit


def test_a_dispatch_to_the_region_keeps_the_note_and_the_choices(hotline, district, verified_client):
    letter = submit().letter
    answer = verified_client(hotline["operator"]).post(
        reverse("workbench_letters:act", args=[letter.number, "dispatch"]),
        {"department": district["region"].pk, "co": [district["B"].pk], "note": "请于三日内联系来信人"},
    )
    page = answer.content.decode()
    assert answer.status_code == 400 and 'data-code="LETTER_NOT_A_HANDLER"' in page
    assert 'value="请于三日内联系来信人"' in page
    assert f'<option value="{district["B"].pk}" selected>' in page
    letter.refresh_from_db()
    assert letter.state == "submitted"


def _reply_under_review(hotline, district, lisi):
    """A letter whose reply the department drafted and its head now reviews."""
    letter = services.letter_dispatch(letter=submit().letter, by=hotline["operator"], department=district["A"])
    services.letter_sign(letter=letter, by=lisi, department=district["A"])
    services.letter_draft_reply(letter=letter, by=lisi, text="经检查，已责令整改。")
    return letter


def test_a_reply_returned_without_its_note_keeps_the_letter_under_review(hotline, district, lisi, verified_client):
    letter = _reply_under_review(hotline, district, lisi)
    answer = verified_client(hotline["head_a"]).post(
        reverse("workbench_letters:act", args=[letter.number, "review_reply"]), {"approve": "0", "note": ""}
    )
    assert answer.status_code == 400 and 'data-code="LETTER_REASON_REQUIRED"' in answer.content.decode()
    letter.refresh_from_db()
    assert letter.state == "review"


def test_a_draft_refused_keeps_the_text_typed(hotline, district, lisi, verified_client):
    letter = _reply_under_review(hotline, district, lisi)
    # the draft is with the head now: a second draft is out of its state
    answer = verified_client(lisi).post(
        reverse("workbench_letters:act", args=[letter.number, "draft"]), {"text": "补充：已回访。"}
    )
    page = answer.content.decode()
    assert answer.status_code == 409 and 'role="alert"' in page and "审核" in page


def test_an_action_url_opened_by_get_leads_back_to_the_letter(hotline, verified_client):
    letter = submit().letter
    answer = verified_client(hotline["operator"]).get(reverse("workbench_letters:act", args=[letter.number, "decline"]))
    assert answer.status_code == 302 and answer["Location"] == reverse("workbench_letters:detail", args=[letter.number])
