"""Citizens and enterprises register themselves; bad identifiers are refused with a Chinese message and code."""

from __future__ import annotations

import pytest
from django.urls import reverse

from zhengtong.accounts import services
from zhengtong.accounts.models import User
from zhengtong.audit.models import OperationLog
from zhengtong.core.crypto import blind_index
from zhengtong.core.errors import InvalidInput

from .. import factories as f


def _citizen_form(**overrides):
    data = {
        "real_name": "张三",
        "id_number": f.valid_id_number(),
        "mobile": "13805740009",
        "email": "",
        "password": f.PASSWORD,
        "password2": f.PASSWORD,
        "consent": "on",
    }
    data.update(overrides)
    return data


def test_a_citizen_registers_and_is_logged_in(client, db):
    response = client.post(reverse("accounts:register_citizen"), _citizen_form())
    assert response.status_code == 302
    user = User.objects.get(mobile_index=blind_index("13805740009"))
    assert user.kind == User.Kind.CITIZEN and user.real_name == "张三"
    assert client.session["_auth_user_id"] == str(user.pk)
    assert OperationLog.objects.filter(action="accounts.citizen.register", object_id=str(user.pk)).exists()


def test_a_wrong_id_number_is_refused_with_a_chinese_message_and_code(client, db):
    valid = f.valid_id_number()
    data = _citizen_form(id_number=valid[:17] + ("1" if valid[17] != "1" else "2"))  # any other check character
    response = client.post(reverse("accounts:register_citizen"), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "公民身份号码校验位不正确" in page and "ID_CHECKSUM" in page
    assert not User.objects.exists()


def test_a_duplicate_id_number_is_refused(client, zhangsan):
    response = client.post(
        reverse("accounts:register_citizen"), _citizen_form(id_number=zhangsan.id_number, mobile="13805740010")
    )
    assert "ID_DUPLICATE" in response.content.decode()
    assert User.objects.filter(id_number_index=blind_index(zhangsan.id_number)).count() == 1


def test_a_common_password_is_refused(client, db):
    response = client.post(
        reverse("accounts:register_citizen"), _citizen_form(password="password", password2="password")
    )
    assert "PASSWORD_WEAK" in response.content.decode()
    assert not User.objects.exists()


def test_a_contact_is_required(client, db):
    response = client.post(reverse("accounts:register_citizen"), _citizen_form(mobile=""))
    assert "CONTACT_REQUIRED" in response.content.decode()


def test_an_enterprise_registers_with_its_uscc(client, db):
    uscc = f.valid_uscc()
    response = client.post(
        reverse("accounts:register_enterprise"),
        {
            "enterprise_name": "宁波示范有限公司",
            "uscc": uscc,
            "legal_representative": "陈明",
            "mobile": "13805740011",
            "password": f.PASSWORD,
            "password2": f.PASSWORD,
            "consent": "on",
        },
    )
    assert response.status_code == 302
    assert User.objects.get(uscc=uscc).kind == User.Kind.ENTERPRISE


def test_an_enterprise_with_a_bad_uscc_is_refused(client, db):
    uscc = f.valid_uscc()
    bad = uscc[:-1] + ("0" if uscc[-1] != "0" else "1")
    response = client.post(
        reverse("accounts:register_enterprise"),
        {
            "enterprise_name": "宁波示范有限公司",
            "uscc": bad,
            "legal_representative": "陈明",
            "mobile": "13805740011",
            "password": f.PASSWORD,
            "password2": f.PASSWORD,
            "consent": "on",
        },
    )
    assert "USCC_CHECKSUM" in response.content.decode()


def test_the_service_refuses_everything_the_form_refuses(db):
    """The API and commands call the service directly: it must not rely on the form's checks."""
    with pytest.raises(InvalidInput) as info:
        services.citizen_register(real_name="张三", id_number="123", password=f.PASSWORD, mobile="13805740012")
    assert info.value.code == "ID_FORMAT"
    assert not User.objects.exists()


@pytest.mark.real_hashing
def test_passwords_are_stored_with_argon2(db, settings):
    from zhengtong import settings as project_settings

    settings.PASSWORD_HASHERS = project_settings.PASSWORD_HASHERS
    user = services.citizen_register(
        real_name="张三", id_number=f.valid_id_number(), password=f.PASSWORD, mobile="13805740013"
    )
    assert user.password.startswith("argon2$")


def test_consent_to_the_privacy_policy_is_recorded_with_the_registration(client, db):
    """个人信息保护法 Art. 14: a consent that can be proven later, in the registration's audit row."""
    from zhengtong.audit.models import OperationLog

    client.post(reverse("accounts:register_citizen"), _citizen_form())
    row = OperationLog.objects.get(action="accounts.citizen.register")
    assert row.changes["privacy_consent"] == [None, "同意隐私政策"]
