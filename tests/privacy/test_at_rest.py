"""Personal data at rest (issue 20, item 5; 个人信息保护法 第五十一条; DOMAIN §8): ID numbers and mobiles of
accounts, and the phones and identifiers of applications, disclosure requests and letters, are stored encrypted
under ZT_FIELD_KEY; a raw read of every table finds none of them; look-ups by value still work through the blind
index; a new key takes over with `fieldkeys rotate`; a production site without its own key fails check --deploy."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import FieldError
from django.core.management import call_command
from django.db import connection

from zhengtong.accounts import services as accounts
from zhengtong.accounts.backends import identify
from zhengtong.accounts.models import User
from zhengtong.core import crypto
from zhengtong.core.checks import field_key_set
from zhengtong.disclosure import requests as disclosure
from zhengtong.letters import services as letters

from ..factories import valid_id_number, valid_uscc

OLD = "b2xkLWZpZWxkLWtleS0zMi1ieXRlcy1sb25nISEhISE="
NEW = "bmV3LWZpZWxkLWtleS0zMi1ieXRlcy1sb25nISEhISE="


def _everything_stored() -> str:
    """Every value of every table, as a raw read of the database would see it."""
    seen = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            seen.extend(str(value) for row in cursor.fetchall() for value in row)
    return "\n".join(seen)


def _request(district, **fields):
    values = {
        "identifier": valid_id_number(sequence=8),
        "content": "请公开本街道改造计划。",
        "applicant_kind": "person",
        "applicant_name": "吴芳",
    } | fields
    return disclosure.request_register(
        department=district["A"],
        by=None,
        contact_phone="13905740072",
        channel="online",
        **values,
    )


ANONYMOUS = {"anonymous": True, "writer_name": "", "writer_phone": ""}


def _letter(**fields):
    values = {"title": "路灯不亮", "writer_name": "郑强", "writer_phone": "13905740073"} | fields
    return letters.letter_submit(channel="web", kind="help", **values)


@pytest.fixture
def stored(db, district):
    citizen_id, request_id = valid_id_number(sequence=7), valid_id_number(sequence=8)
    accounts.citizen_register(real_name="周明", id_number=citizen_id, password="Zt-pass-2026!", mobile="13905740071")
    _request(district, identifier=request_id, content="请公开2025年本街道老旧小区改造计划。")
    _letter(content="小区门口路灯坏了一周。")
    return citizen_id, request_id


def test_a_raw_read_of_every_table_finds_no_id_number_or_mobile(stored):
    dump = _everything_stored()
    for secret in (*stored, "13905740071", "13905740072", "13905740073"):
        assert secret not in dump, secret
    assert crypto.PREFIX in dump


def test_look_ups_by_value_go_through_the_blind_index(stored):
    user = User.objects.get(id_number_index=crypto.blind_index(stored[0]))
    assert user.mobile == "13905740071" and user.id_number == stored[0]
    assert identify("13905740071") == user  # log-in by mobile
    with pytest.raises(FieldError):
        User.objects.filter(mobile="13905740071").exists()  # a plain filter would silently find nothing


def test_a_new_key_takes_over_with_rotate_and_the_old_one_can_then_go(db, settings):
    settings.FIELD_KEYS = OLD
    user = accounts.citizen_register(
        real_name="孙丽", id_number=valid_id_number(sequence=9), password="Zt-pass-2026!", mobile="13905740074"
    )
    old_kid = crypto.key_id()
    settings.FIELD_KEYS = f"{NEW},{OLD}"
    call_command("fieldkeys", "rotate", stdout=io.StringIO())
    with connection.cursor() as cursor:
        cursor.execute("SELECT mobile FROM accounts_user WHERE id = %s", [user.pk])
        raw = cursor.fetchone()[0]
    assert raw.startswith(f"{crypto.PREFIX}{crypto.key_id()}:") and crypto.key_id() != old_kid
    settings.FIELD_KEYS = NEW
    assert User.objects.get(mobile_index=crypto.blind_index("13905740074")).mobile == "13905740074"


def test_check_deploy_fails_under_https_without_a_field_key(settings):
    settings.HTTPS, settings.FIELD_KEY_FROM_ENV = True, False
    assert [e.id for e in field_key_set(None)] == ["zhengtong.E002"]
    settings.FIELD_KEY_FROM_ENV = True
    assert field_key_set(None) == []


def test_between_a_new_key_and_the_rotation_look_ups_and_uniqueness_still_hold(db, settings):
    """Outside review: with the new key first and `fieldkeys rotate` not yet run, log-in by mobile failed and the
    same mobile registered twice, which then broke the rotation on the unique index."""
    from zhengtong.core.errors import InvalidInput

    settings.FIELD_KEYS = OLD
    user = accounts.citizen_register(
        real_name="钱亮", id_number=valid_id_number(sequence=11), password="Zt-pass-2026!", mobile="13905740075"
    )
    settings.FIELD_KEYS = f"{NEW},{OLD}"
    assert identify("13905740075") == user
    with pytest.raises(InvalidInput):
        accounts.citizen_register(
            real_name="钱亮", id_number=valid_id_number(sequence=12), password="Zt-pass-2026!", mobile="13905740075"
        )
    call_command("fieldkeys", "rotate", stdout=io.StringIO())
    assert identify("13905740075") == user


def test_free_text_a_person_writes_is_stored_encrypted_too(db, district):
    """Issue 20, done-when: "reading the database file directly finds no ID number or mobile in clear". Citizens
    write their number into the letter or the request itself (我叫…，电话…), not only into the phone field."""
    id_number = valid_id_number(sequence=9)
    _letter(content=f"我叫郑强，电话13905740074，身份证{id_number}。小区门口路灯坏了一周。")
    _request(district, content="请公开本街道改造计划，有疑问请致电13905740076。")
    dump = _everything_stored()
    for secret in (id_number, "13905740074", "13905740076"):
        assert secret not in dump, secret
    from zhengtong.disclosure.models import Request
    from zhengtong.letters.models import Letter

    assert "13905740074" in Letter.objects.get().content  # read back whole
    assert "13905740076" in Request.objects.get().content


def test_a_number_in_a_letter_s_title_or_a_file_s_name_is_not_stored_in_clear(db):
    """An outside attack put numbers where no field is made for them: a letter's title (copied into its clock's
    label and every audit row's description) and an attachment's file name (zhangsan13905740015.pdf)."""
    from ..files.samples import png_with_text

    _letter(
        title="13905740077求助：路灯不亮",
        content="小区门口路灯坏了一周。",
        attachments=[("zhangsan13905740078.png", png_with_text())],
    )
    dump = _everything_stored()
    assert "13905740077" not in dump and "13905740078" not in dump
    from zhengtong.letters.models import Letter

    letter = Letter.objects.get()
    assert "13905740077" in letter.content  # the whole title is kept where the clerk reads it, encrypted
    assert letter.attachments.get().file.original_name == "zhangsan13905740078.png"


@pytest.mark.django_db(transaction=True)
def test_rolling_back_the_encryption_of_a_letter_s_content_writes_it_in_clear_again():
    """Review of issue 20: the rollback was a no-op, so the older code would have shown ciphertext."""
    _letter(content="电话13905740079，路灯不亮。", **ANONYMOUS)

    def stored() -> str:
        with connection.cursor() as cursor:
            cursor.execute("SELECT content FROM letters_letter")
            return cursor.fetchone()[0]

    assert stored().startswith(crypto.PREFIX)
    call_command("migrate", "letters", "0009", verbosity=0)
    try:
        assert stored() == "电话13905740079，路灯不亮。"
    finally:
        call_command("migrate", "letters", verbosity=0)
    assert stored().startswith(crypto.PREFIX)


def test_an_address_a_reply_and_a_file_s_reading_are_not_stored_in_clear(db, district):
    """Round 2 of the outside attack: a request's postal address, a letter's place, its reply (and draft), and the
    text read from a file for the privacy check were plain columns, and held what people wrote into them."""
    from zhengtong.files import reading
    from zhengtong.files.services import file_store
    from zhengtong.letters.models import Letter

    from ..files import hidden

    _request(district, contact_address="绿城春江花园9幢802室（电话13905740091）")
    _letter(content="路灯不亮。", location="门口，电话13905740092", **ANONYMOUS)
    Letter.objects.update(reply_draft="已电话联系13905740093", reply="已电话联系13905740094")
    reading.file_reading(file_store(data=hidden.docx(f"联系电话 {hidden.MOBILE}"), name="通知.docx"))
    dump = _everything_stored()
    for secret in ("13905740091", "13905740092", "13905740093", "13905740094", hidden.MOBILE):
        assert secret not in dump, secret


def test_a_draft_document_s_body_and_its_attachment_s_name_are_not_stored_in_clear(db, district):
    """The demo's database, read directly, still held ID numbers and mobiles: the bodies of disclosure drafts the
    publishing guard had held back (a 低保 notice naming a recipient, 身份证号码…, 联系电话…), where a clerk types
    what must be masked before it may go out, and an attachment's name, copied from the file's (encrypted) name.
    The guard keeps them from the public; at rest they are encrypted like what citizens write."""
    from zhengtong.disclosure.models import Attachment, Document

    from ..disclosure.conftest import draft
    from ..factories import staff
    from ..files import hidden

    id_number = valid_id_number(sequence=13)
    clerk = staff("gongkai", "公开专员", district["A"])
    body = f"<p>申请人：吴桂兰，身份证号码{id_number}，联系电话：13905740095。</p>"
    draft(district["A"], clerk, body=body, uploads=[("吴桂兰13905740096.docx", hidden.docx("实施细则"))])
    dump = _everything_stored()
    for secret in (id_number, "13905740095", "13905740096"):
        assert secret not in dump, secret
    assert id_number in Document.objects.get().body  # read back whole, for the clerk who must mask it
    assert Attachment.objects.get().title == "吴桂兰13905740096.docx"


# What staff write about a case in their own words: they copy the citizen's numbers into it (请联系王建国，电话…).
STAFF_NOTES = [
    ("letters", "Event", "note"),
    ("letters", "Assignment", "return_reason"),
    ("letters", "Assignment", "opinion"),
    ("letters", "Letter", "decline_reason"),
    ("supervision", "ClockPause", "note"),
    ("disclosure", "Request", "answer_text"),
    ("evaluation", "FollowUp", "verification"),
    ("evaluation", "FollowUp", "rectification"),
    ("evaluation", "FollowUp", "appeal_reason"),
    ("evaluation", "FollowUp", "appeal_decision"),
    ("notifications", "Message", "body"),  # the rectification is copied into the rater's notice
]


@pytest.mark.parametrize(("app", "model", "field"), STAFF_NOTES)
def test_what_staff_write_about_a_case_is_encrypted(app, model, field):
    from django.apps import apps

    from zhengtong.core.fields import EncryptedTextField

    assert isinstance(apps.get_model(app, model)._meta.get_field(field), EncryptedTextField)


def test_staff_notes_and_a_clock_s_label_hold_no_number_in_clear(db, district, hotline, lisi):
    """Outside attack, session 41: a dispatch note, a return reason, a third party consulted (the pause's note and
    the new clock's label), an answer's text and a 差评's verification were stored as typed."""
    from zhengtong.disclosure.models import Request
    from zhengtong.letters.models import Assignment, Event
    from zhengtong.supervision.models import Clock, ClockPause
    from zhengtong.supervision.services import clock_pause, clock_start

    from ..letters.conftest import handled

    handled(hotline, district, lisi)
    Event.objects.update(note="请联系王建国，电话13905740101")
    Assignment.objects.update(return_reason="非本单位职责，申请人电话13905740102")
    request = _request(district)
    Request.objects.update(answer_text="申请人李四（手机13905740103）：经检索……")
    clock = clock_start(
        subject_type="disclosure.request",
        subject_id=str(request.pk),
        stage="consult",
        department=district["A"],
        limit=15,
        subject_label="征求意见：王建国，电话13905740104",
    )
    clock_pause(clock=clock, reason=ClockPause.Reason.THIRD_PARTY, note="王建国，电话13905740105")
    dump = _everything_stored()
    for n in range(1, 6):
        assert f"1390574010{n}" not in dump, n
    assert "13905740105" in ClockPause.objects.get().note  # read back whole where staff read it
    assert Clock.objects.get(pk=clock.pk).subject_label == "征求意见：王**，电话139****0104"  # a label is shown: masked


def test_encrypting_existing_rows_writes_only_those_with_a_value(db, district, hotline, lisi):
    """Review, session 41: the migration wrote every row back, most of them with an empty note (49.5 s for
    200,000 events on PostgreSQL, the table's rows locked meanwhile)."""
    from django.test.utils import CaptureQueriesContext

    from zhengtong.core.fields import encrypt_existing
    from zhengtong.letters.models import Event

    from ..letters.conftest import handled

    handled(hotline, district, lisi)
    Event.objects.update(note="")
    with_note = Event.objects.order_by("pk").first()
    Event.objects.filter(pk=with_note.pk).update(note="请联系王建国")
    with CaptureQueriesContext(connection) as queries:
        assert encrypt_existing(Event, ("note",)) == Event.objects.count()
    assert len([q for q in queries.captured_queries if q["sql"].startswith("UPDATE")]) == 1
    assert Event.objects.get(pk=with_note.pk).note == "请联系王建国"


# Outside attack, session 62: an ID number typed into the writer's name was stored in clear beside its encrypted
# mobile. A name field holds a name: a number in it is refused, naming the field, before anything is stored.
@pytest.mark.parametrize("spelling", ["王小明{id}", "王小明 {id}", "王小明，手机13905746666"])
def test_a_number_in_a_letters_writer_name_is_refused_naming_the_field(db, spelling):
    from zhengtong.core.errors import InvalidInput

    with pytest.raises(InvalidInput) as refused:
        _letter(writer_name=spelling.format(id=valid_id_number(sequence=9)), content="路灯坏了。")
    assert refused.value.code == "LETTER_NAME_NOT_A_NAME" and "writer_name" in refused.value.fields


def test_a_number_in_a_disclosure_applicants_name_is_refused_naming_the_field(db, district):
    from zhengtong.core.errors import InvalidInput

    with pytest.raises(InvalidInput) as refused:
        _request(district, applicant_name=f"吴芳{valid_id_number(sequence=9)}")
    assert refused.value.code == "REQUEST_NAME_NOT_A_NAME" and "applicant_name" in refused.value.fields


def test_a_company_whose_name_holds_digits_is_still_an_applicant(db, district):
    assert _request(
        district, applicant_name="宁波58同城信息技术有限公司", applicant_kind="business", identifier=valid_uscc()
    ).pk


def test_a_collective_named_with_its_address_is_an_applicant(db, district):
    """Review (session 62): 横山村3组村民小组 and 中山东路100号全体商户 were refused as names holding an address."""
    assert _request(district, applicant_name="横山村3组村民小组").pk
    assert _letter(writer_name="中山东路100号全体商户", content="路灯坏了。").letter.pk


def test_a_number_in_an_imported_letters_writer_name_is_refused(db, district):
    """Review (session 62): the earlier hotline's records were imported with the writer's name stored as given."""
    import datetime as dt

    from django.utils import timezone

    from zhengtong.core.errors import InvalidInput
    from zhengtong.letters.services.history import Historical, letters_import

    at = timezone.now() - dt.timedelta(days=30)
    row = Historical(
        channel="phone",
        department=district["A"],
        kind="help",
        title="路灯不亮",
        content="路灯坏了。",
        writer_name=f"王小明{valid_id_number(sequence=9)}",
        writer_phone="13905740073",
        received_at=at,
        accepted_at=at,
        replied_at=at,
        closed_at=at,
        reply="已修复。",
    )
    with pytest.raises(InvalidInput) as refused:
        letters_import(rows=[row], by=None)
    assert refused.value.code == "LETTER_NAME_NOT_A_NAME" and "第1行" in str(refused.value.message)
