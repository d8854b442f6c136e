"""An upload is never written in clear to a temporary file while its request is read (issue 20: personal data
never stored in clear; 个人信息保护法 第五十一条). Django's default wrote a body over 2.5 MB, as sent, EXIF and
all, to the temporary folder, where a killed worker left it for good (an outside review, session 66). Held in
memory instead, any post of a large body held it all there (the second attack): such a body now goes to a file with
no name, sealed under a key only its object holds. An upload is kept to one byte past the 20 MB limit, so an
oversize file is still refused by name."""

from __future__ import annotations

import io
import random
import tempfile

import pytest
from django.test import RequestFactory
from django.test.client import encode_multipart

from zhengtong.files import upload_handler
from zhengtong.files.intake import MAX_BYTES, FileRefused, clean, read_uploads
from zhengtong.files.upload_handler import SealedSpool

from ..factories import valid_id_number


def _posted(files: dict[str, bytes]):
    uploads = {name: io.BytesIO(data) for name, data in files.items()}
    for name, data in uploads.items():
        data.name = f"{name}.pdf"
    body = encode_multipart("BoUnDaRy", {"title": "路灯", **uploads})
    request = RequestFactory().post("/", data=body, content_type="multipart/form-data; boundary=BoUnDaRy")
    return request.FILES


@pytest.fixture
def spooled(monkeypatch, tmp_path):
    """Every temporary file the handler opens, kept with a name here so that the test can read what reached the
    disk (the handler's own has none)."""
    opened = []

    def named(**kwargs):
        f = tempfile.NamedTemporaryFile(dir=tmp_path, delete=False)
        opened.append(f.name)
        return f

    monkeypatch.setattr(upload_handler.tempfile, "TemporaryFile", named)
    return opened


def test_a_small_body_is_read_in_memory(spooled):
    files = _posted({"scan": b"%PDF-1.4\n" + b"\0" * 1024})
    assert files["scan"].read().startswith(b"%PDF") and spooled == []


def test_a_large_scan_reaches_the_disk_sealed_and_reads_back_whole(spooled):
    number = valid_id_number(sequence=42)
    scan = b"%PDF-1.4\n" + f"公民身份号码 {number}".encode() + random.randbytes(3 * 1024 * 1024)
    files = _posted({"scan": scan})
    assert files["scan"].read() == scan and files["scan"].size == len(scan)
    (path,) = spooled
    on_disk = open(path, "rb").read()
    assert len(on_disk) == len(scan) and number.encode() not in on_disk and b"%PDF" not in on_disk


def test_an_oversize_upload_is_kept_to_one_byte_past_the_limit_and_refused_by_name(spooled):
    files = _posted({"big": b"%PDF-1.4\n" + b"\0" * (MAX_BYTES + 4096)})
    ((_name, data),) = read_uploads([files["big"]])
    assert len(data) == MAX_BYTES + 1
    with pytest.raises(FileRefused) as refused:
        clean(data)
    assert refused.value.code == "FILE_TOO_LARGE"


def test_the_spool_reads_back_from_any_offset(settings, tmp_path):
    """A workbook is read by seeking (the catalogue import's openpyxl): CTR opens any block on its own."""
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path)
    content, spool, rng = random.randbytes(70_001), SealedSpool(), random.Random(7)
    written = 0
    while written < len(content):
        step = rng.randint(1, 5000)
        spool.write(content[written : written + step])
        written += step
    reader = io.BufferedReader(spool)
    for _ in range(200):
        at, length = rng.randrange(len(content)), rng.randint(0, 3000)
        reader.seek(at)
        assert reader.read(length) == content[at : at + length]
    reader.seek(-10, io.SEEK_END)
    assert reader.read() == content[-10:] and reader.tell() == len(content)
    assert list(tmp_path.iterdir()) == []  # no name on disk
