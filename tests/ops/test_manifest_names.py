"""A backup folder may come from anywhere: restore never writes outside the site (outside review, decision 0016:
a manifest naming media/../../x wrote there, then failed with the database already loaded)."""

from __future__ import annotations

import hashlib
import json

import pytest

from zhengtong.ops import services
from zhengtong.ops.manifest import NAME


@pytest.mark.parametrize("name", ["media/../../escape.txt", "/etc/escape.txt", "media/..\\escape.txt", "other/x.pdf"])
def test_a_manifest_naming_a_file_outside_the_site_is_refused_before_anything_is_touched(tmp_path, settings, name):
    settings.MEDIA_ROOT = tmp_path / "site-media"
    folder = tmp_path / "backup"
    (folder / "media").mkdir(parents=True)
    (folder / "database.sqlite3").write_bytes(b"x")
    target = (folder / name) if not name.startswith("/") else tmp_path / "unused"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(b"evil")
    manifest = {
        "created_at": "2026-12-02T00:00:00+00:00",
        "version": "0",
        "engine": "sqlite",
        "database": "database.sqlite3",
        "database_sha256": hashlib.sha256(b"x").hexdigest(),
        "tables": {},
        "files": {name: hashlib.sha256(b"evil").hexdigest()},
        "anchors_sha256": None,
        "audit_head": None,
        "audit_key_id": "",
        "field_key_id": "",
        "anchors": None,
        "format": 1,
        "notes": [],
    }
    (folder / NAME).write_text(json.dumps(manifest))
    with pytest.raises(services.Refused, match="文件名不合法"):
        services.restore(folder)
    assert not settings.MEDIA_ROOT.exists()  # refused before the database or a single file was touched
