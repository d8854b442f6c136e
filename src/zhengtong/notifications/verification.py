"""SMS verification of a mobile number typed into a public form (a letter's contact for replies): one-time
6-digit codes, valid 10 minutes, single use, at most 5 wrong tries an hour per number; sending limited per
number (one a minute, five an hour) and per address (twenty an hour), so the form cannot be used to flood
someone's phone."""

from __future__ import annotations

import datetime as dt
import hmac

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zhengtong.audit.services import audit_record
from zhengtong.core import throttle
from zhengtong.core.codes import keyed_hash, six_digits
from zhengtong.core.errors import InvalidInput, PermissionDenied
from zhengtong.core.masking import mask_mobile
from zhengtong.core.validators import MOBILE_RE

from .models import PhoneCode

VALID_FOR = dt.timedelta(minutes=10)
RESEND_AFTER = dt.timedelta(seconds=60)
PER_MOBILE_PER_HOUR = 5
PER_IP_PER_HOUR = 20
MAX_ATTEMPTS = 5

NOT_MOBILE = ("PHONE_NOT_MOBILE", _("请填写11位手机号码，用于接收短信验证码。"))
TOO_SOON = ("PHONE_CODE_TOO_SOON", _("验证码已发送，请一分钟后再重新获取。"))
TOO_MANY = ("PHONE_CODE_TOO_MANY", _("获取验证码次数过多，请一小时后再试，或拨打12345热线反映。"))
REQUIRED = ("PHONE_CODE_REQUIRED", _("请先获取并填写发送到您手机的6位短信验证码。"))
WRONG = ("PHONE_CODE_WRONG", _("短信验证码不正确或已失效，请重新获取。"))


def _digest(kind: str, value: str) -> str:
    return keyed_hash("zhengtong-phone-code:", f"{kind}:{value}")


def _refuse(error, cls=InvalidInput):
    code, message = error
    return cls(message, code=code)


@transaction.atomic
def phone_code_send(*, mobile: str, purpose: str, ip: str | None, deliver: bool = True) -> None:
    """deliver=False: everything a send does (the limits, the stored code, the audit row) but the SMS itself, for
    a number a form must not reveal it does not know (忘记密码): the page answers alike either way."""
    mobile = (mobile or "").strip()
    if not MOBILE_RE.match(mobile):
        raise _refuse(NOT_MOBILE)
    now = timezone.now()
    mobile_hash = _digest("m", mobile)
    recent = PhoneCode.objects.filter(
        mobile_hash=mobile_hash, purpose=purpose, created_at__gte=now - dt.timedelta(hours=1)
    )
    if recent.filter(created_at__gte=now - RESEND_AFTER).exists():
        raise _refuse(TOO_SOON)
    ip_keys = throttle.keys(f"sms:{purpose}", ip=ip or "-")
    # every send counts against the address, counted before it is judged (sends at once each take their place)
    if recent.count() >= PER_MOBILE_PER_HOUR or not throttle.guess(ip_keys, PER_IP_PER_HOUR):
        raise _refuse(TOO_MANY, PermissionDenied)
    code = six_digits()
    PhoneCode.objects.create(
        mobile_hash=mobile_hash,
        purpose=purpose,
        code_hash=_digest(f"c:{mobile_hash}", code),
        expires_at=now + VALID_FOR,
    )
    audit_record(
        action="notifications.phone_code.send",
        object_type="notifications.phonecode",
        object_id=mask_mobile(mobile),
        changes={"purpose": [None, purpose]},
    )
    text = f"【政通】您的验证码是{code}，{int(VALID_FOR.total_seconds() // 60)}分钟内有效。如非本人操作，请忽略。"
    # Sent by the worker, never while the page waits, and a task is queued whether or not the code is delivered:
    # a slow gateway would otherwise tell, by how long the page takes, which numbers a form sent a code to.
    from .tasks import send_sms_code

    transaction.on_commit(lambda: send_sms_code(mobile if deliver else "", text if deliver else ""))


def phone_code_verify(*, mobile: str, purpose: str, code: str) -> None:
    """Consumes the latest unexpired code for the number. Call it inside the transaction that uses the proof: a
    failure after it leaves the code usable. Wrong guesses are counted in the shared cache, which a rollback does
    not undo; after five the number needs a new code an hour later."""
    code = (code or "").strip()
    if not code:
        raise _refuse(REQUIRED)
    mobile_hash = _digest("m", (mobile or "").strip())
    guesses = throttle.keys(f"smscheck:{purpose}", m=mobile_hash)
    if not throttle.guess(guesses, MAX_ATTEMPTS):  # counted before it is judged: a burst gets five, no more
        raise _refuse(TOO_MANY, PermissionDenied)
    latest = (
        PhoneCode.objects.select_for_update()
        .filter(mobile_hash=mobile_hash, purpose=purpose, used_at__isnull=True, expires_at__gt=timezone.now())
        .order_by("-created_at")
        .first()
    )
    if latest is None or not hmac.compare_digest(latest.code_hash, _digest(f"c:{mobile_hash}", code)):
        raise _refuse(WRONG)
    throttle.forgive(guesses)
    latest.used_at = timezone.now()
    latest.save(update_fields=["used_at"])
