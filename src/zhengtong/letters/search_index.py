"""Published letters in the site search: only the masked public copy is ever pushed."""

from __future__ import annotations

from django.urls import reverse

from zhengtong.search import registry
from zhengtong.search.services import Document as SearchDocument
from zhengtong.search.services import document_index, document_unindex

from .models import Letter

KIND = "letters.letter"


def search_document(letter: Letter) -> SearchDocument:
    department = letter.department
    return SearchDocument(
        kind=KIND,
        kind_label="来信选登",
        object_id=str(letter.pk),
        title=letter.public_title,
        text=f"{letter.public_content}\n答复：{letter.public_reply}",
        url=reverse("letters:letter", args=[letter.number]),
        department_id=department.pk if department else None,
        department_name=department.name if department else "",
        category=letter.kind,
        category_label=letter.get_kind_display(),
        published_at=letter.published_at,
    )


def letter_push(letter: Letter) -> None:
    if letter.published_at:
        document_index(search_document(letter))
    else:
        document_unindex(KIND, letter.pk)


def _published():
    return Letter.objects.filter(published_at__isnull=False).select_related("department").order_by("pk")


def register() -> None:
    registry.register(
        KIND,
        count=lambda: _published().count(),
        documents=lambda: (search_document(d) for d in _published().iterator(chunk_size=500)),
    )
