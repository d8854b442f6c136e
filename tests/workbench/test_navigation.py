"""The workbench's navigation (issue 22 item 8): the modules a member of staff may open, from his roles. It is
on every workbench page, so it reads his roles once (issue 19: the clerk's queue over its target)."""

from __future__ import annotations

import pytest
from django.test import RequestFactory

from zhengtong.org.models import Role, RoleGrant
from zhengtong.workbench.context import modules

from .. import factories as f


def _labels(user) -> list[str]:
    request = RequestFactory().get("/workbench/")
    request.user = user
    return [str(s["label"]) for s in modules(request)["nav_sections"]]


@pytest.mark.django_db
def test_each_module_is_listed_to_whom_his_roles_open_it(district, lisi, admins):
    assert "电子监察" not in _labels(lisi) and "网站自查" not in _labels(lisi) and "操作日志" not in _labels(lisi)
    supervisor = f.staff(
        "jiancha", "监察员", district["A"], Role.objects.create(code="sup", name="监察", supervises=True)
    )
    assert {"电子监察", "网站自查"} <= set(_labels(supervisor))
    editing = Role.objects.create(code="ed", name="编辑", edits_site=True)
    editor = f.staff("bianji", "编辑", district["A"], editing)
    assert "网站自查" in _labels(editor) and "电子监察" not in _labels(editor)
    assert "操作日志" in _labels(admins["audit"])  # 三员: the audit duty, approved


@pytest.mark.django_db
def test_a_duty_awaiting_its_second_administrator_opens_nothing(district, admins):
    auditor = admins["audit"]
    RoleGrant.objects.filter(user=auditor).update(approved_at=None)
    assert "操作日志" not in _labels(auditor)


@pytest.mark.django_db
def test_the_navigation_reads_the_roles_in_one_query(district, lisi, django_assert_num_queries):
    with django_assert_num_queries(1):
        _labels(lisi)
