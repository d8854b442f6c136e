"""The online service hall's workflow (行政许可法 第三十二、四十二、四十四、四十五条; DOMAIN §3)."""

from __future__ import annotations

import pytest

from zhengtong.approvals import services
from zhengtong.approvals.models import Application, Branch, Decision, ServiceType, Status
from zhengtong.audit.models import OperationLog
from zhengtong.core.errors import InvalidInput, InvalidTransition, PermissionDenied
from zhengtong.supervision.models import Clock, Outcome

from .. import factories as f
from ..files import samples
from .conftest import make_item


def submit(item, applicant, uploads, form_data, **kw):
    return services.application_submit(item=item, applicant=applicant, data=form_data, uploads=uploads, **kw)


def clocks(application, **filters):
    return Clock.objects.filter(subject_type="approvals.application", subject_id=str(application.pk), **filters)


def test_submission_gives_a_receipt_and_a_query_code_and_starts_the_acceptance_clock(
    item, zhangsan, uploads, form_data
):
    application = submit(item, zhangsan, uploads, form_data)
    assert application.receipt_no.startswith("BL") and len(application.query_code) == 6
    assert application.query_code not in application.query_hash
    assert application.status == Status.SUBMITTED and application.materials.count() == 1
    assert clocks(application, stage="accept", stopped_at__isnull=True).count() == 1
    assert OperationLog.objects.filter(action="approvals.application.submit").exists()


def test_a_double_click_is_one_application(item, zhangsan, uploads, form_data):
    first = submit(item, zhangsan, uploads, form_data, idempotency_key="k-1")
    second = submit(item, zhangsan, uploads, form_data, idempotency_key="k-1")
    assert first.pk == second.pk and Application.objects.count() == 1


def test_a_missing_required_field_or_material_saves_nothing(item, zhangsan, uploads, form_data):
    with pytest.raises(InvalidInput) as info:
        submit(item, zhangsan, uploads, {"area": "45"})
    assert info.value.code == "FIELD_REQUIRED" and "shop_name" in info.value.fields
    with pytest.raises(InvalidInput) as info:
        submit(item, zhangsan, {}, form_data)
    assert info.value.code == "MATERIAL_REQUIRED"
    with pytest.raises(InvalidInput) as info:
        submit(item, zhangsan, uploads, {**form_data, "area": "四十五"})
    assert info.value.code == "FIELD_INVALID"
    assert not Application.objects.exists() and not Clock.objects.exists()


def test_an_executable_renamed_pdf_is_refused(item, zhangsan, form_data):
    licence = item.materials.get(name="营业执照")
    with pytest.raises(InvalidInput) as info:
        submit(item, zhangsan, {licence.pk: [("营业执照.pdf", samples.EXE)]}, form_data)
    assert info.value.code == "FILE_TYPE"
    assert not Application.objects.exists()


def test_an_offline_item_cannot_be_applied_for_online(district, zhangsan, uploads, form_data):
    item = make_item(district, code="X-2", online=False)
    with pytest.raises(InvalidInput) as info:
        submit(item, zhangsan, {}, form_data)
    assert info.value.code == "ITEM_NOT_ONLINE"


def test_the_whole_parallel_journey(item, zhangsan, lisi, wangwu, uploads, form_data):
    application = submit(item, zhangsan, uploads, form_data)
    # 补正: one notice listing everything; the acceptance clock pauses until the applicant resubmits.
    services.application_request_correction(
        application=application, by=lisi, items=["营业执照复印件不清晰", "缺少场所平面图"]
    )
    assert clocks(application, stage="accept").get().paused_since is not None
    plan = item.materials.get(name="场所平面图")
    services.application_resubmit(
        application=application, by=zhangsan, uploads={plan.pk: [("平面图.png", samples.png_with_text())]}
    )
    assert clocks(application, stage="accept").get().paused_since is None
    # 受理: one branch per department, each on its own clock, plus the whole limit.
    application = services.application_accept(application=application, by=lisi)
    assert application.status == Status.REVIEWING
    assert set(application.branches.values_list("department__code", flat=True)) == {"A", "B"}
    assert clocks(application, stage="review:B", stopped_at__isnull=True).count() == 1
    assert clocks(application, whole=True).get().limit == 10  # supervision runs on the committed limit
    # Staff of one department cannot act on another department's branch (and the attempt is audited).
    branch_b = application.branches.get(department__code="B")
    with pytest.raises(PermissionDenied) as info:
        services.review_decide(branch=branch_b, by=lisi, agree=True)
    assert info.value.code == "OTHER_DEPARTMENT"
    assert OperationLog.objects.filter(action="approvals.denied.review").exists()
    services.review_decide(branch=application.branches.get(department__code="A"), by=lisi, agree=True)
    services.review_decide(branch=branch_b, by=wangwu, agree=True)
    application.refresh_from_db()
    assert application.status == Status.JOINING
    # The lead joins and concludes; the certificate must be delivered within 10 days (第四十四条).
    application = services.application_conclude(
        application=application,
        by=lisi,
        granted=True,
        doc_no="仑市监食许〔2026〕88号",
        certificate_no="JY13302060012345",
    )
    assert application.decision == Decision.GRANTED
    assert clocks(application, stage="deliver", stopped_at__isnull=True).get().limit == 10
    application = services.application_deliver(application=application, by=lisi, method="窗口领取")
    assert application.status == Status.DELIVERED
    assert not clocks(application, stopped_at__isnull=True).exists()
    assert clocks(application, whole=True).get().outcome == Outcome.ON_TIME
    labels = list(application.events.values_list("label", flat=True))
    assert labels[0] == "网上提交申请" and labels[-1] == "送达（窗口领取）" and "一次性告知补正" in labels


