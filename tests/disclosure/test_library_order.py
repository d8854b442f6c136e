"""The workbench's document library, last changed first, for each persona's scope (issue 26): the documents
`visible()` gives in that order, read as one index range per department of his scope (cases.visibility.
visible_in_order), not every document of his department sorted (252 ms for a department's 23,625 at 1,000,000)."""

from __future__ import annotations

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.cases.test_scopes import personas  # noqa: F401 (fixture)
from tests.plans import arms_read_in_order, statement_plan
from zhengtong.cases.visibility import visible
from zhengtong.disclosure.case import DOCUMENT
from zhengtong.disclosure.models import Document, State

ORDER = ("-updated_at", "-id")


def _documents(district) -> None:
    now = timezone.now()
    for n, (code, state) in enumerate(
        [("A", State.DRAFT), ("B", State.DRAFT), ("A1", State.DRAFT), ("A", State.PUBLISHED)]
    ):
        made = Document.objects.create(
            department=district[code],
            title=f"文件{n}",
            issuing_org=district[code].name,
            state=state,
            written_on=dt.date(2026, 1, 1),
        )
        Document.objects.filter(pk=made.pk).update(updated_at=now - dt.timedelta(hours=n))


def test_each_persona_pages_the_library_of_his_scope_last_changed_first(
    verified_client,
    district,
    personas,  # noqa: F811
):
    _documents(district)
    for persona, user in personas.items():
        expected = [d.title for d in visible(DOCUMENT, user, Document.objects.all()).order_by(*ORDER)]
        page = verified_client(user).get(reverse("workbench_disclosure:library")).content.decode()
        shown = [title for title in (f"文件{n}" for n in range(4)) if title in page]
        assert sorted(shown, key=page.index) == expected, persona


def test_a_departments_library_is_read_from_its_own_range(verified_client, district, personas):  # noqa: F811
    _documents(district)
    with CaptureQueriesContext(connection) as sent:
        verified_client(personas["本部门"]).get(reverse("workbench_disclosure:library"))
    merged = next(
        q["sql"] for q in sent.captured_queries if "ORDER BY" in q["sql"] and "disclosure_document" in q["sql"]
    )
    plan = statement_plan(merged)
    assert arms_read_in_order(plan, "document_department_updated"), plan


def test_the_library_pages_and_filters_as_before(verified_client, district, personas):  # noqa: F811
    """Page 2 goes on where page 1 ended, the count is the scope's, and a state filter reaches every range."""
    now = timezone.now()
    for n in range(25):
        made = Document.objects.create(
            department=district["A"],
            title=f"库{n:02d}号",
            issuing_org="区市场监督管理局",
            state=State.PUBLISHED if n % 2 else State.DRAFT,
            written_on=dt.date(2026, 1, 1),
        )
        Document.objects.filter(pk=made.pk).update(updated_at=now - dt.timedelta(minutes=n))
    client = verified_client(personas["本部门"])
    first = client.get(reverse("workbench_disclosure:library"))
    second = client.get(reverse("workbench_disclosure:library"), {"page": 2}).content.decode()
    assert first.context["page"].paginator.count == 25
    assert [f"库{n:02d}号" in first.content.decode() for n in (0, 19, 20)] == [True, True, False]
    assert all(f"库{n:02d}号" in second for n in range(20, 25)) and "库19号" not in second
    published = client.get(reverse("workbench_disclosure:library"), {"state": State.PUBLISHED}).content.decode()
    assert "库01号" in published and "库00号" not in published
