from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import generics
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from zhengtong.org import selectors as org_selectors
from zhengtong.org.models import Department

from .serializers import DepartmentSerializer, MeSerializer, PublicStaffSerializer


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
