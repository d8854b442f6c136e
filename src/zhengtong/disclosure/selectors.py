from __future__ import annotations

from django.core.cache import cache
from django.db.models import Count, QuerySet

from zhengtong.org.models import Department

from .models import Category, Column, Document, State


def organs() -> QuerySet[Department]:
    """The organs that answer requests and publish a 公开指南 (条例 Art. 12 and 27): the government and its
    departments, in the tree's order; internal offices answer in their department's name."""
    return Department.objects.filter(
        is_active=True, kind__in=[Department.Kind.GOVERNMENT, Department.Kind.DEPARTMENT]
    ).order_by("path")


def published() -> QuerySet[Document]:
    return Document.objects.filter(state=State.PUBLISHED).select_related("department").order_by("-published_at", "-pk")


def listed(documents: QuerySet[Document]) -> QuerySet[Document]:
    """`documents` with the columns their lists print (disclosure/_rows.html, the workbench's library): a whole row
    read its body, decrypted for nothing, twenty times a page."""
    shown = ("index_no", "title", "doc_no", "state", "validity", "published_at", "updated_at", "department__name")
    return documents.select_related("department").only(*shown)


def home_columns(per_column: int = 6) -> list[tuple[Column, list[Document]]]:
    """The columns the editors put on the home page, in their order, each with its latest published items."""
    latest = published().select_related(None).only("index_no", "title", "published_at")
    return [(c, list(latest.filter(column=c)[:per_column])) for c in Column.objects.filter(on_home=True)]


COUNTS_KEY, COUNTS_TTL = "zt:disclosure:category_counts:v1", 300


def category_counts() -> list[tuple[str, str, int]]:
    """Each category's published documents, counted once per publication rather than on every view of the
    catalogue's home (a GROUP BY over every published document); kept in the shared cache, so every worker shows
    the same figures, and dropped when a document is published (services.forget_category_counts)."""
    counts = cache.get(COUNTS_KEY)
    if counts is None:
        counts = dict(published().order_by().values_list("category").annotate(n=Count("pk")))
        cache.set(COUNTS_KEY, counts, COUNTS_TTL)
    return [(code, label, counts.get(code, 0)) for code, label in Category.choices]


def public_document(index_no: str) -> Document | None:
    """A published document by its index number (unique: no order to compile), with its attachments. The
    documents it links to (its current text, the one it interprets) are read when the page shows them: most
    link to none, and joining them read and decrypted each one's body with the page's own."""
    found = Document.objects.filter(state=State.PUBLISHED, index_no=index_no)
    return next(iter(found.prefetch_related("attachments__file")[:1]), None)
