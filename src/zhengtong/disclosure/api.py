"""Disclosure's case APIs (cases/api.py): requests for disclosure (依申请公开) and documents under review. The
applicant's identity number and contact are not in them: the staff pages show them to those who handle it."""

from __future__ import annotations

from rest_framework import serializers

from zhengtong.cases.api import CaseApi, without_files

from .actions import DOCUMENT_ACTIONS, REQUEST_ACTIONS
from .case import DOCUMENT, REQUEST
from .models import Document, Request


class RequestSerializer(serializers.ModelSerializer):
    department = serializers.CharField(source="department.name")

    class Meta:
        model = Request
        fields = [
            "id",
            "receipt_no",
            "department",
            "applicant_kind",
            "channel",
            "received_on",
            "content",
            "state",
            "correction_items",
            "correction_due",
            "corrected_on",
            "extended",
            "fee",
            "answer_type",
            "answer_reason",
            "answer_text",
            "answered_at",
            "delivered_at",
            "delivery_method",
        ]


class DocumentSerializer(serializers.ModelSerializer):
    department = serializers.CharField(source="department.name")

    class Meta:
        model = Document
        fields = [
            "id",
            "index_no",
            "title",
            "department",
            "issuing_org",
            "doc_no",
            "category",
            "state",
            "validity",
            "written_on",
            "published_at",
            "review_note",
        ]


REQUESTS = CaseApi(
    case_type=REQUEST,
    name="disclosure-requests",
    label="政府信息公开申请",
    queryset=lambda: Request.objects.select_related("department"),
    serializer=RequestSerializer,
    perform=without_files(REQUEST_ACTIONS),
    filters={"state": "state", "department": "department__code", "channel": "channel"},
)

DOCUMENTS = CaseApi(
    case_type=DOCUMENT,
    name="disclosure-documents",
    label="政府信息",
    queryset=lambda: Document.objects.select_related("department"),
    serializer=DocumentSerializer,
    perform=without_files(DOCUMENT_ACTIONS),
    filters={"state": "state", "department": "department__code", "category": "category"},
    applicant_field="created_by",
)
