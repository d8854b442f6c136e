"""zhengtong exchange verify | zhengtong exchange seal | zhengtong exchange public-key

verify: walks the exchange log and its signed batches (sharing/log.py); exits 0 when every entry and every
signature holds, 1 naming each problem found (an entry changed, missing or inserted; a batch forged, removed or
made with another key). It says how many entries the last seal does not yet cover.
seal: signs the entries since the last batch now (the worker does it every minute).
public-key: prints the current key as `pub:<base64>`: after a rotation it stands in ZT_EXCHANGE_SIGNING_KEY for the
old seed, which can then be destroyed (sharing/signing.py).
"""

from __future__ import annotations

import base64

from django.core.management.base import BaseCommand, CommandError

from ... import log
from ...signing import PUBLIC, signer


class Command(BaseCommand):
    help = "数据交换日志：verify 校验哈希链和签名；seal 立即签名尚未签名的日志"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="verb", required=True)
        sub.add_parser("verify", help="校验交换日志的哈希链和签名批次")
        sub.add_parser("seal", help="签名尚未签名的交换日志")
        sub.add_parser("public-key", help="打印当前签名密钥的公钥（pub:…），轮换后以它代替旧种子")

    def handle(self, *args, verb, **options):
        if verb == "public-key":
            public = base64.b64encode(signer().public_key_raw()).decode()
            self.stdout.write(f"{PUBLIC}{public}")
            return
        if verb == "seal":
            batch = log.seal()
            self.stdout.write(f"已签名第 {batch.first_seq}–{batch.last_seq} 条" if batch else "没有需要签名的日志")
            return
        result = log.verify()
        if not result.ok:
            for problem in result.problems[:50]:
                self.stderr.write(problem)
            raise CommandError(f"交换日志校验未通过：发现 {len(result.problems)} 处问题", returncode=1)
        self.stdout.write(
            f"交换日志完好：{result.entries} 条，{result.batches} 个签名批次；尚未签名 {result.unsealed} 条"
        )
