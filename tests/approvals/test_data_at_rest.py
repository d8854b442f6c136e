"""What an applicant types into an application's form, and into a draft of it, is stored encrypted (issue 20,
item 5 and done-when: a raw read of the database finds no ID number or mobile in clear; 个人信息保护法 第五十一条)."""

from __future__ import annotations

from zhengtong.approvals import services
from zhengtong.approvals.models import Application, Draft
from zhengtong.approvals.services import drafts

from ..privacy.test_at_rest import _everything_stored

MOBILE = "13905740075"


def test_an_application_s_form_and_its_draft_are_stored_encrypted(item, zhangsan, uploads):
    data = {"shop_name": f"港城小吃（联系{MOBILE}）", "area": "45"}
    drafts.draft_save(item=item, applicant=zhangsan, data=data, uploads={})
    application = services.application_submit(item=item, applicant=zhangsan, data=data, uploads=uploads)
    assert MOBILE not in _everything_stored()
    assert Application.objects.get(pk=application.pk).data["shop_name"] == data["shop_name"]
    assert Draft.objects.get().data["shop_name"] == data["shop_name"]


def test_a_form_s_answers_survive_a_serialise_and_load_round_trip(item, zhangsan, uploads):
    """Review of issue 20: dumping wrote the answers as JSON text, and loading kept that text as a string."""
    from django.core import serializers

    answers = {"shop_name": "港城小吃", "area": "45"}
    application = services.application_submit(item=item, applicant=zhangsan, data=answers, uploads=uploads)
    dumped = serializers.serialize("json", [application], fields=["data"])
    (loaded,) = serializers.deserialize("json", dumped)
    assert loaded.object.data == answers
