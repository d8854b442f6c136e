"""Answers to a request for disclosure (条例 Art. 36) as a structured choice: each (type, reason) is one row of
section 三 of the annual report (国办公开办函〔2021〕30号), so the report is counted, never typed."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class AnswerType(models.TextChoices):
    GRANTED = "granted", _("予以公开")
    PARTIAL = "partial", _("部分公开")
    REFUSED = "refused", _("不予公开")
    UNAVAILABLE = "unavailable", _("无法提供")
    NOT_HANDLED = "not_handled", _("不予处理")
    OTHER = "other", _("其他处理")


# (type, reason code) → the report row label. Types without reasons have one row with reason "".
REASONS: dict[str, list[tuple[str, str]]] = {
    AnswerType.GRANTED: [("", "予以公开"), ("proactive", "已主动公开，告知获取方式")],
    AnswerType.PARTIAL: [("", "部分公开（区分处理的，只计这一情形，不计其他情形）")],
    AnswerType.REFUSED: [
        ("state_secret", "属于国家秘密"),
        ("prohibited", "其他法律行政法规禁止公开"),
        ("three_safeties", "危及“三安全一稳定”"),
        ("third_party", "保护第三方合法权益"),
        ("internal", "属于三类内部事务信息"),
        ("process", "属于四类过程性信息"),
        ("enforcement_file", "属于行政执法案卷"),
        ("inquiry", "属于行政查询事项"),
    ],
    AnswerType.UNAVAILABLE: [
        ("not_held", "本机关不掌握相关政府信息"),
        ("needs_making", "没有现成信息需要另行制作"),
        ("still_unclear", "补正后申请内容仍不明确"),
    ],
    AnswerType.NOT_HANDLED: [
        ("petition", "信访举报投诉类申请"),
        ("repeat", "重复申请"),
        ("publication", "要求提供公开出版物"),
        ("excessive", "无正当理由大量反复申请"),
        ("confirm", "要求行政机关确认或重新出具已获取信息"),
    ],
    AnswerType.OTHER: [
        ("not_corrected", "申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
        ("fee_unpaid", "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
        ("other", "其他"),
    ],
}
# Answers that refuse something must say why (Art. 36 (三)-(六)); the reason is the structured choice plus text.
NEEDS_EXPLANATION = {
    AnswerType.PARTIAL,
    AnswerType.REFUSED,
    AnswerType.UNAVAILABLE,
    AnswerType.NOT_HANDLED,
    AnswerType.OTHER,
}


def valid(answer_type: str, reason: str) -> bool:
    return answer_type in REASONS and reason in {code for code, _label in REASONS[answer_type]}


def label(answer_type: str, reason: str) -> str:
    rows = dict(REASONS.get(answer_type, []))
    base = AnswerType(answer_type).label
    return f"{base}：{rows[reason]}" if reason and reason in rows else str(base)


def report_rows() -> list[tuple[str, str, str]]:
    """(type, reason, label) in the report's order; 已主动公开 counts in 予以公开 (one row in the official table)."""
    rows = []
    for answer_type in AnswerType:
        reasons = REASONS[answer_type]
        if answer_type == AnswerType.GRANTED:
            rows.append((answer_type.value, "*", str(answer_type.label)))
            continue
        for code, text in reasons:
            rows.append((answer_type.value, code, text if code else str(answer_type.label)))
    return rows
