"""A department's telephone, address and functions and a member of staff's duties are printed on public pages and
the API (issue 20, round 2 of the outside attack: an administrator's edit published a mobile, an ID number and a
home address there). The admin form and the services refuse them, naming the field."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from zhengtong.core.errors import InvalidInput
from zhengtong.org import services
from zhengtong.org.models import Membership

from .. import factories as f


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("phone", "13805740083"),
        ("address", "绿城春江花园9幢806室"),
        ("functions", "投诉联系人：13805740082，身份证330206199003071231。"),
    ],
)
def test_a_department_s_public_field_with_personal_data_is_refused(db, district, field, value):
    department = district["A"]
    setattr(department, field, value)
    with pytest.raises(ValidationError) as refused:
        department.full_clean()
    assert field in refused.value.message_dict


def test_an_office_s_landline_and_address_are_its_own(db, district):
    department = district["A"]
    department.phone, department.address = "0574-86781234", "北仑区明州路188号"
    department.full_clean()


def test_duties_with_personal_data_are_refused_by_the_form_and_the_service(db, district):
    clerk = f.staff("zz", "张三", district["A"])
    membership = Membership.objects.get(user=clerk)
    membership.duties = "工作手机13805740081"
    with pytest.raises(ValidationError):
        membership.full_clean()
    with pytest.raises(InvalidInput) as refused:
        services.membership_add(user=clerk, department=district["A"], duties="住绿城春江花园9幢805室")
    assert refused.value.code == "PERSONAL_DATA" and "duties" in refused.value.fields
