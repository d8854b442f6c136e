"""The annual report (条例 Art. 49–50; 国办公开办函〔2021〕30号): sections 二 and 三 counted from data, the check
一 + 二 = 三 + 四 per column, and the command's three formats."""

from __future__ import annotations

import datetime as dt
import io

from django.core.management import call_command
from django.utils import timezone
from openpyxl import load_workbook

from zhengtong.disclosure import report
from zhengtong.disclosure import requests as svc
from zhengtong.disclosure.models import ApplicantKind, Channel, Request

from .. import factories as f


def _request(district, lisi, received, kind=ApplicantKind.PERSON):
    identifier = f.valid_id_number() if kind == ApplicantKind.PERSON else "91330206MA2CX12346"
    return svc.request_register(
        department=district["A"],
        by=lisi,
        applicant_kind=kind,
        applicant_name="申请人",
        identifier=identifier,
        contact_phone="13805740001",
        content="某项信息",
        channel=Channel.IN_PERSON,
        received_on=received,
    )


def _row(built, label):
    return next(counts for _n, text, counts in built.section3.rows if text == label)


def test_section_three_is_counted_from_the_requests_and_balances(district, lisi):
    year = timezone.localdate().year
    last_year = dt.date(year - 1, 12, 20)
    carried = _request(district, lisi, last_year)  # received last year, answered this year
    done_last_year = _request(district, lisi, last_year, ApplicantKind.BUSINESS)
    svc.request_answer(request=done_last_year, by=lisi, answer_type="granted")
    Request.objects.filter(pk=done_last_year.pk).update(answered_at=timezone.make_aware(dt.datetime(year - 1, 12, 28)))
    svc.request_answer(request=carried, by=lisi, answer_type="refused", reason="process", text="内部讨论稿")
    this_year = _request(district, lisi, timezone.localdate(), ApplicantKind.BUSINESS)
    svc.request_answer(request=this_year, by=lisi, answer_type="unavailable", reason="not_held", text="本机关不掌握")
    _request(district, lisi, timezone.localdate())  # still open at the end of the year

    built = report.build(year=year, department=district["A"])
    assert _row(built, "本年新收政府信息公开申请数量")["total"] == 2
    assert _row(built, "上年结转政府信息公开申请数量") == {
        **{k: 0 for k, _l in report.COLUMNS},
        "person": 1,
        "total": 1,
    }
    assert _row(built, "属于四类过程性信息")["person"] == 1
    assert _row(built, "本机关不掌握相关政府信息")["business"] == 1
    assert _row(built, "总计")["total"] == 2 and _row(built, "结转下年度继续办理")["total"] == 1
    assert built.section3.balanced and built.section3.check["total"] == (3, 3)

    previous = report.build(year=year - 1, department=district["A"])
    assert previous.section3.balanced and _row(previous, "予以公开")["business"] == 1
    assert _row(previous, "结转下年度继续办理")["person"] == 1


def test_the_command_writes_xlsx_and_html_with_the_check(district, lisi, tmp_path):
    _request(district, lisi, timezone.localdate())
    year = timezone.localdate().year
    out = io.StringIO()
    call_command(
        "report",
        "disclosure-annual",
        "--year",
        str(year),
        "--org",
        "A",
        "--format",
        "xlsx",
        "--output",
        str(tmp_path / "r.xlsx"),
        stdout=out,
    )
    assert "一致" in out.getvalue()
    sheet = load_workbook(tmp_path / "r.xlsx")["三 依申请公开"]
    assert any(row[1] == "本年新收政府信息公开申请数量" and row[-1] == 1 for row in sheet.iter_rows(values_only=True))
    call_command(
        "report",
        "disclosure-annual",
        "--year",
        str(year),
        "--org",
        "A",
        "--format",
        "html",
        "--output",
        str(tmp_path / "r.html"),
        stdout=io.StringIO(),
    )
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert "三、收到和处理政府信息公开申请情况" in page and "数据一致" in page and "属于行政执法案卷" in page
