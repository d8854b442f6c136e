"""Reading a file for the privacy check (issue 20, item 2): the text layers at once, so a broken file is refused
while its uploader waits; the pictures (OCR, seconds each) by a task, with progress the staff page shows. Until
the pictures are read, a publication holding the file waits: nothing unread is published."""

from __future__ import annotations

import datetime as dt
import hashlib
import logging

from django.db import IntegrityError, transaction
from django.utils import timezone

from . import extract
from .models import FileText, StoredFile
from .services import file_open

log = logging.getLogger(__name__)
# A reading left READING this long lost its task (a worker stopped): the periodic sweep starts it again.
STALE = dt.timedelta(minutes=10)


def _kept(stored: StoredFile, state: str, **values) -> tuple[FileText, bool]:
    try:
        with transaction.atomic():
            made = FileText.objects.create(
                sha256=stored.sha256, kind=stored.kind, state=state, version=extract.VERSION, **values
            )
            return made, True
    except IntegrityError:  # the same content attached at the same moment elsewhere: one reading serves both
        return FileText.objects.get(sha256=stored.sha256), False


def file_reading(stored: StoredFile) -> FileText:
    """The file's reading, made on first need: raises `extract.Unreadable` (with its reason) for a file whose text
    layers cannot be read, or any parser's exception for a broken one; the caller refuses it. An unreadable file's
    reading is kept too (a public page asking again does not read it again); an upload refused for it rolls it
    back with the upload."""
    found = FileText.objects.filter(sha256=stored.sha256).first()
    if found is not None and found.version < extract.VERSION:  # an earlier reader's: it may have missed a part
        FileText.objects.filter(pk=found.pk, version=found.version).delete()
        found = None
    if found is not None:
        if found.state == FileText.State.UNREADABLE:
            raise extract.Unreadable(found.problem)
        return found
    try:
        quick = extract.read(stored.kind, file_open(stored), ocr=False)
    except Exception as exc:
        problem = str(exc)[:300] if isinstance(exc, extract.Unreadable) else "文件无法读取"
        _kept(stored, FileText.State.UNREADABLE, problem=problem)
        raise
    state = FileText.State.READING if quick.pictures else FileText.State.READ
    reading, made = _kept(stored, state, text=quick.text, pictures=quick.pictures)
    if made and state == FileText.State.READING:
        from .tasks import read_pictures

        transaction.on_commit(lambda: read_pictures(stored.sha256))
    return reading


def read_pictures_now(sha256: str) -> FileText | None:
    """Read the whole file, pictures included, and keep the text (or why it cannot be read)."""
    reading = FileText.objects.filter(sha256=sha256, state=FileText.State.READING).first()
    stored = StoredFile.objects.filter(sha256=sha256).order_by("pk").first()
    if reading is None or stored is None:
        return reading

    def progress(done: int) -> None:
        FileText.objects.filter(pk=reading.pk).update(pictures_read=done, updated_at=timezone.now())

    try:
        full = extract.read(reading.kind, file_open(stored), progress=progress)
    except extract.Unreadable as exc:
        reading.state, reading.problem = FileText.State.UNREADABLE, str(exc)[:300]
    except Exception:  # a parser's failure on a broken picture: not read is not published
        log.exception("reading %s failed", sha256)
        reading.state, reading.problem = FileText.State.UNREADABLE, "文件中的图片无法读取"
    else:
        reading.state, reading.text, reading.pictures_read = FileText.State.READ, full.text, full.pictures
    reading.save(update_fields=["state", "problem", "text", "pictures_read", "updated_at"])
    return reading


def progress(hashes) -> str:
    """What a page waiting for readings compares between its polls: the state and pictures read so far of each file
    (by sha256), as a short digest. Three columns of one indexed read. A file's findings cannot change while this
    stays the same; what a person edits on the page itself is not in it."""
    hashes = sorted(set(hashes))
    states = dict.fromkeys(hashes, ("", 0))
    rows = FileText.objects.filter(sha256__in=hashes, version__gte=extract.VERSION)
    states.update((sha, (state, read)) for sha, state, read in rows.values_list("sha256", "state", "pictures_read"))
    return hashlib.sha256(repr(sorted(states.items())).encode()).hexdigest()[:16]


def stale_readings() -> list[str]:
    return list(
        FileText.objects.filter(state=FileText.State.READING, updated_at__lt=timezone.now() - STALE).values_list(
            "sha256", flat=True
        )[:100]
    )


def readings(files) -> dict[str, FileText]:
    """Each stored file's reading by its sha256, made for any that has none yet (a file attached before readings
    existed); a file that cannot be read gets an unsaved UNREADABLE reading naming why."""
    files = list(files)
    current = FileText.objects.filter(sha256__in={f.sha256 for f in files}, version__gte=extract.VERSION)
    found = {r.sha256: r for r in current}
    for stored in files:
        if stored.sha256 in found:
            continue
        try:
            found[stored.sha256] = file_reading(stored)
        except Exception as exc:
            problem = str(exc) if isinstance(exc, extract.Unreadable) else "文件无法读取"
            found[stored.sha256] = FileText(sha256=stored.sha256, state=FileText.State.UNREADABLE, problem=problem)
    return found
