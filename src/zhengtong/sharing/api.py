"""Data sharing's API: share requests in the case engine's one shape (/api/v1/cases/share-requests/), and the
exchange under /api/v1/exchange/: a department system reads a resource it holds a grant on, with its staff API
key; each call is checked against the grant and logged (services/exchange.py)."""

from __future__ import annotations

from django.db.models import Q
from django.http import HttpResponse
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, inline_serializer
from rest_framework import permissions, serializers
from rest_framework.generics import ListAPIView
from rest_framework.response import Response
from rest_framework.views import APIView

from zhengtong.accounts.api_auth import second_factor_behind
from zhengtong.accounts.models import User
from zhengtong.cases.api import CaseApi
from zhengtong.core import params
from zhengtong.core.errors import NotFound, ZtError, refuse
from zhengtong.core.paging import RowsOf
from zhengtong.org.access import workplaces

from . import errors
from .actions import ACTIONS
from .case import SHARE_REQUEST
from .models import Grant, ShareRequest
from .selectors import department_grants, grant_usage
from .services.exchange import exchange_read, exchange_refused
from .signing import signer, verifier


class ShareRequestSerializer(serializers.ModelSerializer):
    resource = serializers.CharField(source="resource.code")
    resource_name = serializers.CharField(source="resource.name")
    consumer = serializers.CharField(source="consumer.name")
    provider = serializers.CharField(source="provider.name")

    class Meta:
        model = ShareRequest
        fields = [
            "id",
            "number",
            "resource",
            "resource_name",
            "consumer",
            "provider",
            "purpose",
            "fields",
            "row_filter",
            "period_until",
            "state",
            "submitted_at",
            "decided_at",
            "reason",
        ]


SHARE_REQUESTS = CaseApi(
    case_type=SHARE_REQUEST,
    name="share-requests",
    label="共享申请",
    queryset=lambda: ShareRequest.objects.select_related("resource", "consumer", "provider"),
    serializer=ShareRequestSerializer,
    perform=ACTIONS,
    lookup="number",
    filters={
        "state": "state",
        "resource": "resource__code",
        "provider": "provider__code",
        "consumer": "consumer__code",
    },
)


class DepartmentSystem(permissions.BasePermission):
    """Staff of a department (a department's system calls with a key issued to one of its staff), through an API
    key or a session that passed TOTP. An integration account belongs to no department, so it holds no grant."""

    def has_permission(self, request, view):
        user = request.user
        if not (user and user.is_authenticated and user.is_active and user.kind == User.Kind.STAFF):
            return False
        return second_factor_behind(request)


RESERVED = {"fields", "page", "grant", "format"}


class Rows(APIView):
    permission_classes = [DepartmentSystem]

    @extend_schema(
        summary="按授权读取共享资源",
        parameters=[
            OpenApiParameter("fields", str, description="逗号分隔的信息项；缺省为授权的全部信息项"),
            OpenApiParameter("page", int, description="页码，每页100条"),
            OpenApiParameter("grant", int, description="授权编号（本部门有多个授权时）"),
        ],
        description="其余查询参数为按信息项的等值筛选（如 uscc=…）。每次调用都记入签名的交换日志。",
        responses=inline_serializer(
            "ExchangeRows",
            {
                "resource": serializers.CharField(),
                "grant": serializers.IntegerField(),
                "fields": serializers.ListField(child=serializers.CharField()),
                "page": serializers.IntegerField(),
                "next": serializers.BooleanField(),
                "log_id": serializers.IntegerField(help_text="本次调用在交换日志中的编号"),
                "rows": serializers.ListField(child=serializers.DictField()),
            },
        ),
    )
    def get(self, request, code: str):
        data = request.query_params
        try:
            page = params.whole_number(data, "page", maximum=100_000) or 1
            fields = [f.strip() for f in params.text(data, "fields", max_length=2000).split(",") if f.strip()]
            filters = {k: params.text(data, k, max_length=200) for k in data if k not in RESERVED}
            grant = params.identifier(data, "grant")
        except ZtError as refusal:
            exchange_refused(user=request.user, code=code, refusal=refusal)
            raise
        answer = exchange_read(
            user=request.user, code=code[:40], fields=fields, filters=filters, page=page, grant=grant
        )
        return Response(
            {
                "resource": code,
                "grant": answer.grant.pk,
                "fields": answer.fields,
                "page": answer.page,
                "next": answer.more,
                "log_id": answer.entry,
                "rows": answer.rows,
            }
        )


class GrantSerializer(serializers.ModelSerializer):
    resource = serializers.CharField(source="resource.code")
    resource_name = serializers.CharField(source="resource.name")
    consumer = serializers.CharField(source="consumer.name")
    status = serializers.CharField(source="status_label")
    usage = inline_serializer(
        "GrantUsage",
        {
            "calls": serializers.IntegerField(),
            "rows": serializers.IntegerField(),
            "refused": serializers.IntegerField(),
            "last_call": serializers.DateTimeField(allow_null=True),
        },
        read_only=True,
        required=False,
    )
    role = serializers.ChoiceField(choices=["consumer", "provider"], read_only=True, required=False)

    class Meta:
        model = Grant
        fields = [
            "id",
            "resource",
            "resource_name",
            "consumer",
            "fields",
            "row_filter",
            "expires_on",
            "rate_per_minute",
            "status",
            "usage",
            "role",
        ]


class Grants(ListAPIView):
    """本部门作为使用方和提供方的共享授权，及各授权的调用情况。"""

    permission_classes = [DepartmentSystem]
    serializer_class = GrantSerializer

    def get_queryset(self):
        """The department's grants (the list reads their ids in order from selectors.department_grants)."""
        places = workplaces(self.request.user)
        return Grant.objects.filter(Q(consumer_id__in=places) | Q(provider_id__in=places)).select_related(
            "resource", "consumer"
        )

    @extend_schema(summary="本部门的共享授权和调用情况")
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def list(self, request, *args, **kwargs):
        places = workplaces(request.user)
        grants = self.paginate_queryset(RowsOf(self.get_queryset(), department_grants(places)))
        usage = grant_usage(g.pk for g in grants)
        for grant in grants:
            used = usage.get(grant.pk, {})
            grant.usage = {
                "calls": used.get("calls", 0),
                "rows": used.get("rows") or 0,
                "refused": used.get("refused", 0),
                "last_call": used.get("last"),
            }
            grant.role = "consumer" if grant.consumer_id in places else "provider"
        return self.get_paginated_response(GrantSerializer(grants, many=True).data)


class PublicKey(APIView):
    """交换日志签名公钥（PEM），任何一方可据此核验日志。"""

    permission_classes = [permissions.AllowAny]

    @extend_schema(
        summary="交换日志签名公钥",
        parameters=[OpenApiParameter("key_id", str, description="签名批次记载的密钥编号；缺省为当前签名密钥")],
        responses={(200, "application/x-pem-file"): str, 404: OpenApiResponse(description="没有这个编号的签名密钥")},
    )
    def get(self, request):
        wanted = request.query_params.get("key_id")
        key = verifier(wanted) if wanted else signer()
        if key is None:
            raise refuse(errors.KEY_UNKNOWN, NotFound)
        response = HttpResponse(key.public_key_pem(), content_type="application/x-pem-file")
        response["X-Key-Id"], response["X-Algorithm"] = key.key_id, key.algorithm
        return response
