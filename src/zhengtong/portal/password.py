"""忘记密码: a citizen or an enterprise proves the mobile on record with an SMS code and sets a new password
(issue 22 item 6). Here, in the composition layer, because it joins two engines: the account (accounts) and the
SMS proof (notifications.verification), which accounts may not import.

The page answers alike whether or not the number is registered: for an unknown number everything a send does
happens (the limits, the stored code, the audit row) except the message, and a code for it never matches."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _

from zhengtong.accounts import services as accounts
from zhengtong.audit.context import client_ip
from zhengtong.core.errors import InvalidInput, ZtError
from zhengtong.core.forms import ZtForm, apply_error, styled
from zhengtong.core.masking import mask_mobile
from zhengtong.notifications import verification

PURPOSE = "accounts.password_reset"


class ForgotForm(ZtForm):
    mobile = forms.CharField(label=_("注册时填写的手机号码"), max_length=20)
    code = forms.CharField(label=_("短信验证码"), max_length=6, required=False)
    password = forms.CharField(
        label=_("新密码"), widget=forms.PasswordInput, help_text=_("至少8位，不要使用常见密码。")
    )
    password2 = forms.CharField(label=_("再次输入新密码"), widget=forms.PasswordInput)

    def clean(self):
        data = super().clean()
        if data.get("password") and data.get("password2") and data["password"] != data["password2"]:
            self.add_error("password2", ValidationError(_("两次输入的密码不一致。"), code="PASSWORD_MISMATCH"))
        return data


def forgot(request):
    form = styled(ForgotForm(request.POST or None))
    sent_to = None
    if request.method == "POST" and "send_code" in request.POST:
        form.errors.clear()  # only the number matters for sending
        mobile = request.POST.get("mobile", "").strip()
        try:
            known = accounts.public_account_by_mobile(mobile) is not None
            verification.phone_code_send(mobile=mobile, purpose=PURPOSE, ip=client_ip(request), deliver=known)
        except ZtError as exc:
            form.add_error("mobile", ValidationError(exc.message, code=exc.code))
        else:
            sent_to = mask_mobile(mobile)
    elif request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():
                verification.phone_code_verify(mobile=data["mobile"], purpose=PURPOSE, code=data["code"])
                user = accounts.public_account_by_mobile(data["mobile"])
                if user is None:  # an unknown number's code never matches, but say it as a wrong code would
                    code, message = verification.WRONG
                    raise InvalidInput(message, code=code)
                accounts.password_reset(user=user, password=data["password"])
        except ZtError as exc:
            if exc.code in (verification.WRONG[0], verification.REQUIRED[0], verification.TOO_MANY[0]):
                form.add_error("code", ValidationError(exc.message, code=exc.code))
            else:
                apply_error(form, exc)
        else:
            messages.success(request, _("密码已重新设置，请用新密码登录。"))
            return redirect("accounts:login")
    return render(request, "portal/password_forgot.html", {"form": form, "sent_to": sent_to})
