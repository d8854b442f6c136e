"""The 政府信息公开指南 names the office that handles disclosure, with its address, hours, telephone, fax and
online contact (条例 Art. 12: "政府信息公开指南包括……政府信息公开工作机构的名称、办公地址、办公时间、联系电话、
传真号码、互联网联系方式等内容", and it is to be kept up to date). The system administrator keeps these on the
admin site; each change is audited and the guide shows the date it was last changed."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone

from zhengtong.audit.models import OperationLog
from zhengtong.disclosure.models import GuideOffice

FIELDS = {"name": "北仑区人民政府办公室政务公开科", "address": "宁波市北仑区长江路1166号", "postcode": "315800",
          "office_hours": "工作日 8:30—12:00，14:00—17:30", "phone": "0574-86888888", "fax": "0574-86888899",
          "email": "gkb@bl.gov.cn"}


def test_the_guide_lists_the_office_and_the_date_it_was_last_changed(client, db):
    GuideOffice.objects.create(**FIELDS)
    guide = client.get(reverse("disclosure:guide")).content.decode()
    for value in FIELDS.values():
        assert value in guide
    assert f"更新日期：{timezone.localdate().isoformat()}" in guide
    assert reverse("disclosure:request_new") in guide  # the online way to ask


def test_without_an_office_on_record_the_guide_says_where_to_ask(client, db):
    guide = client.get(reverse("disclosure:guide")).content.decode()
    assert "工作机构" in guide and reverse("disclosure:request_new") in guide
    assert "更新日期" not in guide


def test_the_system_administrator_edits_it_and_the_change_is_audited(verified_client, admins):
    client = verified_client(admins["system"])
    response = client.post(reverse("admin:disclosure_guideoffice_add"), FIELDS)
    assert response.status_code == 302, response.content.decode()[:2000]
    office = GuideOffice.objects.get()
    assert OperationLog.objects.filter(action="admin.disclosure.guideoffice.create", object_id=str(office.pk)).exists()
    response = client.post(reverse("admin:disclosure_guideoffice_change", args=[office.pk]), {**FIELDS, "fax": ""})
    assert response.status_code == 302
    assert OperationLog.objects.filter(action="admin.disclosure.guideoffice.change").exists()
    assert "0574-86888899" not in client.get(reverse("disclosure:guide")).content.decode()


def test_a_clerk_cannot_edit_it(verified_client, lisi):
    assert verified_client(lisi).get(reverse("admin:disclosure_guideoffice_changelist")).status_code == 302
