from __future__ import annotations

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from zhengtong.core.forms import ZtForm
from zhengtong.core.validators import validate_id_number, validate_mobile, validate_uscc


def _text(**attrs):
    return forms.TextInput(attrs={"class": "form-control", **attrs})


def _password():
    return forms.PasswordInput(attrs={"class": "form-control", "autocomplete": "new-password"})


class _ContactFields(ZtForm):
    mobile = forms.CharField(
        label=_("手机号码"),
        required=False,
        validators=[validate_mobile],
        widget=_text(autocomplete="tel", inputmode="numeric"),
    )
    email = forms.EmailField(
        label=_("电子邮箱"),
        required=False,
        widget=forms.EmailInput(attrs={"class": "form-control", "autocomplete": "email"}),
        error_messages={"invalid": _("电子邮箱格式不正确。")},
    )
    password = forms.CharField(label=_("密码"), widget=_password(), help_text=_("至少8位，不要使用常见密码。"))
    password2 = forms.CharField(label=_("确认密码"), widget=_password())
    # 个人信息保护法 Art. 14 and 17: the policy is shown and agreed to before any personal data is taken.
    consent = forms.BooleanField(
        label=_("我已阅读并同意《隐私政策》"),
        error_messages={"required": _("请阅读并同意隐私政策后再注册。")},
        widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The link beside the box, not in its label: a click on the label ticks the box, never leaves the form.
        self.fields["consent"].help_text = format_html(
            '<a href="{}" target="_blank" rel="noopener">{}</a>',
            reverse("portal:privacy"),
            _("阅读《隐私政策》（新窗口打开）"),
        )

    def clean(self):
        data = super().clean()
        if data.get("password") and data.get("password2") and data["password"] != data["password2"]:
            self.add_error("password2", forms.ValidationError(_("两次输入的密码不一致。"), code="PASSWORD_MISMATCH"))
        if not data.get("mobile") and not data.get("email") and not self.has_error("mobile"):
            self.add_error(
                "mobile", forms.ValidationError(_("请至少填写手机号码或电子邮箱中的一项。"), code="CONTACT_REQUIRED")
            )
        return data


class CitizenRegistrationForm(_ContactFields):
    real_name = forms.CharField(label=_("真实姓名"), max_length=50, widget=_text(autocomplete="name"))
    id_number = forms.CharField(
        label=_("公民身份号码"),
        max_length=18,
        min_length=18,
        validators=[validate_id_number],
        widget=_text(autocomplete="off"),
        error_messages={"min_length": _("公民身份号码应为18位。")},
    )
    field_order = ["real_name", "id_number", "mobile", "email", "password", "password2", "consent"]


class EnterpriseRegistrationForm(_ContactFields):
    enterprise_name = forms.CharField(label=_("单位名称"), max_length=200, widget=_text(autocomplete="organization"))
    uscc = forms.CharField(label=_("统一社会信用代码"), max_length=18, validators=[validate_uscc], widget=_text())
    legal_representative = forms.CharField(label=_("法定代表人"), max_length=50, widget=_text())
    field_order = ["enterprise_name", "uscc", "legal_representative", "mobile", "email", "password", "password2"]


class LoginForm(AuthenticationForm):
    template_name = "core/form.html"
    error_messages = {
        "invalid_login": _("登录名或密码不正确。"),
        "inactive": _("该账户已停用。"),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("登录名 / 手机号码 / 电子邮箱 / 统一社会信用代码")
        self.fields["username"].widget.attrs.update({"class": "form-control"})
        self.fields["password"].label = _("密码")
        self.fields["password"].widget.attrs.update({"class": "form-control"})

    def get_invalid_login_error(self):
        return forms.ValidationError(self.error_messages["invalid_login"], code="LOGIN_INVALID")


class OtpTokenForm(ZtForm):
    token = forms.CharField(
        label=_("动态口令或备用码"),
        max_length=16,
        widget=_text(autocomplete="one-time-code", inputmode="numeric"),
    )
