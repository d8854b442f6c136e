"""The answer letter (政府信息公开申请答复告知书): the Art. 36 item, the answer and its reason, the fee if any,
and the applicant's appeal rights (行政复议 within 60 days, 行政诉讼 within 6 months); HTML and PDF."""

from __future__ import annotations

from django.template.loader import render_to_string

from zhengtong.core.masking import mask_name

from .answers import AnswerType
from .models import Request

ARTICLE_ITEMS = {
    AnswerType.GRANTED: "第（一）项或第（二）项",
    AnswerType.PARTIAL: "第（三）项及第三十七条",
    AnswerType.REFUSED: "第（三）项",
    AnswerType.UNAVAILABLE: "第（四）项",
    AnswerType.NOT_HANDLED: "第（五）项",
    AnswerType.OTHER: "第（七）项",
}


def letter_html(request: Request, *, public: bool = False) -> str:
    """`public`: the copy shown outside the case file masks the applicant's name."""
    return render_to_string(
        "disclosure/letter.html",
        {
            "request": request,
            "article_item": ARTICLE_ITEMS.get(request.answer_type, ""),
            "applicant_name": mask_name(request.applicant_name) if public else request.applicant_name,
        },
    )


def letter_pdf(request: Request) -> bytes:
    from weasyprint import HTML

    return HTML(string=letter_html(request)).write_pdf()
