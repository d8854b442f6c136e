"""Published documents in the site search (nothing unpublished is ever pushed)."""

from __future__ import annotations

from django.urls import reverse

from zhengtong.files.reading import readings
from zhengtong.search import registry
from zhengtong.search.services import Document as SearchDocument
from zhengtong.search.services import document_index, document_unindex

from .models import Document, State

KIND = "disclosure.document"


def search_document(document: Document) -> SearchDocument:
    from .services import body_text, public_strings

    files = [a.file for a in document.attachments.select_related("file")]
    attachments = "\n".join(r.text for r in readings(files).values())
    meta = "　".join(
        x
        for x in (document.index_no or "", document.doc_no, document.issuing_org, document.get_validity_display())
        if x
    )
    return SearchDocument(
        kind=KIND,
        kind_label="政府信息",
        object_id=str(document.pk),
        title=document.title,
        text=f"{meta}\n{body_text(document)}\n{attachments}",
        url=reverse("disclosure:document", args=[document.index_no]),
        department_id=document.department_id,
        department_name=document.department.name,
        category=document.category,
        category_label=document.get_category_display(),
        published_at=document.published_at,
        public_strings=tuple(public_strings(document)),
    )


def document_push(document: Document) -> None:
    if document.state == State.PUBLISHED:
        document_index(search_document(document))
    else:
        document_unindex(KIND, document.pk)


def _published():
    return (
        Document.objects.filter(state=State.PUBLISHED)
        .select_related("department")
        .prefetch_related("attachments")
        .order_by("pk")
    )


def register() -> None:
    registry.register(
        KIND,
        count=lambda: _published().count(),
        documents=lambda: (search_document(d) for d in _published().iterator(chunk_size=200)),
    )
