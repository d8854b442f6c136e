"""zhengtong restore FOLDER [--ignore-audit-key]

Restores a backup made by `zhengtong backup` into this site, which must be empty (a new database and an empty
upload folder). Nothing is touched until the manifest's hashes, the audit key and the emptiness are checked;
afterwards the rows, files and audit chain are compared with the manifest.
"""

from __future__ import annotations

import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ... import services


class Command(BaseCommand):
    help = "从备份恢复到一个空站点"
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("folder", help="zhengtong backup 写出的备份目录")
        parser.add_argument(
            "--ignore-audit-key", action="store_true", help="审计密钥已丢失时仍恢复数据（审计日志将无法校验）"
        )

    def handle(self, *args, folder, ignore_audit_key=False, **options):
        started = time.monotonic()
        try:
            done = services.restore(Path(folder), ignore_audit_key=ignore_audit_key, progress=self.stdout.write)
        except services.Refused as refused:
            raise CommandError(f"未恢复：{refused}" if "恢复后" not in str(refused) else str(refused)) from refused
        audit = (
            f"审计日志完整：已校验 {done.audit_checked} 条，链头与备份一致" if done.audit_checked else "审计日志未校验"
        )
        self.stdout.write(
            f"恢复完成（{time.monotonic() - started:.1f} 秒）：{done.tables} 张表 {done.rows} 行、"
            f"{done.files} 个文件与备份一致；{audit}。"
        )
