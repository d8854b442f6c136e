"""Domains push public documents here; nothing else writes the index.

`document_index` and `document_unindex` are called inside the domain's transaction and take effect after it
commits, through a task (a rolled-back publication is never indexed). Text goes through the privacy guard
before it is stored or tokenised: the public index never holds a full ID number, phone number or address.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field

from django.db import connection, transaction

from zhengtong import privacy

from . import segment
from .backends import Tokens, backend
from .models import Entry
from .query import meta_tokens

MAX_TEXT = 200_000  # characters of body kept per document (a 100-page report is about this)
UNIQUE = ["kind", "object_id"]
# Every other column is rewritten when a document is indexed again (a field added to Entry is included).
REFRESHED = [f.name for f in Entry._meta.concrete_fields if not f.primary_key and f.name not in UNIQUE]


@dataclass(frozen=True)
class Document:
    kind: str
    kind_label: str
    object_id: str
    title: str
    text: str
    url: str
    department_id: int | None = None
    department_name: str = ""
    category: str = ""
    category_label: str = ""
    published_at: dt.datetime | None = None
    # Strings the publisher prints on purpose (a department's own telephone and address): not masked.
    public_strings: tuple[str, ...] = field(default=())


def _tokens(doc: Document, title: str, text: str) -> Tokens:
    meta = meta_tokens(doc.kind, doc.department_id, doc.category, doc.published_at)
    return Tokens(
        title=segment.words(title), words=segment.words(text), parts=segment.parts(f"{title}\n{text}"), meta=meta
    )


def index_now(doc: Document) -> Entry:
    """Write one document to the index at once (the task, `reindex` and tests call this)."""
    allow = {" ".join(value.split()) for value in doc.public_strings}
    # masked as shown: a snippet or a title prints line breaks and runs of spaces as one space (selectors.snippet),
    # and a number split over lines reads as one there
    title = privacy.mask(" ".join(doc.title.split()), allow=allow)
    text = privacy.mask(" ".join(doc.text[:MAX_TEXT].split()), allow=allow)
    entry = Entry(
        kind=doc.kind,
        object_id=str(doc.object_id),
        kind_label=doc.kind_label,
        title=title,
        text=text,
        url=doc.url,
        department_id=doc.department_id,
        department_name=doc.department_name,
        category=doc.category,
        category_label=doc.category_label,
        published_at=doc.published_at,
    )
    with transaction.atomic():
        # One INSERT ... ON CONFLICT DO UPDATE ... RETURNING id: update_or_create took a locking read, two savepoints
        # and a write, a third of the time it takes to index a document.
        Entry.objects.bulk_create([entry], update_conflicts=True, unique_fields=UNIQUE, update_fields=REFRESHED)
        with connection.cursor() as cursor:
            backend().put(cursor, entry.pk, _tokens(doc, title, text))
    return entry


def unindex_now(kind: str, object_id) -> bool:
    with transaction.atomic():
        entry = Entry.objects.filter(kind=kind, object_id=str(object_id)).first()
        if entry is None:
            return False
        with connection.cursor() as cursor:
            backend().remove(cursor, entry.pk)
        entry.delete()
    return True


def document_index(doc: Document) -> None:
    """Index `doc` once the caller's transaction commits."""
    from .tasks import index_document

    payload = asdict(doc)
    transaction.on_commit(lambda: index_document(payload))


def documents_index(docs: list[Document]) -> None:
    """Index many documents after commit in one task (a bulk import must not queue one task per document)."""
    from .tasks import index_documents

    payloads = [asdict(doc) for doc in docs]
    if payloads:
        transaction.on_commit(lambda: index_documents(payloads))


def document_unindex(kind: str, object_id) -> None:
    """Take a document out of the index once the caller's transaction commits (withdrawn, repealed, unpublished)."""
    from .tasks import unindex_document

    transaction.on_commit(lambda: unindex_document(kind, str(object_id)))


def clear(kind: str | None = None) -> int:
    with transaction.atomic():
        entries = Entry.objects.all() if kind is None else Entry.objects.filter(kind=kind)
        with connection.cursor() as cursor:
            if kind is None:
                backend().clear(cursor)
            else:
                for pk in entries.values_list("pk", flat=True).iterator():
                    backend().remove(cursor, pk)
        deleted, _rows = entries.delete()
    return deleted
