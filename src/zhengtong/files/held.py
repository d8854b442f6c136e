"""Files a visitor chose on a form that came back with an error, kept for that form in his own session: checked
and stored at the first post (so a refused file is named at once, whatever else is wrong), filed with the case
when the form goes, never chosen twice (issue 22 item 4). The session holds only the stored files' ids, so
another visitor, or the same one after his session ends, holds nothing."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from .intake import FileRefused
from .models import StoredFile
from .services import file_open, file_store, refusal

SESSION_KEY = "files:held"


def hold(session, form: str, uploads, *, by=None, limit: int) -> list[dict]:
    """Store each (name, bytes) upload and hold it for `form`, up to `limit` files in all. Returns the refused
    ones as problems ({code, message}, the message naming the file)."""
    holding = dict(session.get(SESSION_KEY) or {})
    ids, problems = list(holding.get(form) or []), []
    with transaction.atomic():
        for name, data in uploads:
            if len(ids) >= limit:
                problems.append(refusal(name, "TOO_MANY_FILES", f"最多上传{limit}个文件。"))
                continue
            try:
                ids.append(file_store(data=data, name=name, by=by).pk)
            except FileRefused as exc:
                problems.append(refusal(name, exc.code, exc.message))
    if ids:
        holding[form] = ids
        session[SESSION_KEY] = holding
    return problems


def held(session, form: str) -> list[StoredFile]:
    """The files held for `form`, each made young again: the sweep (files/sweep.py) removes a file nothing refers
    to a day after it was made, and a visitor active on his form keeps his session, and so its files, longer."""
    ids = (session.get(SESSION_KEY) or {}).get(form) or []
    if not ids:
        return []
    files = StoredFile.objects.filter(pk__in=ids)
    files.update(created_at=timezone.now())
    found = {f.pk: f for f in files}
    return [found[pk] for pk in ids if pk in found]


def as_uploads(files: list[StoredFile]) -> list[tuple[str, bytes]]:
    return [(f.original_name, file_open(f)) for f in files]


def release(session, form: str) -> None:
    holding = dict(session.get(SESSION_KEY) or {})
    if holding.pop(form, None) is not None:
        session[SESSION_KEY] = holding
