from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

from cryptography.exceptions import InvalidTag
from django.conf import settings

from zhengtong import privacy
from zhengtong.audit.services import audit_record
from zhengtong.core import crypto
from zhengtong.core.errors import InvalidInput

from .intake import EXTENSIONS, FileRefused, clean
from .models import StoredFile


def write_once(target: Path, content: bytes) -> None:
    """The file named by its content, written whole: a temporary file of this writer's own, flushed to disk, then
    renamed over the name in one step. Two writers of the same content at once both succeed (a shared temporary
    name let one rename the other's away), and a crash leaves either no file or the whole one. A file there already,
    sealed under the current key, is touched, not written: the sweep (files/sweep.py) leaves a file touched within
    its grace alone. One left in clear from before files were sealed, or sealed under a key since retired, is
    written again: a new row must not name bytes in clear, or bytes no key opens."""
    try:
        if _key_of(target) == crypto.key_id():
            os.utime(target)
            return
    except FileNotFoundError:  # none there, or the sweep took it aside meanwhile
        pass
    _write_whole(target, content)


def _key_of(target: Path) -> str | None:
    with target.open("rb") as f:
        return crypto.file_key_id(f.read(64))


def _write_whole(target: Path, content: bytes) -> None:
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
    # sealed (core/crypto.py): a material is a scan of an ID card or a licence, and the folder is read by whoever
    # reads the disk or a backup of it; the name stays the clear content's hash, so two uploads of it share one file
    write_once(Path(settings.MEDIA_ROOT) / relative, crypto.seal_file(cleaned.content, digest))
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


def refusal(name: str, code: str, message) -> dict:
    """A refused upload as a form or an answer names it ({code, message}): by its name masked, since a refusal is
    shown on a page and kept in its logs, like any other text."""
    return {"code": code, "message": f"{privacy.mask_file_name(name)}：{message}"}


def uploads_store(uploads, *, by, field: str = "attachments") -> list[tuple[str, StoredFile]]:
    """Store each (name, bytes) upload, or refuse them all: InvalidInput names every refused file under `field`,
    and the caller's transaction drops the rows already made."""
    stored, problems = [], []
    for name, data in uploads:
        try:
            stored.append((name, file_store(data=data, name=name, by=by)))
        except FileRefused as exc:
            problems.append(refusal(name, exc.code, exc.message))
    if problems:
        raise InvalidInput(problems[0]["message"], code=problems[0]["code"], fields={field: problems})
    return stored


def file_open(stored: StoredFile) -> bytes:
    return crypto.open_file((Path(settings.MEDIA_ROOT) / stored.path).read_bytes(), stored.sha256)


def _stored_files(model=StoredFile):
    """(the file, its content's SHA-256) of every stored file there is."""
    for path, digest in model.objects.order_by().values_list("path", "sha256").distinct().iterator():
        target = Path(settings.MEDIA_ROOT) / path
        if target.exists():
            yield target, digest


def files_sealed() -> tuple[int, int]:
    """How many stored files are sealed under the current key, and how many are not (written before files were
    sealed, or under an earlier key): what `fieldkeys rotate` has left to do before an old key may go."""
    sealed = [_key_of(target) == crypto.key_id() for target, _digest in _stored_files()]
    return sum(sealed), len(sealed) - sum(sealed)


def files_reseal(model=StoredFile) -> tuple[int, list[str]]:
    """Every stored file not sealed under the current key, sealed under it (`fieldkeys rotate`, and the migration
    that sealed the files written before, with its own `model`): each written whole, in one rename, so a file is
    readable throughout. The number sealed, and a line for each file that could not be (damaged, or under a key
    no longer given): the others are sealed all the same."""
    done, failed = 0, []
    for target, digest in _stored_files(model):
        try:
            stored = target.read_bytes()
            if crypto.file_key_id(stored) != crypto.key_id():
                _write_whole(target, crypto.seal_file(crypto.open_file(stored, digest), digest))
                done += 1
        except OSError:
            failed.append(f"{target.relative_to(settings.MEDIA_ROOT)}：无法读写该文件（请检查其权限）")
        except InvalidTag:
            failed.append(f"{target.relative_to(settings.MEDIA_ROOT)}：内容已损坏，无法解密")
        except crypto.KeyMissing as exc:
            failed.append(f"{target.relative_to(settings.MEDIA_ROOT)}：{exc}")
    return done, failed
