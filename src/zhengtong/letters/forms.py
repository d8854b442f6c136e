from __future__ import annotations

import uuid
from typing import NamedTuple

from django import forms
from django.forms.utils import ErrorDict
from django.utils.translation import gettext_lazy as _

from zhengtong.core.forms import MultipleFileField, MultipleFileInput, ZtForm, styled
from zhengtong.files.widgets import checked_on_choice

from .errors import MAX_ATTACHMENTS, MAX_CONTENT
from .models import Kind, Mailbox


class PhoneCodeInput(forms.TextInput):
    """The phone field with its 获取短信验证码 button beside it: the code is asked for in the background (htmx, the
    chosen photo stays chosen) and the button counts down to the next allowed send (site.js); without script the
    button submits the page as before."""

    template_name = "letters/widgets/phone_code.html"


class WriteForm(ZtForm):
    mailbox = forms.ModelChoiceField(
        label=_("写信给"), queryset=Mailbox.objects.none(), required=False, empty_label=_("12345政务服务热线")
    )
    kind = forms.ChoiceField(label=_("信件类别"), choices=Kind.choices)
    title = forms.CharField(label=_("标题"), max_length=100)
    content = forms.CharField(
        label=_("内容"),
        max_length=MAX_CONTENT,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("请写明事情经过、地点和诉求，不超过%(n)s字。") % {"n": MAX_CONTENT},
    )
    location = forms.CharField(label=_("事发地点"), max_length=200, required=False)
    about = forms.IntegerField(required=False, min_value=1, max_value=2**62, widget=forms.HiddenInput)
    anonymous = forms.BooleanField(label=_("匿名来信（不留姓名和联系方式，无法回访）"), required=False)
    writer_name = forms.CharField(label=_("姓名"), max_length=50, required=False)
    writer_phone = forms.CharField(
        label=_("手机号码"),
        max_length=20,
        required=False,
        help_text=_("用于答复和回访。填写后点“获取短信验证码”。"),
        widget=PhoneCodeInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
    )
    phone_code = forms.CharField(
        label=_("短信验证码"),
        max_length=6,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}),
    )
    # After the phone code: sending a code reloads the page, and a browser never keeps the files chosen.
    attachments = MultipleFileField(
        label=_("照片或材料（可不传）"),
        required=False,
        max_files=MAX_ATTACHMENTS,
        widget=MultipleFileInput(attrs=checked_on_choice()),
        help_text=_(
            "最多%(n)s个，JPG、PNG、PDF、Word（docx）或Excel（xlsx），每个不超过20MB。附件只供办理部门查看，不会公开。"
        )
        % {"n": MAX_ATTACHMENTS},
    )
    public_allowed = forms.BooleanField(
        label=_("同意在网站公开来信和答复（个人信息将被遮盖）"), required=False
    )  # unticked until the writer ticks it: consent is given, never presumed (个人信息保护法 Art. 14)
    # One per form shown: sending the same form again (a retry after a lost answer, a double click) files one
    # letter and is answered with the same number and query code.
    submission_key = forms.CharField(widget=forms.HiddenInput, max_length=64, required=False)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["submission_key"].initial = uuid.uuid4().hex
        self.fields["mailbox"].queryset = Mailbox.objects.filter(is_active=True)
        if user is not None and user.is_authenticated and user.kind != "staff":
            # A logged-in writer's name and phone come from the verified account.
            del self.fields["writer_name"], self.fields["writer_phone"], self.fields["phone_code"]
        styled(self)

    def holding(self, files) -> "WriteForm":
        """The files already held for this form (files/held.py) are named beside the file field, not chosen again."""
        if files:
            names = "、".join(f.original_name for f in files)
            field = self.fields["attachments"]
            field.help_text = _("已上传：%(names)s（不必重新选择）。") % {"names": names} + str(field.help_text)
        return self

    def without_errors(self) -> "WriteForm":
        """The typed values shown again without validating them (after sending a code, before the letter is done)."""
        self._errors, self.cleaned_data = ErrorDict(), {}
        return self


class QueryForm(ZtForm):
    number = forms.CharField(label=_("信件编号"), max_length=20)
    code = forms.CharField(label=_("查询码"), max_length=6, min_length=6)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        styled(self)


class ListFilter(NamedTuple):
    """The published list's filter, read from the query string. Not a Django form: building and validating one
    cost the list page 0.1 ms of the little its speed target leaves (decision 0011), for two plain values."""

    q: str = ""
    kind: str = ""
    QUERY_MAX = 100  # a class value, not a field: the filter's form shows it as the box's maxlength

    @classmethod
    def read(cls, params) -> "ListFilter":
        """An unknown kind or an overlong query filters nothing, as an invalid form did."""
        q, kind = params.get("q", "").strip(), params.get("kind", "")
        if len(q) > cls.QUERY_MAX or (kind and kind not in Kind.values):
            return cls()
        return cls(q, kind)
