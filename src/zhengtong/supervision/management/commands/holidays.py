"""zhengtong holidays import FILE --year 2027 --notice "国务院办公厅关于2027年部分节假日安排的通知" """

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from zhengtong.audit.context import acting_as, console_actor
from zhengtong.core.errors import ZtError

from ...holidays import calendar_year_import, read_rows


class Command(BaseCommand):
    help = "节假日安排：import 导入某年的放假和调休安排（CSV 或 xlsx：日期、类型、名称）"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="verb", required=True)
        imp = sub.add_parser("import")
        imp.add_argument("file", type=Path)
        imp.add_argument("--year", type=int, required=True)
        imp.add_argument("--notice", required=True, help="依据的国务院办公厅通知")

    def handle(self, *args, verb, file, year, notice, **options):
        if not file.exists():
            raise CommandError(f"文件不存在：{file}")
        with acting_as(console_actor("holidays")):
            try:
                row = calendar_year_import(year=year, notice=notice, rows=read_rows(file))
            except ZtError as exc:
                raise CommandError(f"{exc.message}（{exc.code}）") from None
        self.stdout.write(f"已录入 {row.year} 年节假日安排：{row.days.count()} 天；临时期限将按新安排重算。")
