"""SMS verification of a mobile typed into a public form: one-time codes, 10 minutes, single use, limited sends
and guesses, nothing stored in the clear."""

from __future__ import annotations

import datetime as dt
from unittest import mock

import pytest
from django.db import transaction
from django.utils import timezone

from zhengtong.core.errors import InvalidInput, PermissionDenied
from zhengtong.notifications.channels import MemorySmsBackend
from zhengtong.notifications.models import PhoneCode
from zhengtong.notifications.verification import phone_code_send, phone_code_verify

from ..conftest import sms_code

MOBILE = "13805740001"


@pytest.fixture
def sms(sms_outbox, django_capture_on_commit_callbacks):
    def send(mobile=MOBILE, ip="10.0.0.1"):
        with django_capture_on_commit_callbacks(execute=True):
            phone_code_send(mobile=mobile, purpose="t", ip=ip)
        return sms_code(sms_outbox)

    return send


def test_a_sent_code_proves_the_number_once(db, sms):
    code = sms()
    assert MemorySmsBackend.outbox[-1][0] == MOBILE
    phone_code_verify(mobile=MOBILE, purpose="t", code=code)
    with pytest.raises(InvalidInput) as again:
        phone_code_verify(mobile=MOBILE, purpose="t", code=code)
    assert again.value.code == "PHONE_CODE_WRONG"


def test_nothing_is_stored_in_the_clear(db, sms):
    code = sms()
    row = PhoneCode.objects.values_list("mobile_hash", "code_hash").get()
    assert MOBILE not in "".join(row) and code not in "".join(row)


def test_a_code_expires_after_ten_minutes(db, sms):
    code = sms()
    with mock.patch("django.utils.timezone.now", return_value=timezone.now() + dt.timedelta(minutes=11)):
        with pytest.raises(InvalidInput):
            phone_code_verify(mobile=MOBILE, purpose="t", code=code)


def test_a_code_is_for_its_own_number(db, sms):
    code = sms()
    with pytest.raises(InvalidInput):
        phone_code_verify(mobile="13905740002", purpose="t", code=code)


def test_a_rollback_after_the_check_leaves_the_code_usable(db, sms):
    code = sms()
    with pytest.raises(RuntimeError), transaction.atomic():
        phone_code_verify(mobile=MOBILE, purpose="t", code=code)
        raise RuntimeError("the letter failed after the check")
    phone_code_verify(mobile=MOBILE, purpose="t", code=code)


def test_five_wrong_guesses_lock_the_number_even_across_rollbacks(db, sms):
    code = sms()
    for _ in range(5):
        with pytest.raises(InvalidInput), transaction.atomic():
            phone_code_verify(mobile=MOBILE, purpose="t", code="000000" if code != "000000" else "111111")
    with pytest.raises(PermissionDenied) as locked:
        phone_code_verify(mobile=MOBILE, purpose="t", code=code)
    assert locked.value.code == "PHONE_CODE_TOO_MANY"


def test_sending_is_limited_per_minute_and_per_hour(db, sms):
    sms()
    with pytest.raises(InvalidInput) as soon:
        sms()
    assert soon.value.code == "PHONE_CODE_TOO_SOON"
    start = timezone.now()
    for minute in range(2, 6):
        with mock.patch("django.utils.timezone.now", return_value=start + dt.timedelta(minutes=minute * 2)):
            sms()
    with mock.patch("django.utils.timezone.now", return_value=start + dt.timedelta(minutes=20)):
        with pytest.raises(PermissionDenied) as many:
            sms()
    assert many.value.code == "PHONE_CODE_TOO_MANY"


@pytest.mark.parametrize("number", ["0574-86781234", "1380574000", "abc"])
def test_only_a_mobile_can_receive_a_code(db, sms, number):
    with pytest.raises(InvalidInput) as refused:
        sms(number)
    assert refused.value.code == "PHONE_NOT_MOBILE" and not PhoneCode.objects.exists()
