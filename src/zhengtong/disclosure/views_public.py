"""The public catalogue (政府信息公开目录): per category and department, document pages, the guide, an Atom feed."""

from __future__ import annotations

import io

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from zhengtong.core.paging import page_of
from zhengtong.core.reverse import reverse_once
from zhengtong.files.serve import file_response
from zhengtong.org.models import Department

from . import selectors
from .models import Category, Column, GuideOffice, State
from .services import PUBLISH_LIMIT

PAGE = 20


def index(request):
    return render(
        request,
        "disclosure/index.html",
        {
            "categories": selectors.category_counts(),
            "latest": selectors.listed(selectors.published())[:15],
            "columns": Column.objects.all(),
        },
    )


def _listing(request, documents, heading: str, **extra):
    page = page_of(selectors.listed(documents), PAGE, request.GET.get("page"))
    return render(request, "disclosure/list.html", {"page": page, "heading": heading, "query": "", **extra})


def category(request, code: str):
    if code not in Category.values:
        raise Http404
    return _listing(request, selectors.published().filter(category=code), Category(code).label)


def column(request, code: str):
    chosen = get_object_or_404(Column, code=code)
    return _listing(request, selectors.published().filter(column=chosen), chosen.name)


def department(request, code: str):
    chosen = get_object_or_404(Department, code=code, is_active=True)
    return _listing(request, selectors.published().filter(department__path__startswith=chosen.path), chosen.name)


def document(request, index_no: str):
    found = selectors.public_document(index_no)
    if found is None:
        raise Http404
    return render(
        request,
        "disclosure/document.html",
        {"document": found, "interpretations": found.interpretations.filter(state=State.PUBLISHED)},
    )


def attachment(request, index_no: str, attachment_id: int):
    found = selectors.public_document(index_no)
    chosen = found and next((a for a in found.attachments.all() if a.pk == attachment_id), None)
    if chosen is None:
        raise Http404
    return file_response(chosen.file)


def guide(request, code: str = ""):
    """An organ's 公开指南 (条例 Art. 12); without a code, the government's, which lists its departments' guides."""
    found = selectors.organs()
    organ = get_object_or_404(found, code=code) if code else found.filter(kind=Department.Kind.GOVERNMENT).first()
    office = GuideOffice.objects.filter(department=organ).first() if organ else None
    others = found.exclude(pk=organ.pk) if organ and not code else []
    request_url = reverse("disclosure:request_new") + (f"?department={organ.code}" if organ else "")
    return render(
        request,
        "disclosure/guide.html",
        {
            "publish_limit": PUBLISH_LIMIT,
            "categories": Category.choices,
            "organ": organ,
            "office": office,
            "others": others,
            "request_url": request_url,
        },
    )


class _AtomWrittenWhole(Atom1Feed):
    """The feed written into a buffer and handed to the response at once: Django's syndication view writes each of
    its pieces (every tag, every text) into the response, which encodes and keeps each apart."""

    def write(self, outfile, encoding):
        whole = io.StringIO()
        super().write(whole, encoding)
        outfile.write(whole.getvalue())


class LatestFeed(Feed):
    feed_type = _AtomWrittenWhole
    title = "政府信息公开"
    subtitle = "最新主动公开的政府信息"

    def link(self):
        return reverse("disclosure:index")

    def items(self):
        shown = ("index_no", "title", "issuing_org", "doc_no", "category", "published_at", "updated_at")
        return selectors.published().select_related(None).only(*shown)[:50]  # not the bodies: no decrypting

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return f"{item.issuing_org} {item.doc_no} {item.get_category_display()}"

    def item_link(self, item):
        return reverse_once("disclosure:document", item.index_no)

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at
