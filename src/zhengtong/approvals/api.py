"""The service hall's API: the catalogue (public), submission, status lookup (public) and staff actions.
Views only check permissions, clean input and call the same services as the pages."""

from __future__ import annotations

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field, inline_serializer
from rest_framework import generics, permissions, serializers, status
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from zhengtong.accounts.api_auth import second_factor_behind
from zhengtong.accounts.models import User
from zhengtong.audit.context import client_ip
from zhengtong.cases.api import CaseApi, Once, params, unprinted_secrets
from zhengtong.cases.bodies import every_body_schema
from zhengtong.cases.guards import refusals_audited, unreachable
from zhengtong.cases.transitions import may, state_first, written_numbers_refused
from zhengtong.cases.visibility import visible_case
from zhengtong.core import params as core_params
from zhengtong.core.errors import InvalidInput, NotFound

from . import guide_privacy, selectors, services
from .actions import STAFF_ACTIONS, TARGET_CHECKS, material_uploads
from .case import APPLICATION
from .models import Application, Branch, Event, FormField, Material, ServiceItem, Status
from .services import drafts


class MaterialSerializer(serializers.ModelSerializer):
    blank_form_url = serializers.SerializerMethodField(help_text="空白表格下载地址；无或未公开时为 null")
    sample_url = serializers.SerializerMethodField(help_text="示例样表下载地址；无或未公开时为 null")

    class Meta:
        model = Material
        fields = ["id", "name", "form", "copies", "medium", "required", "note", "blank_form_url", "sample_url"]

    def _url(self, material, stored, which: str) -> str | None:
        """The file's public link, as the guide's page offers it: none for a file the page withholds (personal data
        in it, or its pictures not yet read: guide_privacy.withheld, read once for the guide in `context`)."""
        withheld = self.context.get("withheld")  # read by ItemSerializer; without it nothing is known clean
        if stored is None or withheld is None or stored.pk in withheld:
            return None
        url = reverse("approvals:form_file", args=[material.item.code, material.pk, which])
        request = self.context.get("request")
        return request.build_absolute_uri(url) if request else url

    def get_blank_form_url(self, material) -> str | None:
        return self._url(material, material.blank_form, "blank")

    def get_sample_url(self, material) -> str | None:
        return self._url(material, material.sample, "sample")


class FormFieldSerializer(serializers.ModelSerializer):
    class Meta:
        model = FormField
        fields = ["key", "label", "kind", "required", "choices"]


class ItemListSerializer(serializers.ModelSerializer):
    lead_department = serializers.CharField(source="lead_department.name")

    class Meta:
        model = ServiceItem
        fields = [
            "code",
            "name",
            "item_type",
            "service_type",
            "lead_department",
            "legal_limit",
            "committed_limit",
            "online",
            "theme",
        ]


class ItemSerializer(ItemListSerializer):
    co_departments = serializers.SlugRelatedField(many=True, read_only=True, slug_field="name")
    materials = MaterialSerializer(many=True, read_only=True)
    fields_ = FormFieldSerializer(many=True, read_only=True, source="fields")

    def to_representation(self, item):
        files = guide_privacy.files_of(item.materials.all())
        self.context["withheld"] = guide_privacy.withheld(item, files)  # for MaterialSerializer, read once
        return super().to_representation(item)

    class Meta(ItemListSerializer.Meta):
        fields = ItemListSerializer.Meta.fields + [
            "basis",
            "co_departments",
            "conditions",
            "process",
            "special_steps",
            "fee",
            "location",
            "hours",
            "visits",
            "phone",
            "complaint_phone",
            "result",
            "delivery",
            "faq",
            "materials",
            "fields_",
            "version",
        ]


class EventSerializer(serializers.ModelSerializer):
    department = serializers.CharField(source="department.name", default=None)

    class Meta:
        model = Event
        fields = ["at", "action", "label", "department", "note"]


class BranchSerializer(serializers.ModelSerializer):
    """A department's review (并联审批): its id is what the `review` action names."""

    department = serializers.CharField(source="department.name")

    class Meta:
        model = Branch
        fields = ["id", "department", "is_lead", "state", "decided_at"]


