"""The 政府信息公开指南 names the office that handles disclosure, with its address, hours, telephone, fax and
online contact (条例 Art. 12: "政府信息公开指南包括……政府信息公开工作机构的名称、办公地址、办公时间、联系电话、
传真号码、互联网联系方式等内容", and it is to be kept up to date). Art. 12 binds every people's government and
every department of a government at county level and above: each organ that answers requests has its own guide
and its own office. The system administrator keeps these on the admin site; each change is audited and the
guide shows the date it was last changed."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone

from zhengtong.audit.models import OperationLog
from zhengtong.disclosure.models import GuideOffice

FIELDS = {
    "name": "北仑区人民政府办公室政务公开科",
    "address": "宁波市北仑区长江路1166号",
    "postcode": "315800",
    "office_hours": "工作日 8:30—12:00，14:00—17:30",
    "phone": "0574-86888888",
    "fax": "0574-86888899",
    "email": "gkb@bl.gov.cn",
}


def test_the_guide_lists_the_office_and_the_date_it_was_last_changed(client, district):
    GuideOffice.objects.create(department=district["government"], **FIELDS)
    guide = client.get(reverse("disclosure:guide")).content.decode()
    assert "北仑区人民政府政府信息公开指南" in guide
    for value in FIELDS.values():
        assert value in guide
    assert f"更新日期：{timezone.localdate().isoformat()}" in guide
    assert f"{reverse('disclosure:request_new')}?department=330206000" in guide  # the online way to ask this organ


def test_each_department_has_its_own_guide_naming_its_own_office(client, district):
    GuideOffice.objects.create(department=district["government"], **FIELDS)
    GuideOffice.objects.create(
        department=district["A"], **{**FIELDS, "name": "区市场监管局办公室", "phone": "0574-86780000"}
    )
    overview = client.get(reverse("disclosure:guide")).content.decode()
    for organ in ("A", "B"):  # the government's guide lists every department's (an internal office answers no requests)
        assert reverse("disclosure:guide_organ", args=[organ]) in overview
    assert reverse("disclosure:guide_organ", args=["A1"]) not in overview
    guide_a = client.get(reverse("disclosure:guide_organ", args=["A"])).content.decode()
    assert (
        "区市场监督管理局政府信息公开指南" in guide_a and "区市场监管局办公室" in guide_a and "0574-86780000" in guide_a
    )
    assert FIELDS["name"] not in guide_a
    assert reverse("disclosure:department", args=["A"]) in guide_a  # its own catalogue
    assert client.get(reverse("disclosure:guide_organ", args=["A1"])).status_code == 404


def test_a_department_without_an_office_on_record_gives_its_own_address_and_telephone(client, district):
    district["B"].address, district["B"].phone, district["B"].office_hours = (
        "北仑区明州路1号",
        "0574-86881234",
        "工作日 9:00—17:00",
    )
    district["B"].save()
    guide = client.get(reverse("disclosure:guide_organ", args=["B"])).content.decode()
    assert "北仑区明州路1号" in guide and "0574-86881234" in guide and "工作日 9:00—17:00" in guide
    assert "更新日期" not in guide
    assert f"{reverse('disclosure:request_new')}?department=B" in guide


def test_the_request_form_opens_on_the_organ_whose_guide_linked_to_it(client, district, zhangsan):
    client.force_login(zhangsan)
    page = client.get(f"{reverse('disclosure:request_new')}?department=B").content.decode()
    assert f'<option value="{district["B"].pk}" selected>' in page


def test_without_any_office_on_record_the_guide_says_where_to_ask(client, db):
    guide = client.get(reverse("disclosure:guide")).content.decode()
    assert "工作机构" in guide and reverse("disclosure:request_new") in guide
    assert "更新日期" not in guide


def test_the_system_administrator_edits_it_and_the_change_is_audited(verified_client, admins, district):
    client = verified_client(admins["system"])
    response = client.post(
        reverse("admin:disclosure_guideoffice_add"), {**FIELDS, "department": district["government"].pk}
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    office = GuideOffice.objects.get()
    assert OperationLog.objects.filter(action="admin.disclosure.guideoffice.create", object_id=str(office.pk)).exists()
    response = client.post(
        reverse("admin:disclosure_guideoffice_change", args=[office.pk]),
        {**FIELDS, "fax": "", "department": district["government"].pk},
    )
    assert response.status_code == 302
    assert OperationLog.objects.filter(action="admin.disclosure.guideoffice.change").exists()
    assert "0574-86888899" not in client.get(reverse("disclosure:guide")).content.decode()
    second = client.post(
        reverse("admin:disclosure_guideoffice_add"), {**FIELDS, "department": district["government"].pk}
    )
    assert second.status_code == 200 and GuideOffice.objects.count() == 1  # one office per organ


def test_a_clerk_cannot_edit_it(verified_client, lisi):
    assert verified_client(lisi).get(reverse("admin:disclosure_guideoffice_changelist")).status_code == 302
