"""Uploaded bytes that no row names, removed once a day has passed since they were last written or reused.

A file is written before the row that names it (services.file_store), in the caller's transaction: when that rolls
back (a file refused for the personal data in it, a form refused on another field, a crash), the row goes and the
bytes stay, sealed but kept past any purpose (个人信息保护法 第十九条). Two uploads of one content share one file:
the later one only touches it (services.write_once), so a file a new row is about to name is young again.

A candidate is moved aside under a hidden name before its last look: a writer that touches it after the move
finds it gone and writes it anew, and one that touched it before left a time the look reads. It is then removed,
or put back when a row names it or its time is young.
"""

from __future__ import annotations

import datetime as dt
import os
import time
from pathlib import Path

from django.conf import settings

from zhengtong.audit.services import audit_record

from .models import StoredFile

GRACE = dt.timedelta(days=1)  # far longer than any upload's request or transaction
BATCH = 500  # paths a query looks up at once


def sweep_unreferenced() -> int:
    """Remove the upload files older than GRACE that no StoredFile names (a writer's leftover .part too); the
    number removed, with an audit row when there were any."""
    root = Path(settings.MEDIA_ROOT) / "uploads"
    if not root.is_dir():
        return 0
    cutoff = time.time() - GRACE.total_seconds()
    removed = 0
    for shard in sorted(p for p in root.iterdir() if p.is_dir()):
        old = [p for p in sorted(shard.iterdir()) if p.is_file() and p.stat().st_mtime < cutoff]
        for start in range(0, len(old), BATCH):
            removed += _remove_unnamed(root, old[start : start + BATCH], cutoff)
    if removed:
        audit_record(action="files.sweep", object_type="files.storedfile", changes={"removed": [None, removed]})
    return removed


def _named(root: Path, paths: list[Path]) -> set[Path]:
    relative = {f"uploads/{p.relative_to(root).as_posix()}": p for p in paths}
    return {relative[r] for r in StoredFile.objects.filter(path__in=relative).values_list("path", flat=True)}


def _remove_unnamed(root: Path, paths: list[Path], cutoff: float) -> int:
    aside = {}
    for path in set(paths) - _named(root, paths):
        held = path.with_name(f".{path.name}.sweep")
        try:
            os.rename(path, held)
        except FileNotFoundError:  # removed or renamed meanwhile
            continue
        aside[path] = held
    named_meanwhile = _named(root, list(aside))
    removed = 0
    for path, held in aside.items():
        if path in named_meanwhile or held.stat().st_mtime >= cutoff:
            os.replace(held, path)
        else:
            held.unlink()
            removed += 1
    return removed
