"""`zhengtong demo --no-serve` seeds 宁波市北仑区 and never duplicates anything when run again.

The seeding takes seconds, so each test here checks several facts of one seeded database.
"""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import Q
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from zhengtong import privacy
from zhengtong.accounts.models import User
from zhengtong.approvals.models import Application, Material, ServiceItem
from zhengtong.audit.selectors import chain_verify
from zhengtong.disclosure import report, services
from zhengtong.disclosure.answers import AnswerType
from zhengtong.disclosure.models import Document, GuideOffice, Request, RequestState, State, Validity
from zhengtong.letters.models import Assignment, Letter
from zhengtong.letters.models import State as LetterState
from zhengtong.letters.selectors import monthly as letters_monthly
from zhengtong.org.models import Department, Membership, RoleGrant
from zhengtong.org.scopes import user_scope
from zhengtong.search.query import parse
from zhengtong.search.selectors import search
from zhengtong.supervision.models import Clock


def _counts():
    return (
        Department.objects.count(),
        User.objects.count(),
        Membership.objects.count(),
        RoleGrant.objects.count(),
        ServiceItem.objects.count(),
        Application.objects.count(),
        Clock.objects.count(),
        Letter.objects.count(),
    )


def _demo(documents=200):
    out = io.StringIO()
    call_command(
        "demo", "--no-serve", "--applications", "40", "--documents", str(documents), "--letters", "400", stdout=out
    )
    return out.getvalue()


