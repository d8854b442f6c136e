"""zhengtong fieldkeys rotate | zhengtong fieldkeys new

rotate: write every encrypted value again under the first key of ZT_FIELD_KEY, and every blind index with it, and
seal every uploaded file under it (put the new key first, keep the old one after it until this has run, then drop
it). A file that cannot be sealed (damaged, or under a key no longer given) is named, the others sealed all the
same, and the command fails: the old key must stay.
status: how many uploaded files are sealed under the first key, and how many are not yet.
new: print a fresh key (base64 of 32 random bytes) to put in ZT_FIELD_KEY.
"""

from __future__ import annotations

import base64
import secrets
import time

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError

from zhengtong.audit.context import acting_as, console_actor
from zhengtong.audit.services import audit_record
from zhengtong.core import crypto
from zhengtong.core.fields import EncryptedTextField, encrypt_existing
from zhengtong.files.services import files_reseal, files_sealed


class Command(BaseCommand):
    help = (
        "个人信息加密密钥：rotate 用当前密钥重新加密全部字段和上传文件；status 查看上传文件的加密情况；new 生成新密钥"
    )

    def add_arguments(self, parser):
        parser.add_argument("verb", choices=["rotate", "status", "new"])

    def handle(self, *args, verb, **options):
        if verb == "new":
            self.stdout.write(base64.b64encode(secrets.token_bytes(32)).decode())
            return
        if verb == "status":
            current, other = files_sealed()
            then = "须先运行 rotate，再去掉旧密钥" if other else "旧密钥可以去掉"
            self.stdout.write(f"上传文件：{current} 个已用当前密钥 {crypto.key_id()} 加密，{other} 个尚未（{then}）。")
            return
        started, total = time.monotonic(), 0
        for model in apps.get_models():
            fields = tuple(f.name for f in model._meta.concrete_fields if isinstance(f, EncryptedTextField))
            if fields:
                rows = encrypt_existing(model, fields)
                total += rows
                self.stdout.write(f"  {model._meta.label}：{rows} 行（{'、'.join(fields)}）")
        files, failed = files_reseal()
        self.stdout.write(f"  上传文件：{files} 个")
        for line in failed:
            self.stderr.write(f"  未能加密：{line}")
        with acting_as(console_actor("fieldkeys")):
            audit_record(
                action="core.fieldkeys.rotate",
                changes={
                    "key": [None, crypto.key_id()],
                    "rows": [None, total],
                    "files": [None, files],
                    "files_failed": [None, len(failed)],
                },
            )
        self.stdout.write(
            f"已用密钥 {crypto.key_id()} 重新加密 {total} 行、{files} 个文件（{time.monotonic() - started:.1f} 秒）。"
        )
        if failed:
            raise CommandError(f"{len(failed)} 个文件未能重新加密（见上）：旧密钥须保留，处理后再次运行 rotate。")
