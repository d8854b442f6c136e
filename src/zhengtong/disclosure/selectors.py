from __future__ import annotations

from django.db.models import Count, QuerySet

from .models import Category, Document, State


def published() -> QuerySet[Document]:
    return Document.objects.filter(state=State.PUBLISHED).select_related("department").order_by("-published_at", "-pk")


def category_counts() -> list[tuple[str, str, int]]:
    counts = dict(published().order_by().values_list("category").annotate(n=Count("pk")))
    return [(code, label, counts.get(code, 0)) for code, label in Category.choices]


def public_document(index_no: str) -> Document | None:
    return (published().select_related("replaced_by", "interprets").prefetch_related("attachments__file")
            .filter(index_no=index_no).first())
