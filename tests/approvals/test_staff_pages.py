"""The service hall in the workbench: queues per department, actions, walk-in registration."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from zhengtong.approvals import services
from zhengtong.approvals.models import Application, Status

from ..files import samples


def _submitted(item, zhangsan, uploads, form_data):
    return services.application_submit(item=item, applicant=zhangsan, data=form_data, uploads=uploads)


def test_the_lead_department_sees_it_to_accept_and_accepts(verified_client, item, zhangsan, lisi, uploads, form_data):
    application = _submitted(item, zhangsan, uploads, form_data)
    client = verified_client(lisi)
    assert application.receipt_no in client.get(reverse("workbench_approvals:queue")).content.decode()
    page = client.get(reverse("workbench_approvals:detail", args=[application.pk])).content.decode()
    assert "受理" in page and "营业执照.pdf" in page and "港城小吃" in page
    client.post(reverse("workbench_approvals:act", args=[application.pk, "accept"]))
    application.refresh_from_db()
    assert application.status == Status.REVIEWING


def test_another_department_cannot_even_see_a_case_before_it_has_a_branch(
    verified_client, district, zhangsan, uploads, form_data
):
    from .. import factories as f
    from .conftest import make_item

    item = make_item(district, code="X-9", parallel=False)
    licence = item.materials.get(name="营业执照")
    application = services.application_submit(
        item=item, applicant=zhangsan, data=form_data, uploads={licence.pk: [("a.pdf", samples.pdf())]}
    )
    outsider = f.staff("outsider", "外人", district["B"])
    assert (
        verified_client(outsider).get(reverse("workbench_approvals:detail", args=[application.pk])).status_code == 404
    )


def test_the_co_department_reviews_its_branch_only(verified_client, item, zhangsan, lisi, wangwu, uploads, form_data):
    application = services.application_accept(application=_submitted(item, zhangsan, uploads, form_data), by=lisi)
    client = verified_client(wangwu)
    page = client.get(reverse("workbench_approvals:queue")).content.decode()
    assert application.receipt_no in page
    branch_a = application.branches.get(department__code="A")
    response = client.post(
        reverse("workbench_approvals:act", args=[application.pk, "review"]),
        {"branch": branch_a.pk, "agree": "1"},
        follow=True,
    )
    assert "OTHER_DEPARTMENT" in response.content.decode()
    branch_b = application.branches.get(department__code="B")
    client.post(
        reverse("workbench_approvals:act", args=[application.pk, "review"]), {"branch": branch_b.pk, "agree": "1"}
    )
    branch_b.refresh_from_db()
    assert branch_b.state == "agreed"


def test_errors_come_back_as_messages_with_codes(verified_client, item, zhangsan, lisi, uploads, form_data):
    application = _submitted(item, zhangsan, uploads, form_data)
    response = verified_client(lisi).post(
        reverse("workbench_approvals:act", args=[application.pk, "refuse"]), {"reason": ""}, follow=True
    )
    assert "REASON_REQUIRED" in response.content.decode()


def test_window_registration_of_a_walk_in(verified_client, item, lisi):
    client = verified_client(lisi)
    assert item.name in client.get(reverse("workbench_approvals:register")).content.decode()
    licence = item.materials.get(name="营业执照")
    response = client.post(
        reverse("workbench_approvals:register"),
        {
            "item": item.code,
            "applicant_name": "北仑港城小吃店",
            "contact_mobile": "13805740031",
            "received_at": "2026-11-20T09:15",
            "shop_name": "港城小吃",
            "area": "30",
            "idempotency_key": "w1",
            f"material_{licence.pk}": SimpleUploadedFile("营业执照.pdf", samples.pdf()),
        },
    )
    application = Application.objects.get()
    assert response.url == reverse("workbench_approvals:detail", args=[application.pk])
    assert application.channel == "window" and application.registered_by == lisi
    assert application.received_at.strftime("%Y-%m-%d %H:%M") in ("2026-11-20 01:15",)  # 09:15 Beijing time, in UTC


def test_staff_record_a_window_applicants_corrected_materials_on_the_page(
    verified_client, item, lisi, uploads, form_data
):
    """行政许可法 第三十二条: one who applied at the window brings the missing material back to the window."""
    application = services.application_submit(
        item=item,
        applicant=None,
        data=form_data,
        uploads=uploads,
        channel="window",
        applicant_name="张三",
        registered_by=lisi,
    )
    services.application_request_correction(application=application, by=lisi, items=["营业执照复印件不清晰"])
    client = verified_client(lisi)
    url = reverse("workbench_approvals:act", args=[application.pk, "resubmit"])
    assert url in client.get(reverse("workbench_approvals:detail", args=[application.pk])).content.decode()
    licence = item.materials.get(name="营业执照")
    client.post(url, {f"material_{licence.pk}": SimpleUploadedFile("营业执照.pdf", samples.pdf(), "application/pdf")})
    application.refresh_from_db()
    assert application.status == Status.SUBMITTED and application.materials.count() == 2


def test_a_page_reads_the_clerks_rights_and_workplaces_once_in_one_statement(
    verified_client, item, zhangsan, uploads, form_data, lisi
):
    """org/access.py: the clerk's case page asked for his rights five times (the navigation, each action's guard)
    and for the departments he works in four times, a statement each: one request now reads both together, once."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from zhengtong.approvals import services

    application = services.application_submit(item=item, applicant=zhangsan, data=form_data, uploads=uploads)
    client = verified_client(lisi)
    url = reverse("workbench_approvals:detail", args=[application.pk])
    with CaptureQueriesContext(connection) as read:
        assert client.get(url).status_code == 200
    grants = [q["sql"] for q in read.captured_queries if "org_rolegrant" in q["sql"]]
    standing = [sql for sql in grants if "org_membership" in sql]
    assert len(standing) == 1, grants
    assert len(grants) <= 2, grants  # and his data scope's roles (org.scopes), read by the ORM
