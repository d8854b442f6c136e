from __future__ import annotations

from rest_framework import serializers

from zhengtong.accounts.models import User
from zhengtong.org.models import Department, Membership


class DepartmentSerializer(serializers.ModelSerializer):
    parent_code = serializers.SerializerMethodField()

    class Meta:
        model = Department
        fields = [
            "code",
            "name",
            "short_name",
            "kind",
            "depth",
            "parent_code",
            "functions",
            "phone",
            "address",
            "office_hours",
        ]

    def get_parent_code(self, obj) -> str | None:
        # Parent path is the node's path less one step; the view passes every code by path once, so a list
        # of departments costs one query, not one per row.
        codes = self.context.get("codes_by_path")
        if codes is None:
            codes = dict(Department.objects.values_list("path", "code"))
            self.context["codes_by_path"] = codes
        return codes.get(obj.path[: -Department.steplen])


class PublicStaffSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="user.real_name")
    post = serializers.CharField(source="post.name", default=None)

    class Meta:
        model = Membership
        fields = ["name", "post", "duties", "is_head"]


class MeSerializer(serializers.ModelSerializer):
    id_number = serializers.CharField(source="masked_id_number")
    mobile = serializers.CharField(source="masked_mobile")

    class Meta:
        model = User
        fields = ["username", "kind", "real_name", "enterprise_name", "id_number", "mobile"]


class SkippedDaySerializer(serializers.Serializer):
    date = serializers.DateField()
    kind = serializers.CharField()
    name = serializers.CharField()


class MakeupDaySerializer(serializers.Serializer):
    date = serializers.DateField()
    name = serializers.CharField()


class WorkdaysAddSerializer(serializers.Serializer):
    start = serializers.DateField()
    days = serializers.IntegerField()
    due = serializers.DateField()
    provisional = serializers.BooleanField(help_text="到期日所在年度节假日安排未公布，仅按周末计算")
    last_published_year = serializers.IntegerField()
    skipped = SkippedDaySerializer(many=True, help_text="跳过的法定节假日")
    weekend_days_skipped = serializers.IntegerField()
    makeup_working_days = MakeupDaySerializer(many=True, help_text="计入的调休上班日")


class WorkdaysBetweenSerializer(serializers.Serializer):
    start = serializers.DateField()
    end = serializers.DateField()
    working_days = serializers.IntegerField()
    provisional = serializers.BooleanField()
