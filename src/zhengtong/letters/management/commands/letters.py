"""zhengtong letters remask: every published letter's public copy made again with the privacy guard as it stands
(after an upgrade that taught the guard a kind of personal data), with progress."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from ...services.publication import letters_remask


class Command(BaseCommand):
    help = "来信：remask 按当前的个人信息识别规则重新生成全部已公开信件的公开文本（升级识别规则后运行）"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="verb", required=True)
        sub.add_parser("remask")

    def handle(self, *args, verb, **options):
        def progress(done: int, total: int) -> None:
            self.stdout.write(f"\r已检查 {done}/{total} 件", ending="")
            self.stdout.flush()

        changed, total = letters_remask(progress=progress)
        self.stdout.write(f"\n已公开信件 {total} 件，其中 {changed} 件的公开文本重新遮蔽。")
