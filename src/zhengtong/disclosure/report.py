"""The annual report on government information disclosure (条例 Art. 49–50, format 国办公开办函〔2021〕30号).

Sections 二 and 三 are counted from the data: 规章 and 行政规范性文件 by their form, publication and repeal
dates; licensing decisions as the domains that make them count them (supervision.categories: licensing items
only, 即办件 included); requests by applicant kind and answer. Section 三's check 一 + 二 = 三 + 四 is computed per
column and shown. Figures no module records yet (penalties, coercive measures, fee income, appeals and
lawsuits) are entered by staff and marked as entered; the narrative sections 一, 五 and 六 are text.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils import timezone

from zhengtong.supervision import categories

from . import answers
from .models import ApplicantKind, Document, LegalForm, Request, State

COLUMNS = [(k.value, str(k.label)) for k in ApplicantKind] + [("total", "总计")]
APPEAL_COLUMNS = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]


@dataclass
class Section3:
    rows: list[tuple[str, str, dict[str, int]]]  # (number, label, counts per column)
    check: dict[str, tuple[int, int]]  # column → (一 + 二, 三 + 四)

    @property
    def balanced(self) -> bool:
        return all(left == right for left, right in self.check.values())


@dataclass
class AnnualReport:
    year: int
    department_name: str
    section2: list[tuple[str, list[tuple[str, object]]]]
    section3: Section3
    section4: dict[str, dict[str, int]]
    entered: dict[str, int] = field(default_factory=dict)
    narrative: dict[str, str] = field(default_factory=dict)


def _bounds(year: int) -> tuple[dt.datetime, dt.datetime]:
    start = timezone.make_aware(dt.datetime(year, 1, 1))
    return start, timezone.make_aware(dt.datetime(year + 1, 1, 1))


def _forms(year: int, department) -> dict[str, tuple[int, int, int]]:
    """规章 and 行政规范性文件: (made this year, repealed this year, in force at the year's end), by publication date
    and repeal date."""
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    start, end = _bounds(year)
    published = Document.objects.filter(department__path__startswith=department.path, state=State.PUBLISHED)
    out = {}
    for form in (LegalForm.RULE, LegalForm.NORMATIVE):
        mine = published.filter(legal_form=form)
        made = mine.filter(published_at__gte=start, published_at__lt=end).count()
        repealed = mine.filter(repealed_on__gte=first, repealed_on__lte=last).count()
        in_force = mine.filter(published_at__lt=end).filter(Q(repealed_on__isnull=True) | Q(repealed_on__gt=last))
        out[form] = (made, repealed, in_force.count())
    return out


def _section2(year: int, department, entered: dict) -> list:
    start, end = _bounds(year)
    forms = _forms(year, department)
    rules, normative = forms[LegalForm.RULE], forms[LegalForm.NORMATIVE]
    licensing = categories.decisions(categories.LICENSING, start, end, department)
    return [
        (
            "第二十条第（一）项",
            [
                ("规章：本年制发件数", rules[0]),
                ("规章：本年废止件数", rules[1]),
                ("规章：现行有效件数", rules[2]),
                ("行政规范性文件：本年制发件数", normative[0]),
                ("行政规范性文件：本年废止件数", normative[1]),
                ("行政规范性文件：现行有效件数", normative[2]),
            ],
        ),
        ("第二十条第（五）项", [("行政许可：本年处理决定数量", licensing)]),
        (
            "第二十条第（六）项",
            [
                ("行政处罚：本年处理决定数量（填报）", entered.get("penalties", 0)),
                ("行政强制：本年处理决定数量（填报）", entered.get("coercion", 0)),
            ],
        ),
        ("第二十条第（八）项", [("行政事业性收费：本年收费金额（万元，填报）", entered.get("fees", 0))]),
    ]


def _counts(requests) -> dict[str, int]:
    counts = {key: 0 for key, _label in COLUMNS}
    for kind in requests.values_list("applicant_kind", flat=True):
        counts[kind] += 1
        counts["total"] += 1
    return counts


def _section3(year: int, department) -> Section3:
    start, end = _bounds(year)
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    mine = Request.objects.filter(department__path__startswith=department.path)
    new = _counts(mine.filter(received_on__gte=first, received_on__lte=last))
    carried_in = _counts(
        mine.filter(received_on__lt=first).filter(Q(answered_at__isnull=True) | Q(answered_at__gte=start))
    )
    concluded = mine.filter(answered_at__gte=start, answered_at__lt=end)
    rows = [("一", "本年新收政府信息公开申请数量", new), ("二", "上年结转政府信息公开申请数量", carried_in)]
    concluded_total = {key: 0 for key, _label in COLUMNS}
    for answer_type, reason, label in answers.report_rows():
        subset = concluded.filter(answer_type=answer_type)
        if reason != "*":
            subset = subset.filter(answer_reason=reason)
        counts = _counts(subset)
        rows.append(("三", label, counts))
        for key in concluded_total:
            concluded_total[key] += counts[key]
    rows.append(("三", "总计", concluded_total))
    carried_out = _counts(
        mine.filter(received_on__lte=last).filter(Q(answered_at__isnull=True) | Q(answered_at__gte=end))
    )
    rows.append(("四", "结转下年度继续办理", carried_out))
    check = {key: (new[key] + carried_in[key], concluded_total[key] + carried_out[key]) for key, _label in COLUMNS}
    return Section3(rows, check)


def build(*, year: int, department, entered: dict | None = None, narrative: dict | None = None) -> AnnualReport:
    entered = entered or {}
    section4 = {
        kind: {col: int(entered.get(f"{kind}:{col}", 0)) for col in APPEAL_COLUMNS} for kind in ("行政复议", "行政诉讼")
    }
    for counts in section4.values():
        counts["总计"] = sum(v for k, v in counts.items() if k != "总计")
    return AnnualReport(
        year=year,
        department_name=department.name,
        section2=_section2(year, department, entered),
        section3=_section3(year, department),
        section4=section4,
        entered=entered,
        narrative=narrative or {},
    )


NARRATIVE = [("一", "总体情况"), ("五", "存在的主要问题及改进情况"), ("六", "其他需要报告的事项")]


def workbook(report: AnnualReport):
    """The three tables as an Excel workbook (one sheet each), for the office's own files."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = "二 主动公开"
    sheet.append([f"{report.department_name}{report.year}年度政府信息公开工作年度报告：二、主动公开政府信息情况"])
    sheet["A1"].font = Font(bold=True)
    for item, rows in report.section2:
        for label, value in rows:
            sheet.append([item, label, value])
    sheet = book.create_sheet("三 依申请公开")
    sheet.append(["", "", *(label for _key, label in COLUMNS)])
    for number, label, counts in report.section3.rows:
        sheet.append([number, label, *(counts[key] for key, _label in COLUMNS)])
    sheet.append(["", "核对：一+二", *(report.section3.check[key][0] for key, _l in COLUMNS)])
    sheet.append(["", "核对：三+四", *(report.section3.check[key][1] for key, _l in COLUMNS)])
    sheet.append(["", "核对结果", "一致" if report.section3.balanced else "不一致"])
    sheet = book.create_sheet("四 复议诉讼")
    sheet.append(["", *APPEAL_COLUMNS])
    for kind, counts in report.section4.items():
        sheet.append([kind, *(counts[c] for c in APPEAL_COLUMNS)])
    return book


def html(report: AnnualReport) -> str:
    from django.template.loader import render_to_string

    return render_to_string("disclosure/report_file.html", {"report": report, "appeal_columns": APPEAL_COLUMNS})


def body_html(report: AnnualReport) -> str:
    """The report as a document body, to be published through the usual review."""
    from django.template.loader import render_to_string

    return render_to_string("disclosure/_report_body.html", {"report": report, "appeal_columns": APPEAL_COLUMNS})


def pdf(report: AnnualReport) -> bytes:
    """PDF through WeasyPrint with the Noto CJK fonts (Debian's fonts-noto-cjk)."""
    from weasyprint import HTML

    return HTML(string=html(report)).write_pdf()
