"""zhengtong audit verify [--anchor SEQ:HASH]

Exits 0 when the whole chain is intact, 1 naming the first bad entry otherwise. A chain cannot show that
entries were cut off its end; give the head printed by an earlier run (kept off this server) as --anchor to
check that too.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from ...models import OperationLog
from ...selectors import chain_head, chain_verify


class Command(BaseCommand):
    help = "审计日志：verify 校验整条哈希链"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="verb", required=True)
        verify = sub.add_parser("verify", help="校验操作日志哈希链")
        verify.add_argument("--anchor", help="早先记录的链头 SEQ:HASH，用于发现末尾被截断")

    def handle(self, *args, verb, anchor=None, **options):
        result = chain_verify()
        if not result.ok:
            raise CommandError(
                f"审计日志校验失败：已校验 {result.checked} 条，第一条异常记录为第 {result.bad_position} 条"
                f"（序号 {result.bad_seq}）：{result.reason}",
                returncode=1,
            )
        if anchor:
            seq, _, digest = anchor.partition(":")
            row = OperationLog.objects.filter(seq=int(seq)).values("hash").first()
            if row is None or row["hash"] != digest:
                raise CommandError(f"审计日志校验失败：锚点 {seq} 缺失或不符，日志可能被截断或改写", returncode=1)
        head = chain_head()
        self.stdout.write(f"审计日志完整：已校验 {result.checked} 条。")
        if head:
            self.stdout.write(f"链头 {head['seq']}:{head['hash']}")
