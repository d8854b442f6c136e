"""An ID number in what a person wrote is shown to staff masked, and whole only on an audited reveal (issue 20,
item 7: "each such view of an ID number is audited"; 个人信息保护法 第五十一条). Outside attack, session 62: a
letter's workbench page showed the ID numbers its writer put in the text to every member of staff who could open
it, and wrote no audit row. A case type names such texts (`CaseType.personal_texts`); their ID numbers and card
numbers are masked on its pages, and the whole text is revealed as a personal field is."""

from __future__ import annotations

import pytest
from django.urls import reverse

from zhengtong.audit.models import OperationLog
from zhengtong.org.models import DataScope

from .. import factories as f
from ..letters.conftest import submit
from .conftest import registered_request

ID = f.valid_id_number(sequence=5)
CARD = "6222021234567890128"


@pytest.fixture
def letter(hotline, district, lisi):
    from zhengtong.letters import services

    content = f"本人身份证号{ID}，补贴应打入工行卡{CARD}，至今未到账，请核查。"
    letter = submit(content=content).letter
    services.letter_dispatch(letter=letter, by=hotline["operator"], department=district["A"])
    return letter


def test_the_handling_clerk_reads_the_text_with_its_id_number_masked_and_reveals_it_audited(
    verified_client, letter, lisi
):
    client = verified_client(lisi)
    page = client.get(reverse("workbench_letters:detail", args=[letter.number])).content.decode()
    assert ID not in page and CARD not in page
    assert f"{ID[:6]}********{ID[-4:]}" in page and "补贴应打入工行卡" in page  # the rest of the text is read
    url = reverse("workbench_cases:reveal", args=["letters", letter.number, "content"])
    assert url in page

    answer = client.post(url, HTTP_HX_REQUEST="true").content.decode()
    assert ID in answer and CARD in answer
    row = OperationLog.objects.get(action="letters.reveal")
    assert row.actor_id == lisi.pk and "来信内容" in str(row.changes)


def test_a_supervisor_reads_the_text_masked_and_is_refused_the_whole_audited(verified_client, letter, district):
    supervisor = f.staff("p_all", "全部", district["B"], f.role("r_all", DataScope.ALL))
    client = verified_client(supervisor)
    page = client.get(reverse("workbench_letters:detail", args=[letter.number]))
    assert page.status_code == 200 and ID not in page.content.decode()
    refused = client.post(reverse("workbench_cases:reveal", args=["letters", letter.number, "content"]))
    assert refused.status_code == 403 and ID not in refused.content.decode()
    assert OperationLog.objects.filter(action="letters.denied.reveal", actor_id=supervisor.pk).exists()


def test_a_text_without_an_identifier_is_shown_whole_and_offers_no_reveal(verified_client, hotline, district, lisi):
    from zhengtong.letters import services

    letter = submit().letter
    services.letter_dispatch(letter=letter, by=hotline["operator"], department=district["A"])
    page = verified_client(lisi).get(reverse("workbench_letters:detail", args=[letter.number])).content.decode()
    assert letter.content in page
    assert reverse("workbench_cases:reveal", args=["letters", letter.number, "content"]) not in page


@pytest.fixture
def request_case(district):
    """A disclosure request whose text names the applicant's ID number, and the clerk who registered it."""
    return registered_request(district, f"请公开本人（身份证号{ID}）名下房屋的征收补偿决定。")


def test_a_disclosure_requests_text_is_shown_to_staff_with_its_id_number_masked(verified_client, request_case):
    clerk, case = request_case
    client = verified_client(clerk)
    page = client.get(reverse("workbench_disclosure:request", args=[case.pk])).content.decode()
    assert ID not in page and "名下房屋的征收补偿决定" in page
    answer = client.post(reverse("workbench_cases:reveal", args=["disclosure-requests", case.pk, "content"]))
    assert ID in answer.content.decode()
    assert OperationLog.objects.filter(action="disclosure.reveal", actor_id=clerk.pk).exists()


def test_the_case_api_gives_the_text_masked_as_the_page_does(verified_client, request_case):
    """Review (session 62): the disclosure requests' API listed the text whole beside its masked `personal` entry,
    so the masking and its audit were one request away."""
    clerk, case = request_case
    client = verified_client(clerk)
    detail = client.get(f"/api/v1/cases/disclosure-requests/{case.pk}/").json()
    listed = client.get("/api/v1/cases/disclosure-requests/").json()
    assert ID not in str(detail) and ID not in str(listed)
    assert "名下房屋的征收补偿决定" in detail["content"]
