"""Applying online keeps what people gave and lets them check it before it counts (issue 22 item 4):

- every chosen file is checked and kept (stored once, as the applicant's draft of this item) at the first post,
  whatever else on the form is wrong, so a validation error never drops a file; a refused file is named at once;
- a "check your answers" step shows everything before submission, with the 承诺书 (告知承诺, 行政许可法 Art. 31:
  the applicant answers for the truth of the materials) that must be accepted, and its acceptance audited;
- confirming twice makes one application; a draft is its owner's alone."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from zhengtong.approvals.models import Application, ApplicationMaterial, Draft
from zhengtong.audit.models import OperationLog

from .. import factories as f
from ..files import samples


@pytest.fixture
def lisi_citizen(db):
    from zhengtong.accounts import services

    return services.citizen_register(
        real_name="李四", id_number=f.valid_id_number(sequence=12), mobile="13805740002", password=f.PASSWORD
    )


def _pdf(name="营业执照.pdf"):
    return SimpleUploadedFile(name, samples.pdf(), content_type="application/pdf")


def _apply(client, item, **data):
    return client.post(reverse("approvals:apply", args=[item.code]), {"idempotency_key": "k1", **data})


def _check_url(item):
    return reverse("approvals:apply_check", args=[item.code])


def test_a_file_is_kept_across_a_validation_error(client, item, zhangsan):
    client.force_login(zhangsan)
    licence = item.materials.get(name="营业执照")
    page = _apply(client, item, shop_name="", area="45", **{f"material_{licence.pk}": _pdf()}).content.decode()
    assert "请填写“店铺名称”。" in page
    assert "已上传：营业执照.pdf" in page  # kept, not to be chosen again
    draft = Draft.objects.get(applicant=zhangsan, item=item)
    assert draft.materials.get().material == licence
    response = _apply(client, item, shop_name="港城小吃", area="45")  # no file this time: the kept one counts
    assert response.status_code == 302 and response.url == _check_url(item)


def test_a_refused_file_is_named_at_once_even_when_other_fields_are_wrong(client, item, zhangsan):
    client.force_login(zhangsan)
    licence = item.materials.get(name="营业执照")
    plan = item.materials.get(name="场所平面图")
    bad = SimpleUploadedFile("营业执照.pdf", samples.EXE)
    page = _apply(
        client,
        item,
        shop_name="",
        area="",
        **{f"material_{licence.pk}": bad, f"material_{plan.pk}": _pdf("平面图.pdf")},
    ).content.decode()
    assert "营业执照" in page and 'data-code="FILE_TYPE"' in page
    assert "已上传：平面图.pdf" in page and not Draft.objects.get().materials.filter(material=licence).exists()


def test_the_check_page_shows_every_answer_and_file_and_the_promise(client, item, zhangsan):
    client.force_login(zhangsan)
    licence = item.materials.get(name="营业执照")
    _apply(client, item, shop_name="港城小吃", area="45", **{f"material_{licence.pk}": _pdf()})
    page = client.get(_check_url(item)).content.decode()
    for text in ("店铺名称", "港城小吃", "经营面积（平方米）", "45", "营业执照", "营业执照.pdf", "承诺", "返回修改"):
        assert text in page, text
    assert not Application.objects.exists()


def test_submission_needs_the_promise_and_records_it(client, item, zhangsan):
    """行政许可法 Art. 31: the applicant answers for the truth of what he submits; the 承诺书 is accepted
    explicitly and its acceptance kept in the audit trail."""
    client.force_login(zhangsan)
    licence = item.materials.get(name="营业执照")
    _apply(client, item, shop_name="港城小吃", area="45", **{f"material_{licence.pk}": _pdf()})
    page = client.post(_check_url(item), {"idempotency_key": "k1"}).content.decode()
    assert "承诺" in page and 'data-code="PROMISE_REQUIRED"' in page and not Application.objects.exists()
    response = client.post(_check_url(item), {"idempotency_key": "k1", "promise": "on"})
    application = Application.objects.get()
    assert response.url == reverse("approvals:receipt", args=[application.receipt_no])
    assert application.data == {"shop_name": "港城小吃", "area": "45"}
    assert ApplicationMaterial.objects.get(application=application).material == licence
    assert OperationLog.objects.filter(
        action="approvals.application.promise", object_id=str(application.pk), actor_id=zhangsan.pk
    ).exists()
    assert not Draft.objects.exists()
    again = client.post(_check_url(item), {"idempotency_key": "k1", "promise": "on"})
    assert again.status_code == 302 and again.url == response.url and Application.objects.count() == 1


def test_a_draft_is_its_owners_alone(client, item, zhangsan, lisi_citizen):
    client.force_login(zhangsan)
    licence = item.materials.get(name="营业执照")
    _apply(client, item, shop_name="张三的店", area="45", **{f"material_{licence.pk}": _pdf()})
    client.force_login(lisi_citizen)
    assert "张三的店" not in client.get(reverse("approvals:apply", args=[item.code])).content.decode()
    response = client.get(_check_url(item))
    assert response.status_code == 302 and response.url == reverse("approvals:apply", args=[item.code])


def test_coming_back_later_finds_the_draft(client, item, zhangsan):
    client.force_login(zhangsan)
    licence = item.materials.get(name="营业执照")
    _apply(client, item, shop_name="港城小吃", area="", **{f"material_{licence.pk}": _pdf()})
    page = client.get(reverse("approvals:apply", args=[item.code])).content.decode()
    assert 'value="港城小吃"' in page and "已上传：营业执照.pdf" in page


def test_the_form_of_an_application_already_made_posted_again_is_a_new_one(client, item, zhangsan):
    """The browser's Back after submitting, an edit, a post: not silently the old application with the new answers
    dropped."""
    client.force_login(zhangsan)
    licence = item.materials.get(name="营业执照")
    _apply(client, item, shop_name="港城小吃", area="45", **{f"material_{licence.pk}": _pdf()})
    client.post(_check_url(item), {"idempotency_key": "k1", "promise": "on"})
    _apply(client, item, shop_name="港城二店", area="60", **{f"material_{licence.pk}": _pdf()})  # the same key k1
    page = client.get(_check_url(item)).content.decode()
    key = page.split('name="idempotency_key" value="')[1].split('"')[0]
    assert key != "k1" and "港城二店" in page
    client.post(_check_url(item), {"idempotency_key": key, "promise": "on"})
    assert sorted(a.data["shop_name"] for a in Application.objects.all()) == [
        "港城二店",
        "港城小吃",
    ]  # stored encrypted


def test_a_draft_untouched_for_thirty_days_is_deleted(client, item, zhangsan):
    """个人信息保护法 第十九条: kept no longer than its purpose needs."""
    import datetime as dt

    from django.utils import timezone

    from zhengtong.approvals.tasks import purge_drafts

    client.force_login(zhangsan)
    _apply(client, item, shop_name="港城小吃", area="")
    assert purge_drafts.call_local() == 0
    Draft.objects.update(updated_at=timezone.now() - dt.timedelta(days=31))
    assert purge_drafts.call_local() == 1 and not Draft.objects.exists()
    assert OperationLog.objects.filter(action="approvals.draft.purge", actor_name__contains="定时任务").exists()