def test_it_seeds_the_district_the_accounts_and_the_hall(db):
    printed = _demo(documents=5000)
    # the district: 40 departments, 10 streets, about 200 staff with posts and duties
    assert Department.objects.filter(kind=Department.Kind.DEPARTMENT).count() == 40
    assert Department.objects.filter(kind=Department.Kind.STREET).count() == 10
    assert Department.objects.filter(name="北仑区市场监督管理局").exists()
    assert 200 <= User.objects.filter(kind=User.Kind.STAFF).count() <= 220
    assert not Membership.objects.filter(post__isnull=True).exists()
    assert Membership.objects.exclude(duties="").count() == Membership.objects.count()
    # one demo account per role, printed, with the right scopes
    for text in ("张三", "lisi", "wangwu", "zhaoliu", "qianqi", "sysadmin", "secadmin", "auditor", "密码"):
        assert text in printed
    assert user_scope(User.objects.get(username="qianqi")).everything
    lisi = user_scope(User.objects.get(username="lisi"))
    assert lisi.department_ids and not lisi.everything
    # the service hall: 200 items with guides and materials, some parallel; applications in many states
    assert ServiceItem.objects.count() == 200
    assert not ServiceItem.objects.filter(materials__isnull=True).exists()
    assert ServiceItem.objects.filter(co_departments__isnull=False).exists()
    # every item's application form has a blank form and a filled-in sample to download (办事指南)
    forms = Material.objects.filter(name__in=("申请书", "申请表"))
    assert (
        forms.values("item").distinct().count() == 200
        and not forms.filter(Q(blank_form=None) | Q(sample=None)).exists()
    )
    guide = Client().get(reverse("approvals:guide", args=[forms.first().item.code])).content.decode()
    assert "空白表格" in guide and "示例样表" in guide
    assert 30 <= Application.objects.count() <= 40
    assert Application.objects.values("status").distinct().count() >= 5
    assert Clock.objects.filter(subject_type="approvals.application").exists()
    assert not Clock.objects.filter(subject_type="demo.case").exists()
    # the document library: about 5,000 published across departments and categories, every state a reviewer
    # meets, personal data masked in everything public and blocking the drafts that still carry it
    published = Document.objects.filter(state=State.PUBLISHED)
    assert published.count() >= 5000 and published.values("category").distinct().count() == 15
    assert published.values("department").distinct().count() >= 30
    assert {State.DRAFT, State.REVIEW} <= set(Document.objects.values_list("state", flat=True))
    # the home page's columns (issue 22 item 1), each with published items, and a site editor to set them
    for code in ("news", "notices", "interpretations"):
        assert published.filter(column__code=code, column__on_home=True).exists(), code
    assert User.objects.get(username="wangwu").role_grants.filter(role__edits_site=True).exists()
    assert (
        published.filter(validity=Validity.AMENDED).exists() and published.filter(validity=Validity.REPEALED).exists()
    )
    assert published.filter(interprets__isnull=False).exists()
    assert not any(
        privacy.scan(services.body_text(d), allow=services.public_strings(d))
        for d in published.select_related("department")
        if "身份证" in d.body
    )
    assert any(services.findings(d) for d in Document.objects.filter(state=State.REVIEW).select_related("department"))
    assert search(parse("最低生活保障", kind="disclosure.document")).total > 0
    # requests for disclosure in every state, every kind of answer, and the 2025 report published and balanced
    assert set(Request.objects.values_list("state", flat=True)) == set(RequestState.values)
    assert set(Request.objects.exclude(answer_type="").values_list("answer_type", flat=True)) == set(AnswerType.values)
    assert report.build(year=2025, department=Department.objects.get(code="330206000")).section3.balanced
    assert published.filter(title__contains="2025年政府信息公开工作年度报告").exists()
    assert GuideOffice.objects.filter(department__kind="government").count() == 1  # the office each 公开指南 names
    assert GuideOffice.objects.filter(department__kind="department").count() == 5
    # letters and calls in every state, with returns, co-handling, merged duplicates, late replies and masked
    # published replies; the month's indicators count them
    assert (
        Letter.objects.count() == 400
    )  # 200 imported from the earlier system, 200 walked (a repeat makes no new case)
    assert Letter.objects.filter(events__action="repeat").exists()
    assert Letter.objects.filter(attachments__file__kind="png").exists()  # photos sent with web letters
    assert {
        LetterState.SUBMITTED,
        LetterState.HANDLING,
        LetterState.CLOSED,
        LetterState.MERGED,
        LetterState.DECLINED,
    } <= set(Letter.objects.values_list("state", flat=True))
    assert (
        Assignment.objects.filter(state=Assignment.State.RETURNED).exists()
        and Assignment.objects.filter(role="co").exists()
    )
    assert Clock.objects.filter(subject_type="letters.letter", outcome="late").exists()
    published_letters = Letter.objects.filter(published_at__isnull=False)
    assert published_letters.count() > 50
    assert not any(
        f.kind in (privacy.Kind.MOBILE, privacy.Kind.ID_NUMBER)
        for letter in published_letters
        for f in privacy.scan(letter.public_content + letter.public_reply)
    )
    # a month the walked letters cover on any day: they span the last 10 days or more, so six days ago is inside
    # (today's month is empty on the 1st, before the first letter of the month arrives)
    assert letters_monthly(timezone.localdate() - dt.timedelta(days=6)).total.dispatched > 0
    # data sharing: a catalogue across the departments, the registers, requests and grants in every state, the
    # exchange log signed and whole, open datasets past the privacy guard (one held back), the hall's licences
    from zhengtong.sharing import log
    from zhengtong.sharing.models import Dataset, Grant, Licence, Resource, ShareRequest

    assert 280 <= Resource.objects.count() <= 320
    assert Resource.objects.values("provider").distinct().count() == 40
    assert set(ShareRequest.objects.values_list("state", flat=True)) == set(ShareRequest.State.values)
    assert {g.status_label for g in Grant.objects.all()} == {"有效", "已过期", "已撤销"}
    assert Clock.objects.filter(subject_type="sharing.sharerequest", level="red", stopped_at__isnull=True).exists()
    exchange = log.verify()
    assert exchange.ok and exchange.entries > 100 and exchange.unsealed == 0
    assert Dataset.objects.filter(state=Dataset.State.ACTIVE).count() == 5
    assert Dataset.objects.get(name="beilun-parks").rows.count() == 6  # an uploaded table, opened as the others
    assert Dataset.objects.exclude(refusal="").count() == 1
    assert Licence.objects.filter(application_id__isnull=False).exists()  # granted in the hall
    # 好差评: the hall's, disclosure's and letters' concluded cases rated by their applicants, the 差评 followed up
    # into every state, though the letters' callbacks rated some cases before the 好差评 seeding ran
    from zhengtong.evaluation.models import Channel, FollowUp, Rating

    assert Rating.objects.filter(channel__in=[Channel.CASE_PAGE, Channel.SMS]).count() > 100
    assert set(FollowUp.objects.values_list("state", flat=True)) == set(FollowUp.State.values)
    # everything written went through the services: the audit chain verifies
    result = chain_verify()
    assert result.ok and result.checked > 400


def test_running_it_again_duplicates_nothing(db, monkeypatch):
    """And --no-serve leaves the static files collected, as a server started any way afterwards needs (gunicorn
    started by hand answered 500 on every page: no manifest entry for the error page's style sheet)."""
    from zhengtong.demo.management.commands import demo

    collected = []
    monkeypatch.setattr(demo, "collect_when_changed", lambda: collected.append(True))
    _demo()
    assert collected == [True]
    before = _counts()
    _demo()
    assert _counts() == before


def test_demo_otp_prints_a_code_only_for_demo_devices(db):
    _demo()
    out = io.StringIO()
    call_command("demo_otp", "lisi", stdout=out)
    assert out.getvalue().strip().isdigit() and len(out.getvalue().strip()) == 6
    with pytest.raises(CommandError):
        call_command("demo_otp", "bl0001", stdout=io.StringIO())
