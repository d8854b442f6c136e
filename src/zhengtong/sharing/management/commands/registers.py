"""zhengtong registers import REGISTER FILE --source DEPARTMENT_CODE

Feeds a base register (population, legal_person, geography, economy, licence) from a CSV (UTF-8, with or without
the BOM) or xlsx file whose first row names the columns by key or label; the department is the rows' source (and
the licences' issuer). Every row is written or none: the errors name the row and the column (exit code 1).
"""

from __future__ import annotations

import csv
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from openpyxl import load_workbook

from zhengtong.audit.context import Actor, acting_as
from zhengtong.org.models import Department

from ...models import Register
from ...services.registers import register_import


def _rows(path: Path) -> list[dict]:
    if path.suffix.lower() == ".xlsx":
        sheet = load_workbook(path, read_only=True, data_only=True).worksheets[0]
        lines = list(sheet.iter_rows(values_only=True))
        header = [str(h or "").strip() for h in lines[0]] if lines else []
        return [dict(zip(header, line, strict=False)) for line in lines[1:] if any(v not in (None, "") for v in line)]
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


class Command(BaseCommand):
    help = "基础信息库：从 CSV 或 Excel 文件导入（全部成功或全部不导入）"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="verb", required=True)
        load = sub.add_parser("import", help="导入一个基础库的数据")
        load.add_argument("register", choices=Register.values)
        load.add_argument("file")
        load.add_argument("--source", required=True, help="数据来源部门的机构编码")

    def handle(self, *args, verb, register, file, source, **options):
        department = Department.objects.filter(code=source).first()
        if department is None:
            raise CommandError(f"没有机构编码为 {source} 的部门", returncode=1)
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"找不到文件 {file}", returncode=1)
        with acting_as(Actor(name=f"基础库导入:{department.name}")):
            result = register_import(register=register, rows=_rows(path), source=department)
        if result["errors"]:
            for problem in result["errors"][:100]:
                self.stderr.write(f"第 {problem['row']} 行 {problem['column']}：{problem['message']}")
            raise CommandError(f"有 {len(result['errors'])} 处错误，未导入任何数据", returncode=1)
        self.stdout.write(f"已导入 {result['saved']} 行（{Register(register).label}，来源：{department.name}）")
