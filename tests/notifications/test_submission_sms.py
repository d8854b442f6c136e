"""An SMS with the receipt number and the query code for every case type (issue 22 item 5): when a case is
submitted, the submitter's mobile (his account's, or a letter writer's mobile proved by an SMS code) gets one SMS
naming the case's number and the 6-digit query code the public status lookup accepts, queued in the submission's
own transaction (the SMS exists if and only if the case does) and delivered after commit by the outbox's task.
A repeated submission with the same key files nothing and sends nothing. Because the outbox then holds a query
code, its title and body are encrypted at rest like its address (个人信息保护法 第五十一条)."""

from __future__ import annotations

import importlib
import re

import pytest
from django.apps import apps
from django.db import connection

from zhengtong.accounts import services as account_services
from zhengtong.approvals import services as approvals
from zhengtong.approvals.models import Application
from zhengtong.core import crypto
from zhengtong.core.errors import InvalidInput
from zhengtong.disclosure import requests as disclosure
from zhengtong.disclosure.models import ApplicantKind
from zhengtong.disclosure.models import Channel as DisclosureChannel
from zhengtong.letters import services as letters
from zhengtong.letters.models import Channel, Kind
from zhengtong.notifications.models import Outbox

from .. import factories as f
from ..approvals.conftest import make_item
from ..files import samples

VISITOR = "13905740081"
WALK_IN = "13905740082"
CODE = re.compile(r"查询码\s*(\d{6})")


@pytest.fixture
def item(district):
    return make_item(district)


@pytest.fixture
def uploads(item):
    return {item.materials.get(name="营业执照").pk: [("营业执照.pdf", samples.pdf())]}


FORM = {"shop_name": "港城小吃", "area": "45"}


def _apply(item, applicant, uploads, **extra):
    return approvals.application_submit(item=item, applicant=applicant, data=FORM, uploads=uploads, **extra)


def _register_at_window(item, clerk, uploads, mobile=WALK_IN):
    return approvals.application_submit(
        item=item,
        applicant=None,
        data=FORM,
        uploads=uploads,
        channel=Application.Channel.WINDOW,
        registered_by=clerk,
        applicant_name="王小二",
        contact_mobile=mobile,
    )


def _write(by=None, **extra):
    values = {
        "channel": Channel.WEB,
        "kind": Kind.COMPLAINT,
        "title": "小区门口餐馆油烟扰民",
        "content": "新碶街道某小区门口的餐馆每天晚上油烟很大，请相关部门检查处理。",
        "writer_name": "赵六",
        "writer_phone": VISITOR,
        "phone_verified": True,
    }
    return letters.letter_submit(by=by, **{**values, **extra})


def _request(department, by, **extra):
    values = {
        "applicant_kind": ApplicantKind.PERSON,
        "applicant_name": "张三",
        "identifier": f.valid_id_number(),
        "contact_phone": "13805740001",
        "content": "2024年北仑区老旧小区改造资金使用明细",
    }
    return disclosure.request_register(department=department, by=by, **{**values, **extra})


def _sms() -> list[Outbox]:
    return list(Outbox.objects.filter(channel=Outbox.Channel.SMS).order_by("pk"))


def _code_in(text: str) -> str:
    found = CODE.search(text)
    assert found, text
    return found.group(1)


# One per case type: one SMS with the number and a code the lookup accepts.


def test_issue22_item5_an_online_application_sends_one_sms_with_the_receipt_number_and_a_working_query_code(
    item, zhangsan, uploads
):
    application = _apply(item, zhangsan, uploads, idempotency_key="k-1")
    [sms] = _sms()
    assert sms.address == zhangsan.mobile and sms.recipient == zhangsan
    assert application.receipt_no in sms.title and _code_in(sms.title) == application.query_code
    assert "办件查询" in sms.title
    found = approvals.status_lookup(receipt_no=application.receipt_no, code=_code_in(sms.title), ip="192.0.2.1")
    assert found.receipt_no == application.receipt_no


