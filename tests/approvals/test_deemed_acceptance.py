"""行政许可法 第三十二条 (issue 23 item 2): "申请材料不齐全或者不符合法定形式的，应当当场或者在五日内一次告知申请人
需要补正的全部内容，逾期不告知的，自收到申请材料之日起即为受理". An application neither accepted, refused nor sent
back for correction within its acceptance limit counts as accepted from the day its materials were received: the
platform records it as an event on the public record, starts the decision limit from that day, tells the applicant,
and audits it as the scheduled task's act."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from zhengtong.approvals import services
from zhengtong.approvals.models import Application, Status
from zhengtong.approvals.tasks import deem_accepted
from zhengtong.audit.models import OperationLog
from zhengtong.notifications.models import Message
from zhengtong.supervision.models import Clock, Outcome

from .test_workflow import submit


def _overdue(application, days: int = 8) -> None:
    """The application as if received `days` ago, its acceptance limit passed an hour ago."""
    received = timezone.now() - dt.timedelta(days=days)
    Application.objects.filter(pk=application.pk).update(received_at=received)
    Clock.objects.filter(subject_id=str(application.pk), stage="accept").update(
        started_at=received, due_at=timezone.now() - dt.timedelta(hours=1)
    )


def test_an_application_left_past_its_acceptance_limit_counts_as_accepted_from_receipt(
    item, zhangsan, uploads, form_data
):
    application = submit(item, zhangsan, uploads, form_data)
    _overdue(application)
    assert deem_accepted.call_local() == 1
    application.refresh_from_db()
    assert application.status == Status.REVIEWING
    assert application.events.filter(action="deemed_accept", label__contains="视为受理").exists()
    whole = Clock.objects.get(subject_id=str(application.pk), stage="whole")
    assert whole.started_at == application.received_at  # counted from the day the materials came
    accept = Clock.objects.get(subject_id=str(application.pk), stage="accept")
    assert accept.stopped_at and accept.outcome == Outcome.LATE
    assert application.branches.count() == 2  # the parallel review starts as on acceptance
    row = OperationLog.objects.get(action="approvals.application.deemed_accept", object_id=str(application.pk))
    assert row.actor_id is None and "定时任务" in row.actor_name
    assert Message.objects.filter(recipient=zhangsan, title__contains="视为受理").exists()
    assert deem_accepted.call_local() == 0  # once


def test_within_the_limit_or_waiting_for_correction_nothing_happens(item, zhangsan, uploads, form_data, lisi):
    fresh = submit(item, zhangsan, uploads, form_data)
    waiting = submit(item, zhangsan, uploads, form_data, idempotency_key="second")
    services.application_request_correction(application=waiting, by=lisi, items=["缺少场所平面图"])
    _overdue(waiting)
    assert deem_accepted.call_local() == 0
    assert Application.objects.get(pk=fresh.pk).status == Status.SUBMITTED
    assert Application.objects.get(pk=waiting.pk).status == Status.CORRECTION


def test_the_public_status_shows_it(client, item, zhangsan, uploads, form_data):
    application = submit(item, zhangsan, uploads, form_data)
    code = application.query_code
    _overdue(application)
    deem_accepted.call_local()
    page = client.post("/services/status/", {"receipt_no": application.receipt_no, "code": code}).content.decode()
    assert "视为受理" in page and "第三十二条" in page
