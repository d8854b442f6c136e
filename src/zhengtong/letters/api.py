"""The letters' case API (cases/api.py): the centre's and the departments' list, detail and actions. The
writer's name and contact are not in it (an API client gets no more than the handling needs); the staff pages
show them to the staff who may see the letter."""

from __future__ import annotations

from rest_framework import serializers

from zhengtong.cases.api import CaseApi, without_files

from .actions import ACTIONS
from .case import LETTER
from .models import Letter


class LetterSerializer(serializers.ModelSerializer):
    department = serializers.CharField(source="department.name", default=None)

    class Meta:
        model = Letter
        fields = [
            "id",
            "number",
            "title",
            "kind",
            "channel",
            "urgency",
            "state",
            "department",
            "received_at",
            "replied_at",
            "closed_at",
            "satisfaction",
            "published_at",
        ]


LETTERS = CaseApi(
    case_type=LETTER,
    name="letters",
    label="来信",
    queryset=lambda: Letter.objects.select_related("department"),
    serializer=LetterSerializer,
    perform=without_files(ACTIONS),
    lookup="number",
    filters={"state": "state", "kind": "kind", "department": "assignments__department__code"},
    applicant_field="writer",
)