def test_issue22_item5_a_window_registration_sends_the_sms_to_the_mobile_the_applicant_gave(item, lisi, uploads):
    application = _register_at_window(item, lisi, uploads)
    [sms] = _sms()
    assert sms.address == WALK_IN and sms.recipient is None
    assert application.receipt_no in sms.title and _code_in(sms.title) == application.query_code
    assert approvals.status_lookup(receipt_no=application.receipt_no, code=_code_in(sms.title), ip=None)


def test_issue22_item5_a_letter_from_a_visitor_who_proved_his_mobile_sends_him_the_number_and_a_working_code(
    hotline,
):
    intake = _write()
    [sms] = _sms()
    assert sms.address == VISITOR and sms.recipient is None  # no account: the proved mobile only
    assert intake.letter.number in sms.title and _code_in(sms.title) == intake.query_code
    found = letters.status_lookup(number=intake.letter.number, code=_code_in(sms.title), ip="192.0.2.1")
    assert found.pk == intake.letter.pk


def test_issue22_item5_a_letter_from_a_logged_in_citizen_goes_to_his_account_mobile(hotline, zhangsan):
    intake = _write(by=zhangsan, writer_phone="", phone_verified=False)
    [sms] = _sms()
    assert sms.address == zhangsan.mobile and sms.recipient == zhangsan
    assert letters.status_lookup(number=intake.letter.number, code=_code_in(sms.title), ip=None)


def test_issue22_item5_a_disclosure_request_sends_its_number_and_no_code_as_it_has_no_public_lookup(district, zhangsan):
    """A disclosure request has no query code (its case type has no public status lookup): the SMS names the
    application number and says where the applicant follows it."""
    request = _request(district["A"], zhangsan)
    [sms] = _sms()
    assert sms.address == zhangsan.mobile and sms.recipient == zhangsan
    assert request.receipt_no in sms.title and "查询码" not in sms.title and "我的申请" in sms.title


