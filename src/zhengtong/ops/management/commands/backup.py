"""zhengtong backup [FOLDER] | zhengtong backup --describe

Writes FOLDER/zhengtong-backup-<UTC time>/ (default var/backups): the database (SQLite online backup or
pg_dump custom format), the uploaded files and manifest.json with hashes, row counts and the audit head.
--describe prints the running site's row counts, file hashes and audit head as JSON (for restore drills).
"""

from __future__ import annotations

import json
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from ... import database, media, services


class Command(BaseCommand):
    help = "备份数据库和上传文件（附校验清单）"

    def add_arguments(self, parser):
        parser.add_argument("folder", nargs="?", help="备份写入的目录（默认 var/backups）")
        parser.add_argument("--describe", action="store_true", help="只输出本站点的行数、文件哈希和审计链头（JSON）")

    def handle(self, *args, folder=None, describe=False, **options):
        if describe:
            contents = database.describe()
            report = {"tables": contents.tables, "files": media.hashes(), "audit_head": contents.audit_head}
            self.stdout.write(json.dumps(report, ensure_ascii=False, sort_keys=True))
            return
        started = time.monotonic()
        root = Path(folder) if folder else settings.VAR_DIR / "backups"
        path, manifest = services.backup(root, progress=self.stdout.write)
        head = f"{manifest.audit_head['seq']}:{manifest.audit_head['hash']}" if manifest.audit_head else "（空）"
        self.stdout.write(
            f"备份完成（{time.monotonic() - started:.1f} 秒）：{path}\n"
            f"  {len(manifest.tables)} 张表 {sum(manifest.tables.values())} 行，{len(manifest.files)} 个上传文件；"
            f"审计链头 {head}\n"
            "  请把备份复制到本机以外，并另行保管 ZT_SECRET_KEY 和 ZT_AUDIT_KEY。"
        )