class ApplicationSerializer(serializers.ModelSerializer):
    item = serializers.CharField(source="item.name")
    lead_department = serializers.CharField(source="lead_department.name")
    events = EventSerializer(many=True, read_only=True)
    branches = BranchSerializer(many=True, read_only=True)

    class Meta:
        model = Application
        fields = [
            "id",
            "receipt_no",
            "item",
            "lead_department",
            "status",
            "received_at",
            "decision",
            "decision_reason",
            "result_doc_no",
            "certificate_no",
            "concluded_at",
            "delivered_at",
            "branches",
            "events",
        ]


class ApproverSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    department = serializers.CharField()


class ApplicationStaffSerializer(ApplicationSerializer):
    """An application as staff read it in its detail: also who may approve its extension (第四十二条), whose id
    `extend` takes as `approver`, as the page offers them in a list: to one who may ask for it, now."""

    extension_approvers = serializers.SerializerMethodField(
        help_text="可审批延长办理期限的负责人；extend 的 approver 取其 id"
    )

    class Meta(ApplicationSerializer.Meta):
        fields = [*ApplicationSerializer.Meta.fields, "extension_approvers"]

    @extend_schema_field(ApproverSerializer(many=True))
    def get_extension_approvers(self, application) -> list[dict]:
        if not may(APPLICATION, application, self.context["request"].user, "extend"):
            return []
        unit = selectors.extension_unit(application)
        return [
            {"id": head.pk, "name": head.real_name, "department": unit.name}
            for head in selectors.extension_approvers(application, unit)
        ]


class PublicEventSerializer(serializers.Serializer):
    at = serializers.DateTimeField()
    action = serializers.CharField()
    label = serializers.CharField()
    department = serializers.CharField(source="department.name", default=None)
    note = serializers.CharField()


class PublicStatusSerializer(serializers.Serializer):
    """The public status: what the status page shows, no internal ids."""

    receipt_no = serializers.CharField()
    item = serializers.CharField(source="item.name")
    lead_department = serializers.CharField(source="lead_department.name")
    status = serializers.ChoiceField(choices=Status.choices)
    received_at = serializers.DateTimeField()
    decision = serializers.CharField()
    decision_reason = serializers.CharField()
    result_doc_no = serializers.CharField()
    certificate_no = serializers.CharField()
    concluded_at = serializers.DateTimeField(allow_null=True)
    delivered_at = serializers.DateTimeField(allow_null=True)
    events = PublicEventSerializer(many=True)


