"""No collecting again (DOMAIN.md §6): a licence granted in the service hall becomes the electronic-licence
register's record; the next application by the same enterprise is pre-filled from the legal-person register and
does not ask again for a licence the platform holds (免提交), where the item's department may read the register;
an enterprise account's registered data comes from the legal-person register."""

from __future__ import annotations

import pytest

from zhengtong.accounts import services as account_services
from zhengtong.approvals import services
from zhengtong.approvals.models import FormField, Material
from zhengtong.core.errors import InvalidInput
from zhengtong.sharing.models import LegalPerson, Licence, Register

from .. import factories as f
from ..approvals.conftest import make_item
from ..files import samples
from .conftest import make_resource


@pytest.fixture
def enterprise(registers):
    found = LegalPerson.objects.get(name="宁波港城贸易有限公司")
    return account_services.enterprise_register(
        uscc=found.uscc,
        enterprise_name="港城贸易",
        legal_representative="某人",
        password=f.PASSWORD,
        mobile="13805740077",
    )


@pytest.fixture
def licence_resource(registers):
    """The licence register's resource, provided by department A (the hall's licensing department)."""
    items = [("number", "证照编号", "C"), ("kind", "证照名称", "C"), ("holder_uscc", "持证单位代码", "C")]
    return make_resource("A-0002", "电子证照", registers["A"], Register.LICENCE, items)


def _granted(item, enterprise, lisi, wangwu):
    licence = item.materials.get(name="营业执照")
    application = services.application_submit(
        item=item,
        applicant=enterprise,
        data={"shop_name": "港城小吃", "area": "45"},
        uploads={licence.pk: [("营业执照.pdf", samples.pdf())]},
    )
    application = services.application_accept(application=application, by=lisi)
    for branch in application.branches.all():
        services.review_decide(branch=branch, by=lisi if branch.department.code == "A" else wangwu, agree=True)
    return services.application_conclude(
        application=application,
        by=lisi,
        granted=True,
        doc_no="仑市监食许〔2026〕88号",
        certificate_no="JY13302060012345",
    )


def test_an_enterprise_account_takes_its_registered_data_from_the_register(enterprise):
    assert (enterprise.enterprise_name, enterprise.legal_representative) == ("宁波港城贸易有限公司", "王小明")


def test_a_licence_granted_in_the_hall_is_in_the_register(registers, enterprise, lisi, wangwu):
    application = _granted(make_item(registers), enterprise, lisi, wangwu)
    licence = Licence.objects.get(application_id=application.pk)
    assert (licence.number, licence.kind, licence.holder_uscc) == (
        "JY13302060012345",
        "食品经营许可证",
        enterprise.uscc,
    )
    assert licence.issued_by_id == registers["A"].pk


def test_the_next_application_is_prefilled_and_the_held_licence_is_not_asked_again(
    verified_client, client, registers, enterprise, lisi, wangwu, legal_resource, licence_resource
):
    _granted(make_item(registers), enterprise, lisi, wangwu)
    renewal = make_item(registers, code="330206-XK-0002", name="食品经营许可（延续）", parallel=False)
    Material.objects.create(item=renewal, name="食品经营许可证", order=3, licence_kind="食品经营许可证")
    FormField.objects.create(item=renewal, key="unit_name", label="单位名称", order=0)
    client.force_login(enterprise)
    page = client.get(f"/services/items/{renewal.code}/apply/").content.decode()
    assert 'value="宁波港城贸易有限公司"' in page  # from the legal-person register
    assert "免提交" in page and "JY13302060012345" in page
    assert "免提交" in client.get(f"/services/items/{renewal.code}/").content.decode()  # the guide marks it
    # The service agrees: the licence material may be left out, the other required one may not.
    licence_material = renewal.materials.get(name="营业执照")
    application = services.application_submit(
        item=renewal,
        applicant=enterprise,
        data={"shop_name": "港城小吃", "area": "45", "unit_name": "x"},
        uploads={licence_material.pk: [("营业执照.pdf", samples.pdf())]},
    )
    assert application.pk


def test_without_a_grant_the_hall_asks_again(client, registers, enterprise, lisi, wangwu):
    """Department B's item: B holds no grant on the licence register, so the licence is asked for."""
    _granted(make_item(registers), enterprise, lisi, wangwu)
    item = make_item(registers, code="330206-XK-0003", parallel=False)
    item.lead_department = registers["B"]
    item.save()
    Material.objects.create(item=item, name="食品经营许可证", order=3, licence_kind="食品经营许可证")
    assert "免提交" not in client.get(f"/services/items/{item.code}/").content.decode()  # the guide promises nothing
    with pytest.raises(InvalidInput):
        services.application_submit(
            item=item,
            applicant=enterprise,
            data={"shop_name": "港城小吃", "area": "45"},
            uploads={item.materials.get(name="营业执照").pk: [("营业执照.pdf", samples.pdf())]},
        )


def test_a_certificate_number_the_organ_already_issued_is_refused_with_its_code(registers, enterprise, lisi):
    from zhengtong.core.errors import Conflict
    from zhengtong.sharing.services.licences import licence_record

    values = {
        "number": "JY1",
        "kind": "食品经营许可证",
        "holder_name": "x",
        "issued_by": registers["A"],
        "item_code": "x",
    }
    licence_record(application_id=1, **values)
    with pytest.raises(Conflict) as info:
        licence_record(application_id=2, **values)
    assert info.value.code == "SHARING_LICENCE_TAKEN"
    assert licence_record(application_id=3, **{**values, "issued_by": registers["B"]})  # another organ's series


def test_the_licence_check_is_planned_for_the_department_it_asks_about(registers, licence_resource):
    """Issue 26: the service guide asks whether its department reads the licence register. Prepared, the look-up
    got a generic plan that scanned every grant when the department held none (66 ms at 1,000,000 grants, and
    growing with them). On PostgreSQL it is planned for its values each time; the answers stay."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from zhengtong.sharing.prefill import reads_licences

    assert reads_licences(registers["A"].pk) and not reads_licences(registers["B"].pk)
    with CaptureQueriesContext(connection) as seen:
        reads_licences(registers["B"].pk)
    statements = [q["sql"] for q in seen.captured_queries if "SAVEPOINT" not in q["sql"]]  # the test's transaction
    if connection.vendor == "postgresql":
        assert statements[0] == "SET LOCAL plan_cache_mode = force_custom_plan", statements
        assert all("sharing_" in s for s in statements[1:]) and len(statements) >= 2
    else:  # SQLite plans every statement for its values
        assert not any("plan_cache_mode" in s for s in statements)
