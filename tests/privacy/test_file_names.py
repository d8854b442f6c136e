"""A file's name is shown on the page that offers it and in its download's header (issue 20, item 1; 条例 第十五条).
It is a short label, not a sentence: a name stands alone in it, or beside the form's words (王芳.xlsx,
样表（王芳填写）.xlsx, 申请表刘洋.docx), with none of the words a sentence gives a name. Found by the attacks on the
guides' uploads (session 65), as were the places and words a first reading refused (余杭, 敬老院, 方正)."""

from __future__ import annotations

import pytest

from zhengtong.privacy import Kind
from zhengtong.privacy.file_names import in_file_name


@pytest.mark.parametrize(
    ("name", "kind", "value"),
    [
        ("王芳.xlsx", Kind.NAME, "王芳"),
        ("陈静的示例.xlsx", Kind.NAME, "陈静"),
        ("样表（王芳填写）.xlsx", Kind.NAME, "王芳"),
        ("示例-刘洋.docx", Kind.NAME, "刘洋"),
        ("样表王芳.xlsx", Kind.NAME, "王芳"),  # after a form's word, nothing between
        ("申请表刘洋.xlsx", Kind.NAME, "刘洋"),
        ("王 芳.xlsx", Kind.NAME, "王 芳"),  # spaced
        ("王芳v2.xlsx", Kind.NAME, "王芳"),
        ("附件.王芳", Kind.NAME, "王芳"),  # a title with a dot: no file's extension
        ("补贴申请表_王建军.docx", Kind.NAME, "王建军"),
        ("6222021234567890128.xlsx", Kind.BANK_CARD, "6222021234567890128"),  # its check digit holds
        ("6222_0212_3456_7890_128.xlsx", Kind.BANK_CARD, "6222_0212_3456_7890_128"),
        ("６２２２０２１２３４５６７８９０１２８.xlsx", Kind.BANK_CARD, "６２２２０２１２３４５６７８９０１２８"),
        ("张伟申请表.xlsx", Kind.NAME, "张伟"),
        ("13805740001.pdf", Kind.MOBILE, "13805740001"),
    ],
)
def test_a_name_or_a_card_alone_in_a_file_name_is_found(name, kind, value):
    assert (kind, value) in {(f.kind, f.text) for f in in_file_name(name)}, in_file_name(name)


@pytest.mark.parametrize(
    "name",
    [
        "行政许可申请表.docx",
        "食品经营许可申请表（空白）.xlsx",
        "高新区企业名单.xlsx",
        "金山街道通知.pdf",
        "白云社区公告.pdf",
        "北仑区2025年政府信息公开工作年度报告.pdf",
        "6222021234567890129.xlsx",  # no card: its check digit fails
        "20261207223456789.pdf",  # a time written as digits
        "示例.xlsx",
        # districts and words the segmenter tags as names (the second attack: 8% of a grid of words was refused)
        "申请表（余杭）.xlsx",
        "示例_余姚.xlsx",
        "敬老院申请表.xlsx",
        "方正.xlsx",
        "宋体样表.docx",
        "韩国语翻译件样本.pdf",
        "白云.xlsx",
    ],
)
def test_a_form_s_words_a_place_or_a_serial_number_is_no_finding(name):
    assert in_file_name(name) == [], [(f.kind, f.text) for f in in_file_name(name)]
