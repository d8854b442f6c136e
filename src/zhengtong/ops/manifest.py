"""What a backup holds and how to tell it is whole: `manifest.json` lists every file with its SHA-256, the rows
of every table and the audit chain's head, all read from the same consistent copy of the database."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

NAME = "manifest.json"
FORMAT = 1


@dataclass
class Manifest:
    created_at: str
    version: str
    engine: str
    database: str  # the dump's file name inside the backup
    database_sha256: str
    tables: dict[str, int]
    files: dict[str, str]  # "media/<path>" -> SHA-256
    anchors_sha256: str | None
    audit_head: dict | None
    audit_key_id: str
    field_key_id: str  # the key personal data is encrypted under (core/crypto.py)
    anchors: str | None  # the audit anchor file's copy inside the backup, if the site had written one
    format: int = FORMAT
    notes: list[str] = field(default_factory=list)

    def write(self, folder: Path) -> None:
        text = json.dumps(asdict(self), ensure_ascii=False, indent=1, sort_keys=True)
        (folder / NAME).write_text(text + "\n", encoding="utf-8")

    @classmethod
    def read(cls, folder: Path) -> Manifest:
        data = json.loads((folder / NAME).read_text(encoding="utf-8"))
        if data.get("format") != FORMAT:
            raise ValueError(f"备份格式 {data.get('format')} 不受支持（本版本读取格式 {FORMAT}）")
        return cls(**data)


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
