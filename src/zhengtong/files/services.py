from __future__ import annotations

import hashlib
from pathlib import Path

from django.conf import settings

from zhengtong.audit.services import audit_record
from zhengtong.core.errors import InvalidInput

from .intake import EXTENSIONS, FileRefused, clean
from .models import StoredFile


def file_store(*, data: bytes, name: str, by=None) -> StoredFile:
    """Clean and store an upload (raises intake.FileRefused). Call inside the caller's transaction; the bytes
    are written first, and a rolled-back row leaves only an unreferenced file that `sha256` names."""
    cleaned = clean(data)
    digest = hashlib.sha256(cleaned.content).hexdigest()
    relative = Path("uploads") / digest[:2] / f"{digest}{EXTENSIONS[cleaned.kind]}"
    target = Path(settings.MEDIA_ROOT) / relative
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_suffix(".part")
        tmp.write_bytes(cleaned.content)
        tmp.replace(target)
    stored = StoredFile.objects.create(
        sha256=digest,
        size=len(cleaned.content),
        kind=cleaned.kind,
        content_type=cleaned.content_type,
        original_name=Path(name or "upload").name[:200],
        path=str(relative),
        uploaded_by=by,
    )
    audit_record(action="files.upload", obj=stored, changes={"kind": [None, cleaned.kind], "size": [None, stored.size]})
    return stored


def uploads_store(uploads, *, by, field: str = "attachments") -> list[tuple[str, StoredFile]]:
    """Store each (name, bytes) upload, or refuse them all: InvalidInput names every refused file under `field`,
    and the caller's transaction drops the rows already made."""
    stored, problems = [], []
    for name, data in uploads:
        try:
            stored.append((name, file_store(data=data, name=name, by=by)))
        except FileRefused as exc:
            problems.append({"code": exc.code, "message": f"{name}：{exc.message}"})
    if problems:
        raise InvalidInput(problems[0]["message"], code=problems[0]["code"], fields={field: problems})
    return stored


def file_open(stored: StoredFile) -> bytes:
    return (Path(settings.MEDIA_ROOT) / stored.path).read_bytes()
