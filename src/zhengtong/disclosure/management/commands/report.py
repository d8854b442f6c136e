"""zhengtong report disclosure-annual --year 2025 --org CODE --format xlsx|pdf|html [--output FILE]"""

from __future__ import annotations

import io
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from zhengtong.org.models import Department

from ... import report as annual


class Command(BaseCommand):
    help = "报表：disclosure-annual 政府信息公开工作年度报告（第二、三、四部分按数据生成，并核对一+二=三+四）"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="name", required=True)
        cmd = sub.add_parser("disclosure-annual")
        cmd.add_argument("--year", type=int, required=True)
        cmd.add_argument("--org", required=True, help="机构编码")
        cmd.add_argument("--format", choices=("xlsx", "pdf", "html"), default="html")
        cmd.add_argument("--output", type=Path, help="输出文件（默认：年度报告-机构编码-年份.格式）")

    def handle(self, *args, name, year, org, format, output=None, **options):
        department = Department.objects.filter(code=org).first()
        if department is None:
            raise CommandError(f"没有这个机构编码：{org}")
        built = annual.build(year=year, department=department)
        output = output or Path(f"年度报告-{org}-{year}.{format}")
        if format == "xlsx":
            buffer = io.BytesIO()
            annual.workbook(built).save(buffer)
            output.write_bytes(buffer.getvalue())
        elif format == "pdf":
            try:
                output.write_bytes(annual.pdf(built))
            except ImportError:
                raise CommandError("生成 PDF 需要 WeasyPrint（pip install weasyprint）") from None
        else:
            output.write_text(annual.html(built), encoding="utf-8")
        status = "一致" if built.section3.balanced else "不一致"
        self.stdout.write(f"已生成 {output}；第三部分核对（一+二=三+四）：{status}")
        if not built.section3.balanced:
            raise CommandError("第三部分数据不一致")
