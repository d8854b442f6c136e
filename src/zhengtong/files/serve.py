"""Serving a stored file to someone already allowed to see it: always as an attachment, never sniffed."""

from __future__ import annotations

from urllib.parse import quote

from django.http import HttpResponse

from .models import StoredFile
from .services import file_open


def file_response(stored: StoredFile) -> HttpResponse:
    response = HttpResponse(file_open(stored), content_type=stored.content_type)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(stored.original_name)}"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
