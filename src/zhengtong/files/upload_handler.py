"""Uploads held in memory while a request is read, never in a temporary file.

Django writes an upload over 2.5 MB to a temporary file before any view sees it: the raw bytes as sent, metadata
and all, in clear on the disk (a scanned ID card is several megabytes), and left there for good when a worker is
killed mid-request. Here every upload stays in memory, kept to one byte past the limit `clean` refuses it at (so it
is refused by name, FILE_TOO_LARGE), and a request's kept bytes to the body limit the middleware holds a declared
length to (a chunked body declares none).
"""

from __future__ import annotations

import io

from django.core.exceptions import RequestDataTooBig
from django.core.files.uploadedfile import InMemoryUploadedFile
from django.core.files.uploadhandler import FileUploadHandler

from zhengtong.core.middleware import MAX_REQUEST_BYTES

from .intake import MAX_BYTES


class UploadsInMemory(FileUploadHandler):
    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        self.kept = 0

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.file = io.BytesIO()

    def receive_data_chunk(self, raw_data, start):
        part = raw_data[: max(0, MAX_BYTES + 1 - self.file.tell())]
        self.kept += len(part)
        if self.kept > MAX_REQUEST_BYTES:
            raise RequestDataTooBig("提交的附件合计超过上限")
        self.file.write(part)

    def file_complete(self, file_size):
        self.file.seek(0)
        return InMemoryUploadedFile(
            file=self.file,
            field_name=self.field_name,
            name=self.file_name,
            content_type=self.content_type,
            size=self.file.getbuffer().nbytes,
            charset=self.charset,
            content_type_extra=self.content_type_extra,
        )
