from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from zhengtong.core.errors import InvalidInput
from zhengtong.org import selectors as org_selectors
from zhengtong.workdays import answers

from .serializers import (
    DepartmentSerializer,
    MeSerializer,
    PublicStaffSerializer,
    WorkdaysAddSerializer,
    WorkdaysBetweenSerializer,
)


class DepartmentList(generics.ListAPIView):
    """机构列表（公开）：按树的顺序列出全部启用的机构。"""

    permission_classes = [AllowAny]
    serializer_class = DepartmentSerializer
    queryset = org_selectors.public_departments()


class DepartmentDetail(generics.RetrieveAPIView):
    """单个机构（公开）。"""

    permission_classes = [AllowAny]
    serializer_class = DepartmentSerializer
    lookup_field = "code"
    queryset = org_selectors.public_departments()


class DepartmentStaff(generics.ListAPIView):
    """机构工作人员公示（公开）：姓名、职务、工作职责。"""

    permission_classes = [AllowAny]
    serializer_class = PublicStaffSerializer

    def get_queryset(self):
        department = generics.get_object_or_404(org_selectors.public_departments(), code=self.kwargs["code"])
        return org_selectors.public_staff(department)


class Me(APIView):
    """当前登录用户（证件号码和手机号码已脱敏）。"""

    @extend_schema(responses=MeSerializer)
    def get(self, request):
        return Response(MeSerializer(request.user).data)


def _answer(compute, query) -> Response:
    """The calculator's answer, or its error in the API's shape (the page shows the same error)."""
    try:
        return Response(compute(query))
    except answers.CalculatorError as exc:
        problem = {"code": exc.code, "message": exc.message}
        raise InvalidInput(exc.message, code=exc.code, fields={exc.field: [problem]}) from None


class WorkdaysAdd(APIView):
    """办事期限计算器：从起算日（第0日）起 N 个工作日后的到期日（公开）。"""

    permission_classes = [AllowAny]

    @extend_schema(
        parameters=[
            OpenApiParameter("start", str, required=True, description="起算日期 YYYY-MM-DD（收件当日，第0日）"),
            OpenApiParameter("days", int, required=True, description="工作日数 0-3650"),
        ],
        responses=WorkdaysAddSerializer,
    )
    def get(self, request):
        return _answer(
            lambda q: answers.add_answer(
                answers.parse_date(q.get("start"), "start"), answers.parse_days(q.get("days"))
            ),
            request.GET,
        )


class WorkdaysBetween(APIView):
    """两个日期之间的工作日数：开始日之后至结束日（含）（公开）。"""

    permission_classes = [AllowAny]

    @extend_schema(
        parameters=[
            OpenApiParameter("start", str, required=True, description="开始日期 YYYY-MM-DD"),
            OpenApiParameter("end", str, required=True, description="结束日期 YYYY-MM-DD"),
        ],
        responses=WorkdaysBetweenSerializer,
    )
    def get(self, request):
        return _answer(
            lambda q: answers.between_answer(
                answers.parse_date(q.get("start"), "start"), answers.parse_date(q.get("end"), "end")
            ),
            request.GET,
        )