class ItemList(generics.ListAPIView):
    """服务事项目录（公开）。可按 theme、audience（citizen/legal/investor）、department（机构编码）、q 筛选。"""

    permission_classes = [permissions.AllowAny]
    serializer_class = ItemListSerializer

    @extend_schema(
        parameters=[OpenApiParameter(n, str, required=False) for n in ("q", "theme", "audience", "department")]
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        items = selectors.published_items().order_by("code")
        params = self.request.query_params
        if params.get("q"):
            items = items.filter(name__icontains=params["q"][:50])
        if params.get("theme"):
            items = items.filter(theme=params["theme"][:20])
        items = selectors.for_audience(items, params.get("audience"))
        if params.get("department"):
            items = items.filter(lead_department__code=params["department"][:32])
        return items


class ItemDetail(generics.RetrieveAPIView):
    """办事指南（公开）：事项的全部指南要素、申请材料和申请表字段。"""

    permission_classes = [permissions.AllowAny]
    serializer_class = ItemSerializer
    lookup_field = "code"
    queryset = selectors.published_items().prefetch_related(
        Prefetch("materials", Material.objects.select_related("blank_form", "sample")),
        "fields",
        "co_departments",
    )


class IsApplicant(permissions.BasePermission):
    def has_permission(self, request, view):
        return bool(request.user and request.user.is_authenticated and request.user.kind != User.Kind.STAFF)


class VerifiedStaff(permissions.BasePermission):
    """Staff through the API: a token issued by the security administrator, or a session that passed TOTP."""

    def has_permission(self, request, view):
        user = request.user
        if not (user and user.is_authenticated and user.kind == User.Kind.STAFF):
            return False
        return second_factor_behind(request)


def _item_form(properties: dict, required: list[str] | None = None) -> dict:
    """A submission's form: `properties`, and each field of the item as a form field of its own, named by its key
    (GET /api/v1/approvals/items/{code}/ lists them), each material's files as material_<its id>."""
    form = {
        "type": "object",
        "properties": properties,
        "additionalProperties": {
            "anyOf": [{"type": "string"}, {"type": "string", "format": "binary"}],
            "description": "事项的每个字段以其字段标识为名（文字）；材料文件以 material_<材料ID> 为名（文件，可多个）",
        },
    }
    return {"multipart/form-data": form | ({"required": required} if required else {})}


APPLICANTS_OWN = ("resubmit", "withdraw")  # in STAFF_ACTIONS for the case API; not staff's to take here


def _staff_actions() -> list[str]:
    return [name for name in STAFF_ACTIONS if name not in APPLICANTS_OWN]


def _every_action_body() -> dict:
    body = every_body_schema(STAFF_ACTIONS[name] for name in _staff_actions())  # read from the code once
    return {"application/json": body, "application/x-www-form-urlencoded": body}


class Submit(APIView):
    """在线申请：multipart 表单，事项字段按字段标识提交，材料文件字段名为 material_<材料ID>；promise=1 表示申请人
    已阅读并同意承诺书（所填信息和所交材料真实有效，行政许可法第三十一条），缺少则不予提交。
    请求头 Idempotency-Key 相同的重复提交只产生一件申请。"""

    permission_classes = [IsApplicant]
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(
        request=_item_form({"promise": {"type": "string", "description": "已阅读并同意承诺书：1（缺少则不予提交）"}}),
        responses={
            201: inline_serializer(
                "SubmitResponse",
                {
                    "receipt_no": serializers.CharField(),
                    "query_code": serializers.CharField(allow_null=True),
                    "status": serializers.CharField(),
                },
            )
        },
        parameters=[OpenApiParameter("Idempotency-Key", str, OpenApiParameter.HEADER, required=False)],
    )
    def post(self, request, code: str):
        item = get_object_or_404(selectors.published_items(), code=code)
        uploads = material_uploads(item, request.FILES)
        data = {f.key: request.data.get(f.key, "") for f in item.fields.all()}
        drafts.require_promise(core_params.flag(request.data, "promise") if request.data.get("promise") else False)
        application = services.application_submit(
            item=item,
            applicant=request.user,
            data=data,
            uploads=uploads,
            idempotency_key=request.headers.get("Idempotency-Key", ""),
            promise=drafts.PROMISE_VERSION,
        )
        return Response(
            {
                "receipt_no": application.receipt_no,
                "query_code": getattr(application, "query_code", None),
                "status": application.status,
            },
            status=status.HTTP_201_CREATED,
        )


class WindowRegistration(serializers.Serializer):
    applicant_name = serializers.CharField(max_length=200)
    contact_mobile = serializers.CharField(max_length=20, required=False, allow_blank=True)
    received_at = serializers.DateTimeField(help_text="申请人实际递交材料的时间，时限从此起算")


class Register(APIView):
    """窗口收件登记（工作人员）：与在线申请相同的字段和材料，另需申请人、收件时间。"""

    permission_classes = [VerifiedStaff]
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(
        request=_item_form(
            {
                "applicant_name": {"type": "string", "maxLength": 200},
                "contact_mobile": {"type": "string", "maxLength": 20},
                "received_at": {"type": "string", "format": "date-time", "description": "申请人实际递交材料的时间"},
            },
            required=["applicant_name", "received_at"],
        ),
        responses={
            201: inline_serializer(
                "RegisterResponse",
                {
                    "id": serializers.IntegerField(),
                    "receipt_no": serializers.CharField(),
                    "query_code": serializers.CharField(),
                },
            )
        },
    )
    def post(self, request, code: str):
        item = get_object_or_404(selectors.published_items(), code=code)
        body = WindowRegistration(data=request.data)
        body.is_valid(raise_exception=True)
        if body.validated_data["received_at"] > timezone.now():
            raise InvalidInput("收件时间不能晚于现在。", code="RECEIVED_IN_FUTURE")
        uploads = material_uploads(item, request.FILES)
        application = services.application_submit(
            item=item,
            applicant=None,
            data={f.key: request.data.get(f.key, "") for f in item.fields.all()},
            uploads=uploads,
            channel=Application.Channel.WINDOW,
            received_at=body.validated_data["received_at"],
            registered_by=request.user,
            applicant_name=body.validated_data["applicant_name"],
            contact_mobile=body.validated_data.get("contact_mobile", ""),
        )
        return Response(
            {"id": application.pk, "receipt_no": application.receipt_no, "query_code": application.query_code},
            status=status.HTTP_201_CREATED,
        )


class StatusRequest(serializers.Serializer):
    receipt_no = serializers.CharField(max_length=30)
    code = serializers.CharField(max_length=6)


class StatusLookup(APIView):
    """办件进度查询（公开）：凭受理编号和查询码查看每个环节。"""

    permission_classes = [permissions.AllowAny]
    parser_classes = [JSONParser, FormParser]

    @extend_schema(request=StatusRequest, responses=PublicStatusSerializer)
    def post(self, request):
        body = StatusRequest(data=request.data)
        body.is_valid(raise_exception=True)
        application = services.status_lookup(
            receipt_no=body.validated_data["receipt_no"], code=body.validated_data["code"], ip=client_ip(request)
        )
        return Response(PublicStatusSerializer(application).data)


class MyApplications(generics.ListAPIView):
    """我的办件。"""

    permission_classes = [IsApplicant]
    serializer_class = ApplicationSerializer

    def get_queryset(self):
        return (
            selectors.my_applications(self.request.user)
            .defer(*unprinted_secrets(ApplicationSerializer, Application))
            .prefetch_related("events__department", "branches__department")
            .select_related("lead_department")
        )


class StaffAction(APIView):
    """工作人员办理：accept、refuse、correction、review、conclude、deliver、special_pause、special_resume、extend。
    参数与工作台表单相同（如 refuse 需 reason，correction 需 items（每行一项），review 需 branch、agree、reason）。"""

    permission_classes = [VerifiedStaff]
    parser_classes = [JSONParser, FormParser]

    @extend_schema(
        request=_every_action_body(),
        responses=ApplicationSerializer,
        parameters=[
            OpenApiParameter("Idempotency-Key", str, OpenApiParameter.HEADER, required=False),
            OpenApiParameter("action", str, OpenApiParameter.PATH, enum=_staff_actions()),
        ],
        deprecated=True,
        description="请改用 /api/v1/cases/applications/{key}/actions/<action>/：每个动作一个路径，各有其参数。",
    )
    def post(self, request, pk: int, action: str):
        if action not in STAFF_ACTIONS or action in APPLICANTS_OWN:
            raise NotFound()
        applications = Application.objects.select_related("item", "lead_department")
        application = visible_case(APPLICATION, request.user, applications, pk=pk)
        if application is None:
            unreachable(APPLICATION, request.user, action, pk)  # audited as the case API audits it
            raise NotFound()

        def run():  # a retry gets the first answer before anything is checked again
            state_first(APPLICATION, action, application, request.user)  # the state before the parameters
            if action in TARGET_CHECKS:  # and a review's branch, whose opinion is its state
                TARGET_CHECKS[action](application, request.user, params(request.data))
            written_numbers_refused(APPLICATION, action, params(request.data))
            STAFF_ACTIONS[action](application, request.user, params(request.data), None)
            application.refresh_from_db()
            return ApplicationSerializer(application).data

        # as the case API: a retry runs once, and a refusal is audited with its code (the serializer's too)
        with refusals_audited(APPLICATION, request.user, application, action):
            return Response(Once(APPLICATIONS, request, pk, action).answer(run))


APPLICATIONS = CaseApi(
    case_type=APPLICATION,
    name="applications",
    label="办件",
    queryset=lambda: Application.objects.select_related("item", "lead_department").prefetch_related(
        "events__department", "branches__department"
    ),
    serializer=ApplicationSerializer,
    staff_serializer=ApplicationStaffSerializer,
    perform=STAFF_ACTIONS,
    filters={"status": "status", "item": "item__code", "department": "lead_department__code"},
)
