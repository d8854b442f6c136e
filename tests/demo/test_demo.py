"""`zhengtong demo --no-serve` seeds 宁波市北仑区 and never duplicates anything when run again."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from zhengtong.accounts.models import User
from zhengtong.audit.selectors import chain_verify
from zhengtong.org.models import Department, Membership, RoleGrant
from zhengtong.org.scopes import user_scope


def _counts():
    return (Department.objects.count(), User.objects.count(), Membership.objects.count(), RoleGrant.objects.count())


@pytest.fixture
def seeded(db):
    out = io.StringIO()
    call_command("demo", "--no-serve", stdout=out)
    return out.getvalue()


def test_it_seeds_the_district(seeded):
    assert Department.objects.filter(kind=Department.Kind.DEPARTMENT).count() == 40
    assert Department.objects.filter(kind=Department.Kind.STREET).count() == 10
    assert Department.objects.filter(name="北仑区市场监督管理局").exists()
    staff = User.objects.filter(kind=User.Kind.STAFF)
    assert 200 <= staff.count() <= 220
    assert not Membership.objects.filter(post__isnull=True).exists()
    assert Membership.objects.exclude(duties="").count() == Membership.objects.count()


def test_it_prints_one_account_per_role(seeded):
    for text in ("张三", "lisi", "wangwu", "zhaoliu", "qianqi", "sysadmin", "secadmin", "auditor", "密码"):
        assert text in seeded


def test_running_it_again_duplicates_nothing(seeded):
    before = _counts()
    call_command("demo", "--no-serve", stdout=io.StringIO())
    assert _counts() == before


def test_demo_accounts_have_the_right_scopes(seeded):
    assert user_scope(User.objects.get(username="qianqi")).everything
    lisi = user_scope(User.objects.get(username="lisi"))
    assert lisi.department_ids and not lisi.everything


def test_the_seeded_audit_trail_verifies(seeded):
    result = chain_verify()
    assert result.ok and result.checked > 400


def test_demo_otp_prints_a_code_only_for_demo_devices(seeded):
    out = io.StringIO()
    call_command("demo_otp", "lisi", stdout=out)
    assert out.getvalue().strip().isdigit() and len(out.getvalue().strip()) == 6
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("demo_otp", "bl0001", stdout=io.StringIO())
