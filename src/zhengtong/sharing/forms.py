"""The workbench's forms for data sharing: a resource (编目), a share request, and the provider's decision."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zhengtong.core.forms import ZtForm, styled
from zhengtong.files.intake import MAX_BYTES
from zhengtong.org.access import workplaces
from zhengtong.org.models import Department

from .models import DataType, Resource
from .models.catalogue import UpdateCycle
from .models.opendata import LICENCES
from .services.catalogue import FIELDS


class DateInput(forms.DateInput):
    """A browser's date input reads only ISO dates (2027-06-30), whatever the language's display format."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class ResourceForm(ZtForm, forms.ModelForm):
    items = forms.CharField(
        label=_("信息项"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "每行一项，写成“标识:名称:类型”，类型为 C（字符）、N（数值）、D（日期）、T（日期时间）或 B（布尔），"
            "如 uscc:统一社会信用代码:C"
        ),
    )

    class Meta:
        model = Resource
        fields = FIELDS
        widgets = {
            "published_on": DateInput(),
            "summary": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["items"].initial = "\n".join(
                f"{i.key}:{i.name}:{i.data_type}" for i in self.instance.items.all()
            )
        self.fields["published_on"].initial = timezone.localdate()
        styled(self)

    def _post_clean(self):
        pass  # the service validates and saves (services/catalogue.resource_save), not the model form

    def item_rows(self) -> list[tuple[str, str, str]]:
        rows = []
        for line in self.cleaned_data["items"].splitlines():
            if line.strip():
                parts = [p.strip() for p in line.replace("：", ":").split(":")]
                rows.append(
                    (parts[0], parts[1] if len(parts) > 1 else "", (parts[2] if len(parts) > 2 else "C").upper())
                )
        return rows


class ShareRequestForm(ZtForm):
    consumer = forms.TypedChoiceField(label=_("申请部门"), coerce=int)
    purpose = forms.CharField(
        label=_("使用用途"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("写明依据的职责和办理的事项。"),
    )
    fields = forms.MultipleChoiceField(label=_("申请信息项"), widget=forms.CheckboxSelectMultiple)
    row_filter = forms.CharField(
        label=_("数据范围"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("可选，每行“信息项=值”，如 district=北仑区。"),
    )
    period_until = forms.DateField(label=_("使用期限至"), widget=DateInput())

    def __init__(self, *args, resource: Resource, departments, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["consumer"].choices = [(d.pk, d.name) for d in departments]
        self.fields["fields"].choices = [(i.key, f"{i.name}（{i.key}）") for i in resource.items.all()]
        self.fields["period_until"].initial = timezone.localdate() + dt.timedelta(days=365)
        styled(self)


class GrantForm(ZtForm):
    fields = forms.MultipleChoiceField(label=_("授权信息项"), widget=forms.CheckboxSelectMultiple)
    row_filter = forms.CharField(
        label=_("数据范围"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("可在申请的范围上再加限定，每行“信息项=值”。"),
    )
    expires_on = forms.DateField(label=_("有效期至"), widget=DateInput())
    rate_per_minute = forms.IntegerField(label=_("每分钟调用上限"), min_value=1, max_value=100_000, initial=600)
    reason = forms.CharField(
        label=_("审核意见"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, request, **kwargs):
        super().__init__(*args, **kwargs)
        labels = dict(request.resource.items.values_list("key", "name"))
        self.fields["fields"].choices = [(k, f"{labels.get(k, k)}（{k}）") for k in request.fields]
        self.fields["fields"].initial = list(request.fields)
        self.fields["row_filter"].initial = "\n".join(f"{k}={v}" for k, v in request.row_filter.items())
        self.fields["expires_on"].initial = request.period_until
        styled(self)


class ReasonForm(ZtForm):
    reason = forms.CharField(label=_("理由"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, label=None, **kwargs):
        super().__init__(*args, **kwargs)
        if label:
            self.fields["reason"].label = label
        styled(self)


DATA_TYPES = dict(DataType.choices)


class DatasetForm(ZtForm):
    """A new open dataset from an uploaded table (opendata.dataset_create), provided by one of the departments the
    clerk works in (org.access.workplaces, as the service's check)."""

    provider = forms.ModelChoiceField(label=_("数据提供方"), queryset=Department.objects.none(), empty_label=None)
    title = forms.CharField(label=_("数据集名称"), max_length=200)
    name = forms.CharField(
        label=_("标识"),
        max_length=100,
        help_text=_("用在网址和开放接口中：小写英文字母、数字、连字符，如 beilun-parks。"),
    )
    notes = forms.CharField(label=_("数据集描述"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    license_id = forms.ChoiceField(label=_("开放许可"), choices=list(LICENCES.items()))
    update_cycle = forms.ChoiceField(label=_("更新周期"), choices=UpdateCycle.choices)
    tags = forms.CharField(label=_("标签"), required=False, max_length=500, help_text=_("多个标签用顿号或逗号分隔。"))
    table = forms.FileField(
        label=_("表格文件"),
        help_text=_(
            "CSV（UTF-8 或 GBK 编码）或 Excel（.xlsx）的第一个工作表，第一行为列名；不超过 20 MB、20 万行、100 列。"
            "上传后为待发布，经个人信息审查后方可开放。"
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["provider"].queryset = Department.objects.filter(pk__in=workplaces(user)).order_by("path")
        styled(self)

    def table_upload(self) -> tuple[str, bytes]:
        upload = self.cleaned_data["table"]
        return upload.name, upload.read(MAX_BYTES + 1)  # one byte past the limit: refused by its size, not cut
