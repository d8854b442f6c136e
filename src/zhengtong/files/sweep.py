"""Stored files nothing refers to, removed a day after they were made or last reused (个人信息保护法 第十九条:
personal data is kept no longer than its purpose needs).

Two kinds are left behind:
- **rows no case, draft, guide or dataset names**: a file held for a form that was never sent (files/held.py: a
  session lasts half an hour, and a held file's row is made young again each time its form is shown), a purged
  draft's materials (approvals drafts_purge), a letter's file once the letter is gone. The row goes, and its
  reading (`FileText`) when no other row shares its content.
- **bytes no row names**: a file is written before its row (services.file_store), in the caller's transaction; when
  that rolls back (a file refused for the personal data in it, a form refused on another field, a crash), the row
  goes and the bytes stay. Two uploads of one content share one file: the later one only touches it
  (services.write_once), so a file a new row is about to name is young again.

A candidate file is moved aside under a hidden name before its last look: a writer that touches it after the move
finds it gone and writes it anew, and one that touched it before left a time the look reads. It is then removed,
or put back when a row names it or its time is young, unless a writer wrote it anew meanwhile. A sweep stopped
between the two puts back, at its next start, whatever it left aside.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import re
import time
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from zhengtong.audit.services import audit_record

from .models import FileText, StoredFile

log = logging.getLogger(__name__)
GRACE = dt.timedelta(days=1)  # far longer than any upload's request, or a session holding a form's files
BATCH = 500  # files a query looks up at once
ASIDE = ".sweep"
_STORED_NAME = re.compile(r"[0-9a-f]{64}\.[a-z]+")  # services.file_store: the content's SHA-256 and its extension


def sweep_unreferenced() -> int:
    """Remove the StoredFile rows nothing refers to and the upload files no row names, each older than GRACE (a
    writer's leftover .part too); how many of both, with an audit row when there were any."""
    rows = _remove_unnamed_rows(timezone.now() - GRACE)
    files = 0
    root = Path(settings.MEDIA_ROOT) / "uploads"
    cutoff = time.time() - GRACE.total_seconds()
    for shard in sorted(p for p in root.iterdir() if p.is_dir()) if root.is_dir() else ():
        _put_back_what_was_left_aside(shard)
        old = sorted(_older_than(shard, cutoff))
        for start in range(0, len(old), BATCH):
            files += _remove_unnamed(old[start : start + BATCH], cutoff)
    if rows or files:
        audit_record(
            action="files.sweep", object_type="files.storedfile", changes={"rows": [None, rows], "files": [None, files]}
        )
    return rows + files


def _remove_unnamed_rows(before: dt.datetime) -> int:
    """The rows made before `before` that no model's foreign key names, found from the models that refer to a
    StoredFile (every one declares its key with related_name="+", so they are read from the hidden relations)."""
    rows = StoredFile.objects.filter(created_at__lt=before)
    for relation in StoredFile._meta.get_fields(include_hidden=True):
        if relation.auto_created and not relation.concrete:
            column = relation.field.attname
            named = relation.related_model._base_manager.filter(**{f"{column}__isnull": False}).values(column)
            rows = rows.exclude(pk__in=named)
    with transaction.atomic():
        ids = list(rows.values_list("pk", flat=True))
        StoredFile.objects.filter(pk__in=ids).delete()
        FileText.objects.exclude(sha256__in=StoredFile.objects.values("sha256")).delete()
    return len(ids)


def _older_than(shard: Path, cutoff: float) -> list[Path]:
    """The files of `shard` last written before `cutoff`; one gone meanwhile (a writer's .part renamed) is not."""
    old = []
    with os.scandir(shard) as entries:
        for entry in entries:
            try:
                if entry.is_file(follow_symlinks=False) and entry.stat(follow_symlinks=False).st_mtime < cutoff:
                    old.append(Path(entry.path))
            except FileNotFoundError:
                continue
    return old


def _put_back(held: Path, original: Path) -> None:
    """`held` back under its name, unless a writer wrote the name anew meanwhile: then the new file, sealed under
    the current key, is kept and the copy aside (the same content, perhaps in clear from before files were sealed,
    or under a retired key) goes. Linked, not renamed over: a rename would replace the new file."""
    try:
        os.link(held, original)
    except FileExistsError:
        pass
    held.unlink()


def _put_back_what_was_left_aside(shard: Path) -> None:
    for held in shard.glob(f".*{ASIDE}"):
        _put_back(held, held.with_name(held.name[1 : -len(ASIDE)]))


def _named(paths: list[Path]) -> set[Path]:
    """Those of `paths` a row names, looked up by the content's hash (indexed) the name begins with."""
    stored = {p: p.stem for p in paths if _STORED_NAME.fullmatch(p.name)}
    by_digest = StoredFile.objects.filter(sha256__in=set(stored.values())).values_list("sha256", "path")
    named = {Path(settings.MEDIA_ROOT) / path for _digest, path in by_digest}
    return {p for p in stored if p in named}


def _remove_unnamed(paths: list[Path], cutoff: float) -> int:
    aside = {}
    for path in set(paths) - _named(paths):
        held = path.with_name(f".{path.name}{ASIDE}")
        try:
            os.rename(path, held)
        except FileNotFoundError:  # removed or renamed meanwhile
            continue
        except OSError as exc:  # one file the sweep may not move (its owner, its folder) stops no other
            log.warning("files sweep: cannot move %s aside: %s", path, exc)
            continue
        aside[path] = held
    named_meanwhile = _named(list(aside))
    removed = 0
    for path, held in aside.items():
        if path in named_meanwhile or held.stat().st_mtime >= cutoff:
            _put_back(held, path)
        else:
            held.unlink()
            removed += 1
    return removed