def test_issue22_item5_the_sms_is_delivered_after_commit_through_the_outbox_task(
    item, zhangsan, uploads, sms_outbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        application = _apply(item, zhangsan, uploads)
    [(mobile, text)] = sms_outbox
    assert mobile == zhangsan.mobile and application.receipt_no in text and _code_in(text) == application.query_code
    sent = Outbox.objects.get()
    assert sent.status == Outbox.Status.SENT
    assert (sent.title, sent.body) == ("", "")  # once sent, the code is kept nowhere but as an HMAC


# A repeat sends nothing.


def test_issue22_item5_a_repeated_application_with_the_same_key_sends_no_second_sms(item, zhangsan, uploads):
    first = _apply(item, zhangsan, uploads, idempotency_key="k-1")
    again = _apply(item, zhangsan, uploads, idempotency_key="k-1")
    [sms] = _sms()
    assert again.pk == first.pk and _code_in(sms.title) == first.query_code


def test_issue22_item5_a_repeated_letter_with_the_same_key_or_the_same_words_sends_no_second_sms(hotline):
    first = _write(submission_key="form-1", key_scope="web")
    again = _write(submission_key="form-1", key_scope="web")
    assert again.again and again.letter.pk == first.letter.pk
    merged = _write()  # the same writer, the same words, no key: merged into the first letter
    assert merged.repeated and merged.letter.pk == first.letter.pk
    assert len(_sms()) == 1


def test_issue22_item5_a_repeated_disclosure_request_with_the_same_key_sends_no_second_sms(district, zhangsan):
    identifier = f.valid_id_number()
    first = _request(district["A"], zhangsan, identifier=identifier, submission_key="form-1")
    again = _request(district["A"], zhangsan, identifier=identifier, submission_key="form-1")
    assert again.pk == first.pk and len(_sms()) == 1


# No mobile, no SMS; no case, no SMS.


def test_issue22_item5_no_mobile_no_sms(hotline, district, item, lisi, uploads):
    nobody = account_services.citizen_register(
        real_name="钱七", id_number=f.valid_id_number(), password=f.PASSWORD, email="qian@example.com"
    )
    _apply(item, nobody, uploads)  # an account without a mobile
    _register_at_window(item, lisi, uploads, mobile="")  # no mobile given at the window
    _register_at_window(item, lisi, uploads, mobile="0574-86781234")  # a landline cannot take an SMS
    _write(anonymous=True, writer_name="", writer_phone="", phone_verified=False)  # anonymous
    _write(writer_phone="13905740083", phone_verified=False, content="另一件事：路灯不亮。")  # mobile not proved
    letters.letter_submit(  # a call registered by the hotline operator: the number is not proved by a code
        channel=Channel.PHONE,
        by=hotline["operator"],
        kind=Kind.HELP,
        title="",
        content="来电反映：小区垃圾无人清运。",
        writer_name="孙八",
        writer_phone="13905740084",
    )
    _request(district["A"], nobody)  # online, by an account without a mobile
    _request(district["A"], lisi, channel=DisclosureChannel.REGISTERED_POST)  # registered from paper by staff
    assert Outbox.objects.count() == 0


def test_issue22_item5_a_refused_submission_leaves_no_sms(item, zhangsan):
    with pytest.raises(InvalidInput):
        _apply(item, zhangsan, {})  # the required material is missing
    assert not Application.objects.exists() and Outbox.objects.count() == 0


# At rest (个人信息保护法 第五十一条).


def _raw_outbox() -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {connection.ops.quote_name(Outbox._meta.db_table)}")
        return "\n".join(str(value) for row in cursor.fetchall() for value in row)


def test_pipl_art51_the_raw_outbox_row_holds_neither_the_query_code_nor_the_mobile(hotline, item, zhangsan, uploads):
    application = _apply(item, zhangsan, uploads)
    intake = _write()
    raw = _raw_outbox()
    for secret in (application.query_code, intake.query_code, zhangsan.mobile, VISITOR):
        assert secret not in raw, secret
    assert application.receipt_no not in raw and intake.letter.number not in raw  # the title as a whole is sealed
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT title, body FROM {Outbox._meta.db_table}")
        assert all(title.startswith(crypto.PREFIX) for title, _body in cursor.fetchall())


def test_pipl_art51_sms_to_encrypts_title_and_body_and_reads_them_back(zhangsan):
    from zhengtong.notifications.services import sms_to

    sms_to(mobile="13905740085", title="您的来信已收到，查询码 654321。", body="正文 654321")
    item = Outbox.objects.get()
    assert (item.title, item.body, item.address) == ("您的来信已收到，查询码 654321。", "正文 654321", "13905740085")
    assert "654321" not in _raw_outbox() and "13905740085" not in _raw_outbox()


def test_pipl_art51_the_migration_encrypts_outbox_rows_written_before(zhangsan):
    """Rows queued before title and body were encrypted (their address already was, since 0003) are encrypted by
    migration 0005."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {Outbox._meta.db_table} (channel, recipient_id, address, title, body, status, attempts, "
            "last_error, created_at) VALUES ('sms', %s, %s, '查询码 112233', '正文 112233', 'pending', 0, '', "
            "CURRENT_TIMESTAMP)",
            [zhangsan.pk, crypto.encrypt("13905740086")],
        )
    assert "112233" in _raw_outbox()
    migration = importlib.import_module("zhengtong.notifications.migrations.0005_outbox_encrypted_text")
    migration.encrypt_rows(apps, None)
    raw = _raw_outbox()
    assert "112233" not in raw and "13905740086" not in raw
    item = Outbox.objects.get()
    assert (item.title, item.body, item.address) == ("查询码 112233", "正文 112233", "13905740086")
