"""An upload is never written in clear to a temporary file while its request is read (issue 20: personal data
never stored in clear; 个人信息保护法 第五十一条). Django's default wrote any upload over 2.5 MB, as sent, EXIF and
all, to the temporary folder, where a killed worker left it for good (an outside review, session 66). Every upload
is held in memory, to one byte past the 20 MB limit, so an oversize file is still refused by name."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import RequestDataTooBig
from django.core.files.uploadedfile import InMemoryUploadedFile
from django.test import RequestFactory
from django.test.client import encode_multipart

from zhengtong.files import upload_handler
from zhengtong.files.intake import MAX_BYTES, FileRefused, clean, read_uploads

from ..factories import valid_id_number


def _posted(settings, tmp_path, files: dict[str, bytes]):
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path)
    uploads = {name: io.BytesIO(data) for name, data in files.items()}
    for name, data in uploads.items():
        data.name = f"{name}.pdf"
    body = encode_multipart("BoUnDaRy", {"title": "路灯", **uploads})
    request = RequestFactory().post("/", data=body, content_type="multipart/form-data; boundary=BoUnDaRy")
    return request.FILES


def test_a_scan_of_several_megabytes_is_read_in_memory_and_nothing_is_written_to_disk(settings, tmp_path):
    scan = b"%PDF-1.4\n" + f"公民身份号码 {valid_id_number(sequence=42)}".encode() + b"\0" * (3 * 1024 * 1024)
    files = _posted(settings, tmp_path, {"scan": scan})
    assert isinstance(files["scan"], InMemoryUploadedFile) and files["scan"].read() == scan
    assert list(tmp_path.iterdir()) == []


def test_an_oversize_upload_is_kept_to_one_byte_past_the_limit_and_refused_by_name(settings, tmp_path):
    files = _posted(settings, tmp_path, {"big": b"%PDF-1.4\n" + b"\0" * (MAX_BYTES + 4096)})
    ((_name, data),) = read_uploads([files["big"]])
    assert len(data) == MAX_BYTES + 1
    with pytest.raises(FileRefused) as refused:
        clean(data)
    assert refused.value.code == "FILE_TOO_LARGE"


def test_a_request_s_uploads_are_bounded_together(settings, tmp_path, monkeypatch):
    """A chunked body declares no length for the middleware to refuse it by."""
    monkeypatch.setattr(upload_handler, "MAX_REQUEST_BYTES", 3 * 1024 * 1024)
    with pytest.raises(RequestDataTooBig):
        _posted(settings, tmp_path, {f"f{n}": b"%PDF-1.4\n" + b"\0" * (1024 * 1024) for n in range(4)})
