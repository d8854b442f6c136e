"""好差评 API (/api/v1/evaluation/): the rater's invitations, a rating (from his account, or with the SMS link's
token and no account), and the public monthly rankings. The same services as the pages."""

from __future__ import annotations

from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, permissions, serializers, status
from rest_framework.parsers import FormParser, JSONParser
from rest_framework.response import Response
from rest_framework.views import APIView

from zhengtong.core.errors import PermissionDenied, refuse, refuse_on

from . import errors, services
from .models import Channel, Invitation, Rating
from .rankings import parse_month
from .selectors import names
from .tallies import stored_rankings


class InvitationSerializer(serializers.ModelSerializer):
    department = serializers.CharField(source="department.name")
    rated = serializers.SerializerMethodField(help_text="是否已评价")

    class Meta:
        model = Invitation
        fields = ["id", "subject_label", "department", "item_name", "online", "concluded_at", "expires_at", "rated"]

    def get_rated(self, invitation) -> bool:
        return hasattr(invitation, "rating")


class RatingRequest(serializers.Serializer):
    score = serializers.IntegerField(help_text="整体满意度：5 非常满意 … 1 非常不满意")
    efficiency = serializers.IntegerField(required=False, allow_null=True, help_text="办事效率（网上办件）")
    guide_accuracy = serializers.IntegerField(required=False, allow_null=True, help_text="办事指南精确度")
    convenience = serializers.IntegerField(required=False, allow_null=True, help_text="办事便捷度")
    usability = serializers.IntegerField(required=False, allow_null=True, help_text="平台操作性")
    comment = serializers.CharField(required=False, allow_blank=True, help_text="评价内容；差评（1、2）必填")
    token = serializers.CharField(required=False, allow_blank=True, help_text="短信链接中的评价码（无账户时）")


class RatingSerializer(serializers.ModelSerializer):
    score_label = serializers.CharField(source="get_score_display")

    class Meta:
        model = Rating
        fields = ["score", "score_label", "efficiency", "guide_accuracy", "convenience", "usability", "comment", "at"]


class RankingSerializer(serializers.Serializer):
    rank = serializers.IntegerField()
    key = serializers.CharField()
    name = serializers.CharField()
    score = serializers.FloatField(allow_null=True)
    band = serializers.CharField()
    ratings = serializers.IntegerField()
    mean = serializers.FloatField(allow_null=True)
    bad = serializers.IntegerField()
    satisfaction_interval = serializers.ListField(child=serializers.FloatField(), allow_null=True)
    on_time_rate = serializers.FloatField(allow_null=True)
    time_used_percent = serializers.FloatField(
        allow_null=True, help_text="本月办结件用时占承诺时限的百分比（越低越快）"
    )
    rectified_rate = serializers.FloatField(allow_null=True)


class IsRater(permissions.BasePermission):
    def has_permission(self, request, view):
        return bool(request.user and request.user.is_authenticated and request.user.kind != "staff")


class MyInvitations(generics.ListAPIView):
    """我的待评价和已评价办件（办结后可评价的期限内）。"""

    permission_classes = [IsRater]
    serializer_class = InvitationSerializer

    def get_queryset(self):
        return (
            Invitation.objects.filter(rater=self.request.user, expires_at__gt=timezone.now())
            .select_related("department", "rating")
            .order_by("-concluded_at")
        )


class Rate(APIView):
    """提交评价：登录的评价人评价自己的办件；没有账户的评价人凭短信链接中的评价码（token）评价。每件只能评价一次。"""

    permission_classes = [permissions.AllowAny]
    parser_classes = [JSONParser, FormParser]

    @extend_schema(request=RatingRequest, responses={201: RatingSerializer})
    def post(self, request, pk: int):
        body = RatingRequest(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        if data.get("token"):
            invitation = services.invitation_for(token=data["token"])
            if invitation.pk != pk:  # a real token tried on another case: an access attempt
                services.link_denied(invitation_id=pk)
                raise refuse(errors.LINK_INVALID, PermissionDenied)
        else:
            invitation = services.invitation_for(user=request.user, invitation_id=pk)
        rating = services.rating_submit(
            invitation=invitation,
            score=data["score"],
            comment=data.get("comment", ""),
            parts={k: data.get(k) for k in ("efficiency", "guide_accuracy", "convenience", "usability")},
            channel=Channel.API,
        )
        return Response(RatingSerializer(rating).data, status=status.HTTP_201_CREATED)


class Rankings(APIView):
    """好差评排名（公开）：某月各部门或各事项的综合得分、等次、满意率及其95%区间、按期办结率、差评按期整改率。
    每10分钟统计一次。"""

    permission_classes = [permissions.AllowAny]

    @extend_schema(
        parameters=[
            OpenApiParameter("month", str, description="月份，如 2026-11；默认本月"),
            OpenApiParameter("by", str, enum=["department", "item"], description="按部门或按事项"),
        ],
        responses=RankingSerializer(many=True),
    )
    def get(self, request):
        by = request.query_params.get("by") or "department"
        if by not in ("department", "item"):
            raise refuse_on("by", errors.BY_INVALID)
        given = request.query_params.get("month")
        month = parse_month(given) if given else timezone.localdate().replace(day=1)
        if month is None:
            raise refuse_on("month", errors.MONTH_INVALID)
        rows = stored_rankings(month, by)
        called = names(by, [r.key for r in rows])
        return Response(
            [
                {
                    "rank": r.rank,
                    "key": str(r.key),
                    "name": called.get(r.key, ""),
                    "score": r.score,
                    "band": r.band,
                    "ratings": r.ratings,
                    "mean": r.mean,
                    "bad": r.bad,
                    "satisfaction_interval": list(r.satisfaction.interval) if r.satisfaction.interval else None,
                    "on_time_rate": r.on_time.rate,
                    "time_used_percent": r.time_used.used_percent,
                    "rectified_rate": r.rectified.rate,
                }
                for r in rows
            ]
        )
