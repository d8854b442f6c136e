"""Intake (DOMAIN §5; GB/T 44189-2024 受理): every channel makes one case with a number and a query code, on the
2-hour acceptance clock; bad input is refused with a code; the same writer's same letter within 30 days is one
case; a near-identical letter from anyone is flagged for merging."""

from __future__ import annotations

import datetime as dt
from unittest import mock

import pytest
from django.utils import timezone

from zhengtong.audit.models import OperationLog
from zhengtong.core.errors import InvalidInput
from zhengtong.letters import services, similar
from zhengtong.letters.models import Kind, State, Urgency
from zhengtong.letters.services.common import query_hash
from zhengtong.supervision.models import Clock, Unit

from .conftest import submit


def _clock(letter, stage):
    return (
        Clock.objects.filter(subject_type="letters.letter", subject_id=str(letter.pk), stage=stage)
        .order_by("pk")
        .last()
    )


def test_a_web_letter_gets_a_number_a_query_code_and_the_two_hour_acceptance_clock(hotline):
    intake = submit()
    letter = intake.letter
    assert letter.number.startswith(f"XJ{timezone.now():%Y}") and letter.state == State.SUBMITTED
    assert len(intake.query_code) == 6 and letter.query_hash == query_hash(letter.number, intake.query_code)
    clock = _clock(letter, "accept")
    assert (clock.limit, clock.unit, clock.department) == (2, Unit.HOURS, hotline["centre"])
    assert OperationLog.objects.filter(action="letters.letter.submit", object_id=str(letter.pk)).exists()


def test_a_phone_call_keeps_the_time_of_the_call_and_its_urgency(hotline):
    called = timezone.now() - dt.timedelta(minutes=40)
    letter = submit(
        by=hotline["operator"], channel="phone", received_at=called, urgency=Urgency.URGENT, title=""
    ).letter
    assert letter.received_at == called and letter.urgency == Urgency.URGENT
    assert letter.title.startswith("新碶街道某小区门口")  # a call has no title: the first words stand for it
    assert _clock(letter, "accept").started_at == called


def test_a_citizen_cannot_set_urgency_or_backdate(hotline, zhangsan):
    earlier = timezone.now() - dt.timedelta(days=3)
    letter = submit(by=zhangsan, urgency=Urgency.URGENT, received_at=earlier).letter
    assert letter.urgency == Urgency.NORMAL and letter.received_at > earlier
    assert letter.writer == zhangsan and letter.writer_phone == zhangsan.mobile  # real name from the account


@pytest.mark.parametrize(
    ("values", "code"),
    [
        ({"content": "  "}, "LETTER_CONTENT_REQUIRED"),
        ({"content": "长" * 5001}, "LETTER_CONTENT_TOO_LONG"),
        ({"content": "投诉<script>alert(1)</script>"}, "LETTER_MARKUP"),
        ({"title": "<img src=x onerror=alert(1)>"}, "LETTER_MARKUP"),
        ({"kind": "threat"}, "LETTER_KIND_INVALID"),
        ({"writer_phone": ""}, "LETTER_CONTACT_REQUIRED"),
        ({"writer_phone": "12345"}, "LETTER_PHONE_INVALID"),
    ],
)
def test_bad_input_is_refused_with_a_code_and_nothing_is_kept(hotline, values, code):
    with pytest.raises(InvalidInput) as refused:
        submit(**values)
    assert refused.value.code == code
    assert not Clock.objects.filter(subject_type="letters.letter").exists()


def test_anonymous_letters_need_no_contact_and_keep_no_name(hotline):
    letter = submit(anonymous=True, writer_name="张三", writer_phone="").letter
    assert letter.anonymous and letter.writer_name == "" and letter.writer is None


def test_a_landline_is_a_valid_contact(hotline):
    assert submit(writer_phone="0574-86781234").letter.writer_phone == "0574-86781234"


