"""Collect static files when they changed since the last collection, not at every start.

Collecting (hashing and compressing every file for WhiteNoise) took about 40 s, so a restarted server did not
listen for that long. The sources' names, sizes and modification times are fingerprinted in a few milliseconds;
the fingerprint of the last collection is kept beside the collected files.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.management import call_command

STAMP = ".zt-collected"


def _fingerprint() -> str:
    digest = hashlib.sha256()
    entries = []
    for finder in finders.get_finders():
        for path, storage in finder.list([]):
            stat = Path(storage.path(path)).stat()
            entries.append(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}")
    for entry in sorted(entries):
        digest.update(entry.encode())
    return digest.hexdigest()


def collect_when_changed() -> bool:
    """Run collectstatic if the sources changed; True when it ran."""
    stamp = Path(settings.STATIC_ROOT) / STAMP
    current = _fingerprint()
    if stamp.exists() and stamp.read_text() == current:
        return False
    call_command("collectstatic", interactive=False, verbosity=0)
    stamp.parent.mkdir(parents=True, exist_ok=True)
    stamp.write_text(current)
    return True
