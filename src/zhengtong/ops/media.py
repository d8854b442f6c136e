"""The uploaded files (MEDIA_ROOT): copied with their hashes, checked against the manifest."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from django.conf import settings

from .manifest import sha256_file

PREFIX = "media"


def _files(root: Path):
    if root.is_dir():
        yield from sorted(p for p in root.rglob("*") if p.is_file())


def hashes(root: Path | None = None) -> dict[str, str]:
    """Every file under `root` (the site's MEDIA_ROOT by default) as "media/<path>" -> SHA-256."""
    root = Path(root or settings.MEDIA_ROOT)
    return {f"{PREFIX}/{p.relative_to(root).as_posix()}": sha256_file(p) for p in _files(root)}


def copy_out(into: Path, progress: Callable[[str], None]) -> dict[str, str]:
    root = Path(settings.MEDIA_ROOT)
    copied = {}
    for n, path in enumerate(_files(root), 1):
        name = f"{PREFIX}/{path.relative_to(root).as_posix()}"
        target = into / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, target)
        copied[name] = sha256_file(target)
        if n % 1000 == 0:
            progress(f"  已复制 {n} 个文件……")
    return copied


def copy_in(backup: Path, files: dict[str, str]) -> None:
    root = Path(settings.MEDIA_ROOT)
    for name in files:
        target = root / name.removeprefix(f"{PREFIX}/")
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(backup / name, target)


def holds_files() -> bool:
    return next(_files(Path(settings.MEDIA_ROOT)), None) is not None
