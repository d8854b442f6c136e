"""Website inspection (issue 22 item 7; DOMAIN §9, the 政府网站 inspection's single-veto indicators): the platform
checks itself: the home page's columns updated within two weeks, no consultation unanswered over three months,
every published guide with every key element, no internal link that fails to open. A report in the workbench
for the supervisors, and the nightly run alerts them when anything fails."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from zhengtong.letters.models import Kind, Letter
from zhengtong.notifications.models import Message
from zhengtong.workbench import inspection

from .. import factories as f
from ..approvals.conftest import make_item
from ..letters.conftest import submit


def _checks(findings) -> set[str]:
    return {x.check for x in findings}


def test_a_quiet_home_page_an_old_consultation_and_an_incomplete_guide_are_found(hotline, district):
    item = make_item(district)
    item.complaint_phone = ""
    item.save()
    old = submit(kind=Kind.CONSULTATION).letter
    Letter.objects.filter(pk=old.pk).update(received_at=timezone.now() - dt.timedelta(days=100))
    findings = inspection.inspect(crawl=False)
    assert {"home_stale", "consultation_unanswered", "guide_incomplete"} <= _checks(findings)
    guide = next(x for x in findings if x.check == "guide_incomplete")
    assert "监督投诉电话" in guide.detail and item.name in guide.detail
    consult = next(x for x in findings if x.check == "consultation_unanswered")
    assert old.number in consult.detail


def test_a_fresh_site_with_answers_and_complete_guides_passes(hotline, district):
    from zhengtong.disclosure.models import Column

    Column.objects.all().delete()  # an empty column would be found (空白栏目, tests/portal/test_columns.py)
    make_item(district)
    recent = submit(kind=Kind.CONSULTATION).letter  # two days old: within three months
    Letter.objects.filter(pk=recent.pk).update(
        received_at=timezone.now() - dt.timedelta(days=2), published_at=timezone.now()
    )
    assert inspection.inspect(crawl=False) == []


def test_a_link_that_fails_to_open_is_found_by_the_crawl(district, monkeypatch):
    make_item(district)
    monkeypatch.setattr(inspection, "START", ["/", "/services/", "/no-such-column/"])
    broken = [x for x in inspection.inspect(crawl=True) if x.check == "link_broken"]
    assert broken and "/no-such-column/" in broken[0].detail


def test_supervisors_see_the_report_and_the_nightly_run_alerts_them(district, verified_client):
    role = f.role("supervisor", "all")
    role.supervises = True
    role.save(update_fields=["supervises"])
    supervisor = f.staff("qianqi", "钱七", district["A"], role)
    clerk = f.staff("lisi", "李四", district["A"])
    report = inspection.run_and_alert()
    assert report.findings and Message.objects.filter(recipient=supervisor, title__contains="网站自查").exists()
    assert not Message.objects.filter(recipient=clerk).exists()
    page = verified_client(supervisor).get("/workbench/inspection/").content.decode()
    assert "网站自查" in page and "首页" in page
    assert verified_client(clerk).get("/workbench/inspection/").status_code == 403