def test_an_untitled_letter_s_first_words_are_masked_before_they_are_cut_to_a_title(hotline):
    """Outside attack, session 41 (个人信息保护法 第五十一条): the first 30 characters were cut before masking, and an
    ID number cut to 17 digits no longer reads as one, so the title published it whole beside the masked body."""
    from ..factories import valid_id_number

    id_number = valid_id_number(sequence=14)
    letter = submit(
        channel="phone", by=hotline["operator"], title="", content=f"查社保记录我的身份证号码：{id_number}，谢谢"
    ).letter
    assert id_number[6:14] not in letter.title and letter.title.startswith("查社保记录我的身份证号码：")
    assert id_number[6:14] not in letter.public_title


def test_a_phone_call_cannot_be_dated_in_the_future(hotline):
    with pytest.raises(InvalidInput) as refused:
        submit(by=hotline["operator"], channel="phone", received_at=timezone.now() + dt.timedelta(hours=1))
    assert refused.value.code == "LETTER_RECEIVED_IN_FUTURE"


def test_the_same_writer_sending_the_same_letter_again_gets_the_first_case_back(hotline, zhangsan):
    first = submit(by=zhangsan)
    again = submit(by=zhangsan)
    assert again.repeated and again.letter == first.letter and again.query_code == ""
    assert first.letter.events.filter(action="repeat").count() == 1


def test_a_campaign_of_identical_letters_does_not_hide_a_writers_own_repeat(hotline):
    """DOMAIN §5 (one case per matter): sixty people send the same text; the sixtieth sends it again and gets his
    first case back, however many earlier letters share its text."""
    for n in range(60):
        last = submit(writer_name=f"来信人{n}", writer_phone=f"139057{n:05d}")
    again = submit(writer_name="来信人59", writer_phone="13905700059")
    assert again.repeated and again.letter == last.letter


def test_the_first_of_a_campaign_is_named_as_the_possible_duplicate(hotline):
    first = submit().letter
    for n in range(30):
        later = submit(writer_name=f"来信人{n}", writer_phone=f"139057{n:05d}").letter
    assert later.possible_duplicate == first


def test_a_near_identical_letter_from_someone_else_is_flagged_not_merged(hotline):
    first = submit().letter
    other = submit(
        writer_name="李五", writer_phone="13905740002", content=first.content.replace("每天晚上", "每天晚上七点后")
    ).letter
    assert other != first and other.possible_duplicate == first


def test_a_declined_letter_is_not_named_as_the_possible_duplicate(hotline):
    first = submit().letter
    services.letter_decline(letter=first, by=hotline["operator"], reason="无具体诉求")
    other = submit(
        writer_name="李五", writer_phone="13905740002", content=first.content.replace("每天晚上", "每天晚上七点后")
    ).letter
    assert other.possible_duplicate is None


def test_letters_more_than_30_days_apart_are_not_duplicates(hotline):
    submit()
    with mock.patch("django.utils.timezone.now", return_value=timezone.now() + dt.timedelta(days=31)):
        later = submit()
    assert not later.repeated and later.letter.possible_duplicate is None


def test_different_letters_are_not_near_identical():
    assert not similar.near(
        "小区门口的餐馆每天晚上油烟很大，请相关部门检查处理。",
        "我想咨询一下新生儿医保参保需要准备哪些材料，在哪里办理。",
    )


@pytest.mark.parametrize(
    "edit", [("每天晚上", "每天晚上七点后"), ("检查", "尽快检查"), ("新碶", "大碶"), ("。", "。谢谢！")]
)
def test_near_identical_texts_share_a_band(edit):
    """What the duplicate lookup relies on: a small edit keeps Jaccard ≥ 0.8 and at least one band equal."""
    a = "小区门口餐馆油烟扰民\n新碶街道某小区门口的餐馆每天晚上油烟很大，食品卫生也令人担心，请相关部门检查处理。"
    b = a.replace(*edit)
    assert similar.near(a, b)
    assert any(x == y for x, y in zip(similar.bands(a), similar.bands(b), strict=True))


def test_letters_of_every_kind_are_accepted(hotline):
    for kind in Kind.values:
        assert (
            submit(kind=kind, content=f"关于{kind}的来信内容，编号{kind}。", writer_phone="13905740003").letter.kind
            == kind
        )
