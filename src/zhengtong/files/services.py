from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

from django.conf import settings

from zhengtong import privacy
from zhengtong.audit.services import audit_record
from zhengtong.core.errors import InvalidInput

from .intake import EXTENSIONS, FileRefused, clean
from .models import StoredFile


def write_once(target: Path, content: bytes) -> None:
    """The file named by its content, written whole: a temporary file of this writer's own, flushed to disk, then
    renamed over the name in one step. Two writers of the same content at once both succeed (a shared temporary
    name let one rename the other's away), and a crash leaves either no file or the whole one."""
    if target.exists():
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=target.parent, prefix=f".{target.stem}.", suffix=".part", delete=False) as tmp:
        try:
            tmp.write(content)
            tmp.flush()
            os.fsync(tmp.fileno())
        except BaseException:
            os.unlink(tmp.name)
            raise
    os.replace(tmp.name, target)


def _served_name(name: str, kind: str) -> str:
    """The name a file is served under (Content-Disposition): the uploader's, with the extension of what the file
    is (a workbook uploaded as `a.html` is served as `a.xlsx`; `通知（2024.3）` as `通知（2024.3）.xlsx`, what
    follows its dot being no extension), cut to the column's 200 characters before it."""
    stem, typed = privacy.split_extension(Path(name or "upload").name)
    extension = EXTENSIONS[kind]
    same = typed.lower() == extension or {typed.lower(), extension} == {".jpeg", ".jpg"}
    suffix = typed if same else extension
    return stem[: 200 - len(suffix)] + suffix


def file_store(*, data: bytes, name: str, by=None) -> StoredFile:
    """Clean and store an upload (raises intake.FileRefused). Call inside the caller's transaction; the bytes
    are written first, and a rolled-back row leaves only an unreferenced file that `sha256` names."""
    cleaned = clean(data)
    digest = hashlib.sha256(cleaned.content).hexdigest()
    relative = Path("uploads") / digest[:2] / f"{digest}{EXTENSIONS[cleaned.kind]}"
    write_once(Path(settings.MEDIA_ROOT) / relative, cleaned.content)
    stored = StoredFile.objects.create(
        sha256=digest,
        size=len(cleaned.content),
        kind=cleaned.kind,
        content_type=cleaned.content_type,
        original_name=_served_name(name, cleaned.kind),
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
            # the name masked: a refusal is shown on a page and kept in its logs, like any other text
            problems.append({"code": exc.code, "message": f"{privacy.mask_file_name(name)}：{exc.message}"})
    if problems:
        raise InvalidInput(problems[0]["message"], code=problems[0]["code"], fields={field: problems})
    return stored


def file_open(stored: StoredFile) -> bytes:
    return (Path(settings.MEDIA_ROOT) / stored.path).read_bytes()
