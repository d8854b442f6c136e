"""Uploaded files at rest (issue 20: personal data never stored in clear; 个人信息保护法 第五十一条, DOMAIN §8): an
application's materials are scans of ID cards and licences, so every stored file is sealed under ZT_FIELD_KEY, as
the database's personal fields are. The uploads folder, or a backup's copy of it, read directly, holds no ID number,
no file's own format, nothing a reader could open; a new key takes the files over with `fieldkeys rotate`; a file
written before sealing is still served, and sealed by the migration or the rotation."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from cryptography.exceptions import InvalidTag
from django.core.management import CommandError, call_command
from django.db import transaction

from zhengtong.core import crypto
from zhengtong.files.models import StoredFile
from zhengtong.files.services import file_open, file_store, files_sealed

from ..factories import valid_id_number
from . import samples

OLD = "b2xkLWZpZWxkLWtleS0zMi1ieXRlcy1sb25nISEhISE="
NEW = "bmV3LWZpZWxkLWtleS0zMi1ieXRlcy1sb25nISEhISE="


def _id_card_scan(number: str) -> bytes:
    """A workbook holding an ID number in its cells, as a scanned and transcribed ID card would."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", f"<w:document><w:t>公民身份号码 {number}</w:t></w:document>")
    return out.getvalue()


def _everything_on_disk(root: Path) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file())


@pytest.mark.django_db
def test_the_uploads_folder_read_directly_holds_no_id_number_and_no_readable_file(settings):
    number = valid_id_number(sequence=41)
    stored = file_store(data=_id_card_scan(number), name="身份证.docx")
    picture = file_store(data=samples.png_with_text(), name="照片.png")
    on_disk = _everything_on_disk(Path(settings.MEDIA_ROOT))
    assert number.encode() not in on_disk
    assert b"PK\x03\x04" not in on_disk and b"\x89PNG" not in on_disk  # no format a reader would open
    assert number.encode() in file_open(stored)  # and what is served is what was uploaded, cleaned
    assert file_open(picture).startswith(b"\x89PNG")


@pytest.mark.django_db
def test_a_file_stored_before_sealing_is_served_then_sealed_by_the_rotation(settings):
    sealed = file_store(data=samples.png_with_text(), name="照片.png")
    content = file_open(sealed)  # cleaned of its metadata (files/intake.py)
    path = Path(settings.MEDIA_ROOT) / sealed.path
    path.write_bytes(content)  # as the site wrote it before files were sealed
    assert file_open(sealed) == path.read_bytes()
    assert files_sealed() == (0, 1)
    call_command("fieldkeys", "rotate", stdout=io.StringIO())
    assert files_sealed() == (1, 0)
    assert path.read_bytes() != content and file_open(sealed) == content


@pytest.mark.django_db
def test_a_new_key_takes_the_files_over_and_the_old_one_may_then_go(settings):
    settings.FIELD_KEYS = OLD
    stored = file_store(data=samples.png_with_text(), name="照片.png")
    settings.FIELD_KEYS = f"{NEW},{OLD}"
    call_command("fieldkeys", "rotate", stdout=io.StringIO())
    settings.FIELD_KEYS = NEW
    assert file_open(stored).startswith(b"\x89PNG")
    settings.FIELD_KEYS = OLD
    with pytest.raises(crypto.KeyMissing):
        file_open(stored)


@pytest.mark.django_db
def test_the_same_content_uploaded_twice_is_one_file_read_by_both_rows(settings):
    first = file_store(data=samples.png_with_text(), name="a.png")
    second = file_store(data=samples.png_with_text(), name="b.png")
    assert first.path == second.path and StoredFile.objects.count() == 2
    assert file_open(first) == file_open(second)


@pytest.mark.django_db(transaction=True)
def test_the_migration_seals_the_files_written_before(settings):
    stored = file_store(data=samples.png_with_text(), name="照片.png")
    content = file_open(stored)
    call_command("migrate", "files", "0005", verbosity=0)
    try:
        (Path(settings.MEDIA_ROOT) / stored.path).write_bytes(content)  # as the site wrote it before
        assert files_sealed() == (0, 1)
    finally:
        call_command("migrate", "files", verbosity=0)
    assert files_sealed() == (1, 0) and file_open(stored) == content


def _left_behind(content: bytes) -> Path:
    """A file an upload rolled back left on disk, no row naming it."""
    with pytest.raises(ZeroDivisionError), transaction.atomic():
        path = Path(file_store(data=content, name="照片.png").path)
        1 / 0
    return path


@pytest.mark.django_db
def test_a_new_upload_does_not_take_over_a_left_file_no_current_key_opens(settings):
    """An outside review (session 66): a new upload of the same content only touched the file there, so it named
    bytes sealed under a key since retired (unreadable), or left in clear from before files were sealed."""
    settings.FIELD_KEYS = OLD
    left = Path(settings.MEDIA_ROOT) / _left_behind(samples.png_with_text())
    settings.FIELD_KEYS = f"{NEW},{OLD}"
    call_command("fieldkeys", "rotate", stdout=io.StringIO())  # seals what rows name: not this file
    settings.FIELD_KEYS = NEW
    again = file_store(data=samples.png_with_text(), name="照片.png")
    assert file_open(again).startswith(b"\x89PNG")
    left.write_bytes(file_open(again))  # in clear, as before sealing
    again = file_store(data=samples.png_with_text(), name="照片.png")
    assert crypto.file_key_id(left.read_bytes()) == crypto.key_id() and files_sealed() == (1, 0)


@pytest.mark.django_db
def test_a_damaged_file_is_named_by_the_rotation_and_the_others_are_sealed_all_the_same(settings):
    settings.FIELD_KEYS = OLD
    damaged = file_store(data=samples.png_with_text(), name="照片.png")
    sound = file_store(data=samples.pdf(), name="申请书.pdf")
    path = Path(settings.MEDIA_ROOT) / damaged.path
    path.write_bytes(path.read_bytes()[:-1] + b"?")
    settings.FIELD_KEYS = f"{NEW},{OLD}"
    errors = io.StringIO()
    with pytest.raises(CommandError, match="1 个文件未能重新加密"):
        call_command("fieldkeys", "rotate", stdout=io.StringIO(), stderr=errors)
    assert damaged.path in errors.getvalue()
    assert files_sealed() == (1, 1) and file_open(sound).startswith(b"%PDF")
    status = io.StringIO()
    call_command("fieldkeys", "status", stdout=status)
    assert "1 个已用当前密钥" in status.getvalue() and "1 个尚未" in status.getvalue()


@pytest.mark.django_db
def test_a_sealed_file_moved_to_another_file_s_name_does_not_open(settings):
    first = file_store(data=samples.png_with_text(), name="照片.png")
    second = file_store(data=samples.pdf(), name="申请书.pdf")
    media = Path(settings.MEDIA_ROOT)
    (media / second.path).write_bytes((media / first.path).read_bytes())
    with pytest.raises(InvalidTag):
        file_open(second)
