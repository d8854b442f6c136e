"""The service guides in the site search: pushed on every save, and a source for `zhengtong search reindex`."""

from __future__ import annotations

from django.urls import reverse

from zhengtong.search import registry
from zhengtong.search.services import Document, document_index, document_unindex

from .models import ServiceItem

KIND = "approvals.item"


def item_document(item: ServiceItem) -> Document:
    materials = "、".join(m.name for m in item.materials.all())
    text = "\n".join(
        part
        for part in (
            f"实施依据：{item.basis}",
            f"申请条件：{item.conditions}",
            f"办理流程：{item.process}",
            f"申请材料：{materials}",
            f"办理结果：{item.result}",
            f"办理地点：{item.location}",
            f"收费：{item.fee}",
            item.faq,
        )
        if part
    )
    return Document(
        kind=KIND,
        kind_label="办事指南",
        object_id=item.code,
        title=item.name,
        text=text,
        url=reverse("approvals:guide", args=[item.code]),
        department_id=item.lead_department_id,
        department_name=item.lead_department.name,
        category=item.theme,
        category_label=item.get_theme_display(),
        published_at=item.updated_at,
        public_strings=tuple(s for s in (item.phone, item.complaint_phone, item.location) if s),
    )


def item_push(item: ServiceItem) -> None:
    """After the caller's transaction commits: a published guide is (re)indexed, an unpublished one removed."""
    if item.published:
        document_index(item_document(item))
    else:
        document_unindex(KIND, item.code)


def _published():
    return (
        ServiceItem.objects.filter(published=True)
        .select_related("lead_department")
        .prefetch_related("materials")
        .order_by("pk")
    )


def register() -> None:
    registry.register(
        KIND,
        count=lambda: _published().count(),
        documents=lambda: (item_document(i) for i in _published().iterator(chunk_size=200)),
    )
