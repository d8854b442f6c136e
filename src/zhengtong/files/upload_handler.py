"""Uploads read while a request is parsed, never in clear on the disk.

Django writes an upload to a temporary file when the request's body is over 2.5 MB: the raw bytes as sent,
metadata and all, in clear (a scanned ID card is several megabytes), and left there for good when a worker is
killed mid-request. Kept in memory instead, any post of a large body to any address (the middleware reads every
body before a view is chosen) held it all there, 100 MB a request.

So, as Django does, a body up to 2.5 MB is read in memory and a larger one into temporary files, but each such file
is sealed under a key made for it and held only in its own object (AES-CTR, so any offset reads back on its own),
and has no name on disk (an unlinked file, freed when the process ends, however it ends). An upload is kept to one
byte past the limit `clean` refuses it at, so it is refused by name (FILE_TOO_LARGE).
"""

from __future__ import annotations

import io
import os
import tempfile

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from django.conf import settings
from django.core.files.uploadedfile import InMemoryUploadedFile
from django.core.files.uploadhandler import FileUploadHandler

from .intake import MAX_BYTES

_BLOCK = 16


class SealedSpool(io.RawIOBase):
    """A temporary file with no name whose bytes are sealed under a key only this object holds: each write goes
    at its end (an upload is written in order), and it is read and sought as any file."""

    def __init__(self):
        super().__init__()
        self._key, self._nonce = os.urandom(32), int.from_bytes(os.urandom(_BLOCK), "big")
        self._file = tempfile.TemporaryFile(dir=settings.FILE_UPLOAD_TEMP_DIR)
        self._size = self._position = 0

    def _crypt(self, offset: int, data: bytes) -> bytes:
        """`data` standing at `offset`, sealed or opened (CTR is its own inverse): the counter of its first block,
        and the bytes of that block before it skipped."""
        counter = ((self._nonce + offset // _BLOCK) % (1 << 128)).to_bytes(_BLOCK, "big")
        skip = offset % _BLOCK
        return Cipher(algorithms.AES(self._key), modes.CTR(counter)).encryptor().update(bytes(skip) + data)[skip:]

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        self._file.seek(self._size)
        self._file.write(self._crypt(self._size, bytes(data)))
        self._size += len(data)
        return len(data)

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        self._file.seek(self._position)
        data = self._crypt(self._position, self._file.read(min(len(buffer), self._size - self._position)))
        buffer[: len(data)] = data
        self._position += len(data)
        return len(data)

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        base = {io.SEEK_SET: 0, io.SEEK_CUR: self._position, io.SEEK_END: self._size}[whence]
        self._position = max(0, base + offset)
        return self._position

    def tell(self) -> int:
        return self._position

    def close(self) -> None:
        self._file.close()
        super().close()


class UploadsNeverInClear(FileUploadHandler):
    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        self.in_memory = content_length <= settings.FILE_UPLOAD_MAX_MEMORY_SIZE

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.file = io.BytesIO() if self.in_memory else SealedSpool()
        self.kept = 0

    def receive_data_chunk(self, raw_data, start):
        part = raw_data[: max(0, MAX_BYTES + 1 - self.kept)]
        if part:
            self.file.write(part)
            self.kept += len(part)

    def file_complete(self, file_size):
        self.file.seek(0)
        return InMemoryUploadedFile(
            file=self.file if self.in_memory else io.BufferedReader(self.file),
            field_name=self.field_name,
            name=self.file_name,
            content_type=self.content_type,
            size=self.kept,
            charset=self.charset,
            content_type_extra=self.content_type_extra,
        )
