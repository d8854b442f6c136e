"""A file's reading is made once per content and kept (issue 20, item 2): kept, it must be the current reader's."""

from __future__ import annotations

from zhengtong.files import extract, reading
from zhengtong.files.models import FileText
from zhengtong.files.services import file_store

from . import hidden


def test_a_reading_made_by_an_earlier_reader_is_made_again(db):
    """Review of issue 20: a file read before the reader learnt a hiding place kept its old reading, which every
    page and every new upload of the same bytes then trusted."""
    stored = file_store(data=hidden.docx_link_target(), name="通知.docx")
    FileText.objects.update_or_create(
        sha256=stored.sha256,
        defaults={"kind": "docx", "state": FileText.State.READ, "text": "", "version": extract.VERSION - 1},
    )
    found = reading.readings([stored])[stored.sha256]
    assert hidden.MOBILE in found.text and found.version == extract.VERSION
    assert FileText.objects.get().text == found.text
