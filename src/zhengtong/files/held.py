"""Files a visitor chose on a form that came back with an error, kept for that form in his own session: checked
and stored at the first post (so a refused file is named at once, whatever else is wrong), filed with the case
when the form goes, never chosen twice (issue 22 item 4). The session holds only the stored files' ids, so
another visitor, or the same one after his session ends, holds nothing."""

from __future__ import annotations

from django.db import transaction

from .intake import FileRefused
from .models import StoredFile
from .services import file_open, file_store

SESSION_KEY = "files:held"


def hold(session, form: str, uploads, *, by=None, limit: int) -> list[dict]:
    """Store each (name, bytes) upload and hold it for `form`, up to `limit` files in all. Returns the refused
    ones as problems ({code, message}, the message naming the file)."""
    holding = dict(session.get(SESSION_KEY) or {})
    ids, problems = list(holding.get(form) or []), []
    with transaction.atomic():
        for name, data in uploads:
            if len(ids) >= limit:
                problems.append({"code": "TOO_MANY_FILES", "message": f"{name}：最多上传{limit}个文件。"})
                continue
            try:
                ids.append(file_store(data=data, name=name, by=by).pk)
            except FileRefused as exc:
                problems.append({"code": exc.code, "message": f"{name}：{exc.message}"})
    if ids:
        holding[form] = ids
        session[SESSION_KEY] = holding
    return problems


def held(session, form: str) -> list[StoredFile]:
    ids = (session.get(SESSION_KEY) or {}).get(form) or []
    found = {f.pk: f for f in StoredFile.objects.filter(pk__in=ids)}
    return [found[pk] for pk in ids if pk in found]


def as_uploads(files: list[StoredFile]) -> list[tuple[str, bytes]]:
    return [(f.original_name, file_open(f)) for f in files]


def release(session, form: str) -> None:
    holding = dict(session.get(SESSION_KEY) or {})
    if holding.pop(form, None) is not None:
        session[SESSION_KEY] = holding
