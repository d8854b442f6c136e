"""zhengtong search reindex [--kind KIND]: rebuild the public index from every registered source."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandError

from ...registry import SOURCES
from ...services import clear, index_now

BAR = 30


class Command(BaseCommand):
    help = "站内搜索：reindex 按各业务当前公开的内容重建索引（显示进度）"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="verb", required=True)
        reindex = sub.add_parser("reindex")
        reindex.add_argument("--kind", help="只重建这一类（如 approvals.item）")

    def handle(self, *args, verb, kind=None, **options):
        kinds = [kind] if kind else sorted(SOURCES)
        if kind and kind not in SOURCES:
            raise CommandError(f"没有这一类索引来源：{kind}（可选：{'、'.join(sorted(SOURCES))}）")
        for name in kinds:
            count, documents = SOURCES[name]
            total = count()
            clear(name)
            started, done = time.monotonic(), 0
            for doc in documents():
                index_now(doc)
                done += 1
                if done % 50 == 0 or done == total:
                    self._progress(name, done, total, started)
            self.stdout.write(f"\n{name}：已索引 {done} 条，用时 {time.monotonic() - started:.1f} 秒")

    def _progress(self, name, done, total, started):
        filled = int(BAR * done / max(total, 1))
        rate = done / max(time.monotonic() - started, 1e-6)
        self.stdout.write(
            f"\r{name} [{'#' * filled}{'.' * (BAR - filled)}] {done}/{total}（{rate:.0f} 条/秒）", ending=""
        )
        self.stdout.flush()
