"""A scanned attachment is read through OCR before it can be published (issue 20, item 2; 政府信息公开条例
第十五条): until its pictures are read it blocks publication, whatever reason the reviewer writes; what cannot be
read is never published; a draft's attachment can be taken off and replaced."""

from __future__ import annotations

import unittest.mock

import pytest

from zhengtong.audit.models import OperationLog
from zhengtong.core.errors import InvalidInput
from zhengtong.disclosure import services
from zhengtong.disclosure.models import State
from zhengtong.files import publication
from zhengtong.files.models import FileText

from ..files import hidden
from .conftest import CHECKLIST, draft


def _submitted(district, lisi, uploads, capture):
    with capture(execute=False) as callbacks:
        document = draft(district["A"], lisi, uploads=uploads)
        services.document_submit(document=document, by=lisi)
    return document, callbacks


def test_a_scanned_id_card_blocks_publication_until_read_then_is_found(
    district, lisi, reviewer, django_capture_on_commit_callbacks
):
    document, callbacks = _submitted(
        district, lisi, [("身份证复印件.pdf", hidden.scanned_pdf())], django_capture_on_commit_callbacks
    )
    waiting = services.findings(document)
    assert [f.kind for f in waiting] == [publication.READING] and waiting[0].blocking
    with pytest.raises(InvalidInput) as caught:
        services.document_review(document=document, by=reviewer, approve=True, justification="已核对", **CHECKLIST)
    assert caught.value.code == "ATTACHMENT_UNREAD"

    for callback in callbacks:  # the task the upload queued (huey runs inline in tests)
        callback()
    found = services.findings(document)
    assert "身份证号码" in {f.kind for f in found} and not any(f.blocking for f in found)
    assert not any(hidden.ID in f.text for f in found)


def test_an_attachment_whose_pictures_cannot_be_read_is_never_published_then_can_be_taken_off(
    district, lisi, reviewer, django_capture_on_commit_callbacks, monkeypatch
):
    from zhengtong.files import ocr

    document, callbacks = _submitted(
        district, lisi, [("扫描件.pdf", hidden.scanned_pdf())], django_capture_on_commit_callbacks
    )

    def fails(_data):
        raise ocr.Unreadable("图片无法解码")

    monkeypatch.setattr(ocr, "image_text", fails)
    for callback in callbacks:
        callback()
    assert FileText.objects.get().state == FileText.State.UNREADABLE
    with pytest.raises(InvalidInput) as caught:
        services.document_review(document=document, by=reviewer, approve=True, justification="已核对", **CHECKLIST)
    assert caught.value.code == "ATTACHMENT_UNREAD" and "扫描件.pdf" in caught.value.message

    services.document_review(document=document, by=reviewer, approve=False, note="请更换附件")
    attachment = document.attachments.get()
    services.document_detach(document=document, by=lisi, attachment_id=attachment.pk)
    assert not document.attachments.exists()
    row = OperationLog.objects.filter(action="disclosure.document.detach").get()
    assert "扫描件.pdf" in str(row.changes)
    services.document_submit(document=document, by=lisi)
    published = services.document_review(document=document, by=reviewer, approve=True, **CHECKLIST)
    assert published.state == State.PUBLISHED


def test_only_a_draft_s_attachment_is_taken_off_and_only_by_its_organ(district, lisi, wangwu):
    document = draft(district["A"], lisi, uploads=[("通知.docx", hidden.docx())])
    attachment = document.attachments.get()
    with pytest.raises(Exception):
        services.document_detach(document=document, by=wangwu, attachment_id=attachment.pk)
    services.document_submit(document=document, by=lisi)
    with pytest.raises(Exception):
        services.document_detach(document=document, by=lisi, attachment_id=attachment.pk)
    assert document.attachments.exists()


def test_the_staff_page_shows_the_reading_s_progress_polls_until_done_and_takes_an_attachment_off(
    verified_client, district, lisi, reviewer, django_capture_on_commit_callbacks
):
    document, _callbacks = _submitted(
        district, lisi, [("身份证复印件.pdf", hidden.scanned_pdf())], django_capture_on_commit_callbacks
    )
    client = verified_client(lisi)
    page = client.get(f"/workbench/disclosure/{document.pk}/").content.decode()
    assert "已识别0/1张图片" in page and 'hx-trigger="every 5s"' in page

    services.document_review(document=document, by=reviewer, approve=False, note="请更换附件")
    attachment = document.attachments.get()
    page = client.get(f"/workbench/disclosure/{document.pk}/").content.decode()
    assert f"/workbench/disclosure/{document.pk}/detach/{attachment.pk}/" in page
    client.post(f"/workbench/disclosure/{document.pk}/detach/{attachment.pk}/")
    row = OperationLog.objects.filter(action="disclosure.document.detach").get()
    assert row.actor_id == lisi.pk and not document.attachments.exists()


def test_an_unreadable_file_is_read_once_not_on_every_page_that_asks(db):
    """Review: a file whose text could not be read was read again on every public hit."""
    from zhengtong.files import extract, reading
    from zhengtong.files.services import file_store

    stored = file_store(data=hidden.docx_wmf(), name="表.docx")
    calls, real = [], extract.read

    def counted(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    with unittest.mock.patch.object(extract, "read", counted):
        for _ in range(3):
            assert reading.readings([stored])[stored.sha256].state == FileText.State.UNREADABLE
    assert len(calls) == 1


def test_the_poll_gets_nothing_to_swap_until_a_reading_moves_and_then_the_findings_afresh(
    verified_client, district, lisi, wangwu, django_capture_on_commit_callbacks, monkeypatch
):
    """Issue 20: the page polled itself every 5 s, and each poll computed every finding again (the body, every
    attachment's text) while nothing had changed. The poll now asks for the findings section alone with the
    progress it last saw; the same progress answers 204, which htmx leaves in place."""
    import re

    document, callbacks = _submitted(
        district, lisi, [("身份证复印件.pdf", hidden.scanned_pdf())], django_capture_on_commit_callbacks
    )
    client = verified_client(lisi)
    page = client.get(f"/workbench/disclosure/{document.pk}/").content.decode()
    poll = re.search(r'hx-get="([^"]+)" hx-trigger="every 5s"', page).group(1).replace("&amp;", "&")
    assert poll.startswith(f"/workbench/disclosure/{document.pk}/findings/?seen=")

    computed = []
    real = services.findings
    monkeypatch.setattr(services, "findings", lambda d: computed.append(d.pk) or real(d))
    unchanged = client.get(poll)
    assert unchanged.status_code == 204 and computed == []

    for callback in callbacks:  # the picture is read
        callback()
    moved = client.get(poll)
    assert moved.status_code == 200 and computed == [document.pk]
    section = moved.content.decode()
    assert section.lstrip().startswith('<section id="findings"') and "身份证号码" in section
    assert "every 5s" not in section and hidden.ID not in section
    outsider = verified_client(wangwu)
    assert outsider.get(poll).status_code == 404  # another organ's draft does not exist for him
    assert outsider.get(poll, headers={"HX-Request": "true"}).status_code == 286  # and his poll stops
