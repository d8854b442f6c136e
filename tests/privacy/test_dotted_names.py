"""A transliterated name joined by a middle dot is a person's name whatever its parts (issue 20, item 3; 个人信息保护法
第四条): a Uyghur, Kazakh or Tibetan name's parts are more than any list holds, so a dotted name is read by the
characters such parts are spelt with. These names are made up here, none from the held-out corpora."""

from __future__ import annotations

import pytest

from zhengtong.privacy import Kind, mask, scan


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("经核实，阿布都热西提·买吐送反映的情况属实", "阿布都热西提·买吐送"),  # 送: a character no listed part has
        ("由努尔买买提·托乎提负责登记", "努尔买买提·托乎提"),
        ("我和阿依努尔·塔西买买提在夜市摆摊", "阿依努尔·塔西买买提"),  # 和 before it is no part of the name
        ("申请人巴哈尔古丽·肉孜，女，1990年出生", "巴哈尔古丽·肉孜"),
        ("热比古丽·阿不都阿姨说社区帮了大忙", "热比古丽·阿不都"),  # 阿姨 follows: its 阿 is not the name's
        ("买吐送·艾则孜•吐尔逊于昨日到窗口办理", "买吐送·艾则孜•吐尔逊"),
        ("努尔买买提·托乎提厂长到场", "努尔买买提·托乎提"),  # 厂长, his title, makes no firm of him
    ],
)
def test_a_dotted_name_of_parts_no_list_holds_is_a_name(text, value):
    assert (Kind.NAME, value) in {(f.kind, f.text) for f in scan(text)}, [(f.kind, f.text) for f in scan(text)]


def test_it_is_masked_whole():
    assert "买吐送" not in mask("经核实，阿布都热西提·买吐送反映的情况属实")


@pytest.mark.parametrize(
    "text",
    [
        "2026中国·宁波国际服装节开幕",
        "和平·发展是时代的主题",
        "金色·阳光幼儿园",
        "车牌号浙B·12345的车辆",  # a plate is a plate, not a name
        "第三届“一带一路·港通天下”论坛",
        # places and firms of Xinjiang and beyond, transliterated as its names are (the review, session 65)
        "援建项目：阿勒泰·布尔津县人民医院",
        "克拉玛依·乌尔禾区旅游推介会",
        "阿拉尔·塔里木大学对口支援",
        # an institute or a firm of its own (session 65 left it read as a name)
        "阿里巴巴·达摩院发布报告",
        "喀什·阿克陶县农机厂招工",
        "托克逊·艾丁湖研究所成立",
    ],
)
def test_a_place_a_slogan_or_a_plate_joined_by_a_dot_is_no_name(text):
    assert Kind.NAME not in {f.kind for f in scan(text)}, [(f.kind, f.text) for f in scan(text)]
