"""`zhengtong staff create`: an administrator creates a staff account with department, post and roles at once."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from zhengtong.accounts.models import User
from zhengtong.org.models import Post

from .. import factories as f


def test_it_creates_the_account_membership_and_roles(district, monkeypatch):
    Post.objects.create(department=district["A"], name="科员")
    f.role("clerk")
    monkeypatch.setattr("sys.stdin", io.StringIO(f.PASSWORD + "\n"))
    call_command(
        "staff",
        "create",
        "chenyi",
        "--name",
        "陈一",
        "--department",
        "A",
        "--post",
        "科员",
        "--role",
        "clerk",
        "--password-stdin",
        stdout=io.StringIO(),
    )
    user = User.objects.get(username="chenyi")
    assert user.kind == User.Kind.STAFF and user.primary_department_id == district["A"].pk
    assert user.memberships.get().post.name == "科员"
    assert list(user.role_grants.values_list("role__code", flat=True)) == ["clerk"]


def test_a_weak_password_leaves_nothing_behind(district, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO("123\n"))
    with pytest.raises(CommandError, match="PASSWORD_WEAK"):
        call_command("staff", "create", "chener", "--name", "陈二", "--department", "A", "--password-stdin")
    assert not User.objects.filter(username="chener").exists()


def test_an_unknown_department_is_refused(db):
    with pytest.raises(CommandError, match="机构编码"):
        call_command("staff", "create", "x", "--name", "某", "--department", "nope", "--password-stdin")
