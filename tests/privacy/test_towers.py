"""A flat in a tower or an apartment block is written by its floor and room after the building's name alone
(滨江大厦12楼03室), with no 幢 or 号楼 between: in a block whose name says homes, a home's address like any other
(issue 20; 个人信息保护法 第二十八条, 条例 第十五条), published unmasked until session 65. An office there is the
office's, allowed where the site or a department names it; a floor with no room, or a room of a government's, a
square's or a park's building, stays a place."""

from __future__ import annotations

import pytest

from zhengtong.privacy import Kind, mask, office, scan


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("我住在滨江大厦12楼03室，楼上漏水一个月了", "滨江大厦12楼03室"),
        ("家住春江公寓5层502室", "春江公寓5层502室"),
        ("投诉人住东方花园十二楼1203", "东方花园十二楼1203"),
        ("送达地址：江南公寓8楼806室", "江南公寓8楼806室"),
    ],
)
def test_a_floor_and_room_after_a_towers_name_is_an_address(text, value):
    assert (Kind.ADDRESS, value) in {(f.kind, f.text) for f in scan(text)}, [(f.kind, f.text) for f in scan(text)]


def test_it_is_masked_readably():
    assert mask("我住在滨江大厦12楼03室") == "我住在滨江大厦**楼**室"


@pytest.mark.parametrize(
    "text",
    [
        "会议在市行政中心12楼1203室召开",  # an office building, no estate
        "办事地点：市民广场3楼",  # a floor with no room
        "大厦共32层，建筑面积12万平方米",
        "该小区共有5楼300户",
        # a government's, a square's or a park's rooms are offices (the review, session 65)
        "区政府3楼301会议室",
        "请于周一到区人民政府3楼308室领取",
        "万达广场5楼501室",
        "市民广场2楼201窗口",
        "科技园3楼301室",
        "银泰城8楼806室",
    ],
)
def test_a_floor_alone_or_an_office_building_is_no_address(text):
    assert Kind.ADDRESS not in {f.kind for f in scan(text)}, [(f.kind, f.text) for f in scan(text)]


def test_an_office_in_a_tower_is_allowed_where_it_is_the_office_s_address():
    allowed = office.allowed("宁波市北仑区滨江大厦12楼03室", address=True)
    assert scan("请到滨江大厦12楼03室领取", allow=allowed) == []
