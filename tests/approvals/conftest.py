from __future__ import annotations

import pytest

from zhengtong.approvals.models import FormField, ItemType, Material, ServiceItem, ServiceType

from ..files import samples


def make_item(
    district,
    *,
    code="330206-XK-0001",
    name="食品经营许可",
    parallel=True,
    service_type=ServiceType.PROMISED,
    online=True,
):
    item = ServiceItem.objects.create(
        code=code,
        name=name,
        item_type=ItemType.LICENSING,
        service_type=service_type,
        basis="《中华人民共和国食品安全法》第三十五条",
        lead_department=district["A"],
        conditions="具备与经营食品相适应的场所",
        process="申请→受理→审查→决定→送达",
        legal_limit=20,
        committed_limit=10,
        accept_limit=5,
        review_limit=5,
        location="北仑区行政服务中心2楼",
        hours="工作日 8:30-17:00",
        visits=0,
        phone="0574-86781300",
        complaint_phone="0574-12345",
        result="食品经营许可证",
        for_legal_persons=True,
        online=online,
    )
    if parallel:
        item.co_departments.add(district["B"])
    Material.objects.create(item=item, name="营业执照", order=1)
    Material.objects.create(item=item, name="场所平面图", order=2, required=False)
    FormField.objects.create(item=item, key="shop_name", label="店铺名称", order=1)
    FormField.objects.create(item=item, key="area", label="经营面积（平方米）", kind=FormField.Kind.NUMBER, order=2)
    return item


@pytest.fixture
def item(district):
    return make_item(district)


@pytest.fixture
def uploads(item):
    licence = item.materials.get(name="营业执照")
    return {licence.pk: [("营业执照.pdf", samples.pdf())]}


@pytest.fixture
def form_data():
    return {"shop_name": "港城小吃", "area": "45"}