def test_a_disagreement_and_a_denial_need_reasons(item, zhangsan, lisi, wangwu, uploads, form_data):
    application = services.application_accept(application=submit(item, zhangsan, uploads, form_data), by=lisi)
    branch_b = application.branches.get(department__code="B")
    with pytest.raises(InvalidInput) as info:
        services.review_decide(branch=branch_b, by=wangwu, agree=False)
    assert info.value.code == "REASON_REQUIRED"
    services.review_decide(branch=branch_b, by=wangwu, agree=False, reason="卫生条件不符合要求")
    services.review_decide(branch=application.branches.get(department__code="A"), by=lisi, agree=True)
    with pytest.raises(InvalidInput):
        services.application_conclude(application=application, by=lisi, granted=False, doc_no="仑市监不许〔2026〕3号")
    application = services.application_conclude(
        application=application, by=lisi, granted=False, reason="卫生健康部门审查不同意", doc_no="仑市监不许〔2026〕3号"
    )
    assert application.decision == Decision.DENIED and application.status == Status.CONCLUDED


def test_refusal_needs_a_reason(item, zhangsan, lisi, uploads, form_data):
    application = submit(item, zhangsan, uploads, form_data)
    with pytest.raises(InvalidInput) as info:
        services.application_refuse(application=application, by=lisi, reason=" ")
    assert info.value.code == "REASON_REQUIRED"
    application = services.application_refuse(application=application, by=lisi, reason="不属于本机关职权范围")
    assert application.status == Status.REJECTED and not clocks(application, stopped_at__isnull=True).exists()


def test_actions_out_of_order_are_refused(item, zhangsan, lisi, uploads, form_data):
    application = submit(item, zhangsan, uploads, form_data)
    with pytest.raises(InvalidTransition) as info:
        services.application_conclude(application=application, by=lisi, granted=True, doc_no="X")
    assert info.value.code == "APPLICATION_WRONG_STATE"
    with pytest.raises(InvalidTransition):
        services.application_deliver(application=application, by=lisi, method="邮寄")


def test_an_immediate_item_concludes_at_acceptance(district, zhangsan, lisi, uploads, form_data):
    item = make_item(district, code="JB-1", parallel=False, service_type=ServiceType.IMMEDIATE)
    licence = item.materials.get(name="营业执照")
    application = submit(item, zhangsan, {licence.pk: [("a.pdf", samples.pdf())]}, form_data)
    application = services.application_accept(application=application, by=lisi)
    assert application.status == Status.CONCLUDED and application.decision == Decision.GRANTED
    assert not application.branches.exists()


def test_the_applicant_may_withdraw_and_the_clocks_stop(item, zhangsan, lisi, wangwu, uploads, form_data):
    application = services.application_accept(application=submit(item, zhangsan, uploads, form_data), by=lisi)
    with pytest.raises(PermissionDenied):
        services.application_withdraw(application=application, by=lisi)
    application = services.application_withdraw(application=application, by=zhangsan)
    assert application.status == Status.WITHDRAWN
    assert set(application.branches.values_list("state", flat=True)) == {Branch.State.CLOSED}  # off every queue
    assert set(clocks(application).values_list("outcome", flat=True)) == {Outcome.CANCELLED, Outcome.ON_TIME}


