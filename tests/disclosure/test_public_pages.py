"""The public catalogue: per category and department, the document page with its metadata, the guide, Atom."""

from __future__ import annotations

from django.urls import reverse

from zhengtong.disclosure import services
from zhengtong.disclosure.models import Category

from .conftest import CHECKLIST, docx, draft


def _published(district, lisi, reviewer, **extra):
    document = draft(district["A"], lisi, **extra)
    services.document_submit(document=document, by=lisi)
    return services.document_review(document=document, by=reviewer, approve=True, **CHECKLIST)


def test_the_document_page_shows_the_national_metadata(client, district, lisi, reviewer):
    document = _published(district, lisi, reviewer, uploads=[("附件1.docx", docx("实施细则"))])
    page = client.get(reverse("disclosure:document", args=[document.index_no])).content.decode()
    for text in (
        document.index_no,
        "仑政发〔2025〕12号",
        "北仑区人民政府",
        "2025-03-01",
        "现行有效",
        "主动公开",
        "附件1.docx",
    ):
        assert text in page
    attachment = document.attachments.get()
    response = client.get(reverse("disclosure:attachment", args=[document.index_no, attachment.pk]))
    assert response.status_code == 200 and response["Content-Disposition"].startswith("attachment")


def test_an_unpublished_document_does_not_exist_for_the_public(client, district, lisi):
    document = draft(district["A"], lisi)
    assert (
        client.get(reverse("disclosure:category", args=[Category.REGULATIONS])).content.decode().count(document.title)
        == 0
    )
    assert client.get(reverse("disclosure:document", args=["A/2025-00001"])).status_code == 404


def test_catalogue_by_category_and_department_and_the_amended_mark(client, district, lisi, reviewer):
    original = _published(district, lisi, reviewer)
    replacement = _published(district, lisi, reviewer, title="北仑区最低生活保障实施办法（修订）")
    services.document_amend(original=original, replacement=replacement, by=lisi)
    listing = client.get(reverse("disclosure:category", args=[Category.REGULATIONS])).content.decode()
    assert original.title in listing and "已修改" in listing
    assert replacement.title in client.get(reverse("disclosure:department", args=["A"])).content.decode()
    page = client.get(reverse("disclosure:document", args=[original.index_no])).content.decode()
    assert "本文件已修改" in page and reverse("disclosure:document", args=[replacement.index_no]) in page
    index = client.get(reverse("disclosure:index")).content.decode()
    assert "行政法规、规章和行政规范性文件" in index and replacement.title in index


def test_the_atom_feed_and_the_guide(client, district, lisi, reviewer):
    document = _published(district, lisi, reviewer)
    feed = client.get(reverse("disclosure:feed"))
    assert feed["Content-Type"].startswith("application/atom+xml") and document.title in feed.content.decode()
    guide = client.get(reverse("disclosure:guide")).content.decode()
    assert "20个工作日" in guide and "7个工作日" in guide and "60日" in guide


def test_the_catalogue_home_counts_a_publication_at_once(
    client, district, lisi, reviewer, django_capture_on_commit_callbacks
):
    """Issue 26: the home's category counts are kept, not counted on every view; a publication (条例 第二十六条:
    within 20 working days) shows in them at once, in every worker (the shared cache)."""
    from zhengtong.disclosure.selectors import category_counts

    def regulations() -> int:
        return next(n for code, _label, n in category_counts() if code == Category.REGULATIONS)

    with django_capture_on_commit_callbacks(execute=True):
        _published(district, lisi, reviewer)
    assert regulations() == 1
    with django_capture_on_commit_callbacks(execute=True):
        _published(district, lisi, reviewer, title="北仑区第二份规范性文件")
    assert regulations() == 2
