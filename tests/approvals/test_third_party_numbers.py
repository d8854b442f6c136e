"""A person's number written by staff where an application keeps it in clear (issue 20): a third party's in a
correction (cases/transitions.py `written_numbers_refused`, whose rule tests/cases/test_written_numbers.py states),
refused on the page and in the API, nothing recorded, no one told; and an applicant's own in his name at the
window."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from zhengtong.approvals import services
from zhengtong.approvals.models import Application
from zhengtong.cases.transitions import TEXT_HOLDS_NUMBERS
from zhengtong.notifications.models import Message

from .. import factories as f
from ..factories import valid_id_number
from ..files import samples

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


def test_a_window_applicants_name_holds_no_number(verified_client, item, lisi):
    """Outside attack, session 63: a name typed at the window with an ID number and a mobile in it was stored in
    clear (the contact mobile beside it is encrypted), shown whole on the staff page, and printed as the addressee of
    the 受理通知书 and the licence decision. Refused naming the field, as a letter's writer and a disclosure request's
    applicant are; a firm's name with digits in it is no number."""
    client = verified_client(lisi)
    licence = item.materials.get(name="营业执照")

    def register(name: str, key: str):
        return client.post(
            reverse("workbench_approvals:register"),
            {
                "item": item.code,
                "applicant_name": name,
                "contact_mobile": "13805740031",
                "received_at": "2026-11-20T09:15",
                "shop_name": "港城小吃",
                "area": "30",
                "idempotency_key": key,
                f"material_{licence.pk}": SimpleUploadedFile("营业执照.pdf", samples.pdf()),
            },
        )

    refused = register(f"王建国 身份证{_ID} 手机13805749876", "w1")
    assert refused.status_code == 400 and "APPLICANT_NAME_NOT_A_NAME" in refused.content.decode()
    assert not Application.objects.exists()
    assert register("58同城北仑服务站", "w2").status_code == 302