def test_expert_review_pauses_every_clock_and_the_extension_needs_the_head(
    item, zhangsan, lisi, uploads, form_data, district
):
    application = services.application_accept(application=submit(item, zhangsan, uploads, form_data), by=lisi)
    services.application_special_pause(
        application=application, by=lisi, reason="expert_review", note="组织专家现场核查", expected_days=10
    )
    assert not clocks(application, stopped_at__isnull=True, paused_since__isnull=True).exists()
    services.application_special_resume(application=application, by=lisi)
    with pytest.raises(InvalidInput) as info:
        services.application_extend(application=application, by=lisi, approver=lisi, reason="情况复杂")
    assert info.value.code == "EXTENSION_GOVERNMENT_HEAD"  # joint handling: the government's head (第四十二条)
    head = f.staff("sunba", "孙八", district["government"])
    head.memberships.update(is_head=True)
    services.application_extend(application=application, by=lisi, approver=head, reason="情况复杂")
    services.application_extend_decide(application=application, by=head, approve=True)  # in his own session
    assert clocks(application, whole=True).get().extension_total == 15  # joint handling: +15
    with pytest.raises(InvalidInput) as info:
        services.application_extend(application=application, by=lisi, approver=head, reason="再延")
    assert info.value.code == "EXTENSION_TWICE"


def test_window_staff_register_a_walk_in_with_the_real_receipt_time(item, lisi, uploads, form_data):
    import datetime as dt

    from django.utils import timezone

    received = timezone.now() - dt.timedelta(hours=3)
    application = services.application_submit(
        item=item,
        applicant=None,
        data=form_data,
        uploads=uploads,
        channel=Application.Channel.WINDOW,
        received_at=received,
        registered_by=lisi,
        applicant_name="北仑港城小吃店",
        contact_mobile="13805740031",
    )
    assert application.received_at == received and application.registered_by == lisi
    assert clocks(application, stage="accept").get().started_at == received


def test_staff_of_another_department_cannot_register_for_this_item(item, wangwu, uploads, form_data):
    with pytest.raises(PermissionDenied):
        services.application_submit(
            item=item,
            applicant=None,
            data=form_data,
            uploads=uploads,
            channel=Application.Channel.WINDOW,
            registered_by=wangwu,
            applicant_name="某",
        )


@pytest.mark.parametrize("typed", ["-45", "nan", "inf", "-0.5", "1e999"])
def test_a_number_field_takes_a_finite_number_not_below_zero(item, zhangsan, uploads, form_data, typed):
    """Issue 19, bad input: a form's number is an area, a count or an amount; float() took -45, nan and inf, and a
    resubmission stored them. The code stays FIELD_INVALID, the message says what is wanted."""
    with pytest.raises(InvalidInput) as info:
        submit(item, zhangsan, uploads, {**form_data, "area": typed})
    assert info.value.code == "FIELD_INVALID" and list(info.value.fields) == ["area"]
    assert "不小于0的数" in info.value.fields["area"][0]["message"]


def test_a_number_field_takes_zero_and_decimals(item, zhangsan, uploads, form_data):
    assert submit(item, zhangsan, uploads, {**form_data, "area": "0"}).data["area"] == "0"
    assert submit(item, zhangsan, uploads, {**form_data, "area": "45.5"}).data["area"] == "45.5"


def test_the_pages_form_passes_a_zero_on_as_zero(item, form_data):
    """A Decimal zero is falsy: the form's values() turned it into an empty field, refused as missing."""
    from zhengtong.approvals.forms import ApplicationForm

    form = ApplicationForm({**form_data, "area": "0"}, item=item)
    form.is_valid()  # the materials are missing here; the fields' values are cleaned all the same
    assert "area" not in form.errors and form.values()["area"] == "0"
    below = ApplicationForm({**form_data, "area": "-3"}, item=item)
    below.is_valid()
    assert "area" in below.errors


@pytest.mark.parametrize("typed", ["1_000", "+45", ".5", "-3", "1e3"])
def test_the_pages_form_refuses_what_the_service_refuses(item, form_data, typed):
    """Outside try: the form's DecimalField took 1_000, +45 and .5, and the confirmation step then refused them on
    a page with nothing to edit; the form and the service now hold one rule."""
    from zhengtong.approvals.forms import ApplicationForm

    form = ApplicationForm({**form_data, "area": typed}, item=item)
    form.is_valid()
    assert [e.code for e in form.errors.as_data()["area"]] == ["FIELD_INVALID"]
