"""Second factor for staff: TOTP (RFC 6238) through django-otp, with one-time backup codes.

A staff member without a confirmed device enrols on first login (QR code shown once); confirming it issues
ten backup codes, shown once. Every failure is written to the login log.
"""

from __future__ import annotations

import base64
import secrets

import segno
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django_otp import login as otp_login
from django_otp import match_token
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from zhengtong.audit.models import LoginLog
from zhengtong.audit.services import audit_record, login_record
from zhengtong.core.redirects import next_path

from . import errors
from .forms import OtpTokenForm
from .models import User

BACKUP_CODES = 10


def _next(request) -> str:
    return next_path(request, reverse("workbench:home"))


def _staff_only(request) -> None:
    """An authenticator is for staff: a citizen's account signs in with its password (and SMS where asked)."""
    if request.user.kind != User.Kind.STAFF:
        raise Http404


def _refuse(form, request):
    code, message = errors.OTP_INVALID
    form.add_error("token", ValidationError(message, code=code))
    login_record(username=request.user.get_username(), user_id=request.user.pk, outcome=LoginLog.Outcome.OTP_FAILURE)


@login_required
def otp_verify(request):
    _staff_only(request)
    if not TOTPDevice.objects.filter(user=request.user, confirmed=True).exists():
        return redirect("accounts:otp_setup")
    form = OtpTokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = match_token(request.user, form.cleaned_data["token"].strip())
        if device is not None:
            otp_login(request, device)
            return redirect(_next(request))
        _refuse(form, request)
    return render(request, "accounts/otp_verify.html", {"form": form, "next": _next(request)})


@login_required
def otp_setup(request):
    _staff_only(request)
    if TOTPDevice.objects.filter(user=request.user, confirmed=True).exists():
        return redirect("accounts:otp")
    device = TOTPDevice.objects.filter(user=request.user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=request.user, name="身份验证器", confirmed=False)
    form = OtpTokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"].strip()):
            codes = _confirm(request.user, device)
            otp_login(request, device)
            return render(request, "accounts/otp_backup_codes.html", {"codes": codes, "next": _next(request)})
        _refuse(form, request)
    qr = segno.make(device.config_url, error="m").svg_inline(scale=5, title=_("动态口令二维码"))
    return render(request, "accounts/otp_setup.html", {"form": form, "qr": qr, "secret": _base32(device)})


@transaction.atomic(durable=True)
def _confirm(user, device) -> list[str]:
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return issue_backup_codes(user)


def issue_backup_codes(user) -> list[str]:
    static, _created = StaticDevice.objects.get_or_create(user=user, name="备用码")
    static.token_set.all().delete()
    codes = [f"{secrets.randbelow(10**8):08d}" for _ in range(BACKUP_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=static, token=c) for c in codes)
    audit_record(action="accounts.otp.enrol", obj=user, changes={"otp": [None, "totp+backup"]})
    return codes


def _base32(device) -> str:
    return base64.b32encode(device.bin_key).decode().rstrip("=")
