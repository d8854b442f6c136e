"""A third party's number written by staff into an application's correction (issue 20; cases/transitions.py
`written_numbers_refused`, whose rule tests/cases/test_written_numbers.py states): refused on the page and in the
API, nothing recorded, no one told."""

from __future__ import annotations

from django.urls import reverse

from zhengtong.approvals import services
from zhengtong.cases.transitions import TEXT_HOLDS_NUMBERS
from zhengtong.notifications.models import Message

from .. import factories as f
from ..factories import valid_id_number

_ID = valid_id_number()
_ITEMS = ["营业执照副本", f"房屋出租人王秀兰（身份证{_ID}，手机13857461234）的租赁合同"]


def _auth(user) -> dict:
    return {"HTTP_AUTHORIZATION": f"Token {f.api_key(user)}"}


def test_a_correction_naming_a_third_partys_id_is_refused_and_tells_no_one(
    client, item, zhangsan, lisi, uploads, form_data
):
    application = services.application_submit(item=item, applicant=zhangsan, data=form_data, uploads=uploads)
    told = Message.objects.count()
    refused = client.post(
        f"/api/v1/cases/applications/{application.pk}/actions/correction/",
        {"items": _ITEMS},
        content_type="application/json",
        **_auth(lisi),
    )
    assert refused.status_code == 400 and refused.json()["code"] == TEXT_HOLDS_NUMBERS
    assert "items" in refused.json()["fields"]
    application.refresh_from_db()
    assert application.status == "submitted" and not application.corrections.exists()
    assert Message.objects.count() == told
    assert _ID not in str(list(application.events.values_list("note", flat=True)))


def test_the_page_refuses_it_beside_the_field_and_keeps_the_words(
    verified_client, item, zhangsan, lisi, uploads, form_data
):
    application = services.application_submit(item=item, applicant=zhangsan, data=form_data, uploads=uploads)
    answer = verified_client(lisi).post(
        reverse("workbench_approvals:act", args=[application.pk, "correction"]), {"items": "\n".join(_ITEMS)}
    )
    page = answer.content.decode()
    assert answer.status_code == 400 and TEXT_HOLDS_NUMBERS in page and "此栏中有身份证号码" in page
    assert "营业执照副本" in page
    assert not application.corrections.exists()
