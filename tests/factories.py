"""Factories and the named personas every test suite uses (STYLE.md: 张三, 李四 of department A, 王五 of B)."""

from __future__ import annotations

import itertools

from django_otp.plugins.otp_totp.models import TOTPDevice

from zhengtong.accounts.models import User
from zhengtong.core.ids import id_number_check_char, uscc_check_char
from zhengtong.org import services as org_services
from zhengtong.org.models import DataScope, Department, Role

PASSWORD = "Beilun#2026test"
_serial = itertools.count(1)


def valid_id_number(birth: str = "19850312", region: str = "330206", sequence: int | None = None) -> str:
    # Generated sequences stay clear of 000-099, kept for tests that name one, or a long run's counter would come
    # round to a named one and register the same person twice.
    seq = sequence if sequence is not None else 100 + next(_serial) % 900
    first17 = f"{region}{birth}{seq:03d}"
    return first17 + id_number_check_char(first17)


def valid_uscc(body: str | None = None) -> str:
    body = body or f"91330206MA2C{next(_serial):05d}"
    return body + uscc_check_char(body)


def department(code: str, name: str, parent: Department | None = None, kind=Department.Kind.DEPARTMENT) -> Department:
    return org_services.department_create(parent=parent, code=code, name=name, kind=kind)


def role(code: str, scope: str = DataScope.DEPARTMENT, duty: str = "") -> Role:
    return Role.objects.get_or_create(code=code, defaults={"name": code, "data_scope": scope, "duty": duty})[0]


def staff(username: str, name: str, dept: Department, *roles: Role, password: str | None = PASSWORD) -> User:
    user = org_services.staff_onboard(
        username=username, real_name=name, password=password, department=dept, roles=roles
    )
    TOTPDevice.objects.create(user=user, name="测试设备", confirmed=True)
    return user


def totp_now(user: User) -> str:
    from django_otp.oath import totp

    device = TOTPDevice.objects.get(user=user, confirmed=True)
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def api_key(user: User) -> str:
    """A live API key for `user`, as its owner would issue it on 我的接口密钥 (accounts/tokens.py)."""
    from zhengtong.accounts.tokens import token_issue

    return token_issue(user=user, name="测试")[1]
