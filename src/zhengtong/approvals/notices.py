"""A written notice as the applicant receives it: HTML for the page, PDF (WeasyPrint) to download and print. The
elements the law asks of each: the organ's name and the date (第三十二条 "加盖本行政机关专用印章和注明日期"), the
reason and the appeal rights for a refusal or denial (第三十八条; 行政复议法 第二十条 sixty days, 行政诉讼法
第四十六条 six months), everything to correct at once (第三十二条), the procedure and the time it needs
(第四十五条)."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import timezone

from zhengtong.core.seal import seal_data_uri
from zhengtong.org.access import government_of

from .models import Notice


def notice_html(notice: Notice) -> str:
    application = notice.application
    government = government_of(notice.department)
    return render_to_string(
        "approvals/notice.html",
        {
            "notice": notice,
            "application": application,
            "facts": notice.facts,
            "issued_on": timezone.localtime(notice.issued_at).date(),
            "received_on": timezone.localtime(application.received_at).date(),
            "review_body": government.name if government else notice.department.name,
            "appeal": notice.kind in (Notice.Kind.REFUSED, Notice.Kind.DENIED),
            "seal": seal_data_uri(notice.department.name),
        },
    )


def notice_pdf(notice: Notice) -> bytes:
    from weasyprint import HTML

    return HTML(string=notice_html(notice)).write_pdf()
