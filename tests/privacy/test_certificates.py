"""Identifiers beyond the mainland ID card (个人信息保护法 Art. 28: 特定身份 and 金融账户 are sensitive;
政府信息公开条例 Art. 15): passports and travel permits, residence permits, a Hong Kong identity card, social-security
and driving cards, and the WeChat and QQ accounts people leave in letters. Found by an outside attack on a
published letter, a rating's comment and a callback note: each was shown in full on six public outputs. A property
certificate's number is not among them: registries publish it in their notices (不动产权证书注销公告), and the
held-out corpus labels those clean."""

from __future__ import annotations

import pytest

from zhengtong.privacy import Kind, mask, scan


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        ("李师傅港澳通行证C01234567丢失", "01234567"),
        ("护照号E12345678，", "12345678"),
        ("台胞证号码12345678已过期", "12345678"),
        ("外国人永久居留身份证号CHN110090031105", "110090031105"),
        ("香港身份证A123456(7)", "123456"),
        ("社保卡号A12345678，", "12345678"),
        ("医保卡号：330206001234，", "330206001234"),
        ("驾驶证号 330206123456，", "330206123456"),
        ("另留微信 chenxs_0574、QQ 387654321 以便联系", "chenxs_0574"),
        ("另留微信 chenxs_0574、QQ 387654321 以便联系", "387654321"),
        ("微信号liunvshi_0574", "liunvshi_0574"),
        ("加我微信：wxid_abc123", "wxid_abc123"),
        ("QQ号287654321", "287654321"),
        # the fresh-eyes review's spellings
        ("本人护照(E12345678)已过期。", "12345678"),
        ("护照号码（E12345678）", "12345678"),
        ("我的护照号码是：E12345678", "12345678"),
        ("护照号码 :E12345678", "12345678"),
        ("护照号码：E 1234 5678", "1234 5678"),
        ("证件类型护照，证件号码E12345678", "12345678"),
        ("QQ123456789", "123456789"),
        ("我的微信号：zhangsan", "zhangsan"),
        ("vx:abc_1234", "abc_1234"),
        ("加V信：abc12345", "abc12345"),
        ("微信号（chenxs_0574）", "chenxs_0574"),
        ("微信" + "a_" * 25, "a_" * 25),
    ],
)
def test_an_identifier_after_its_word_is_found_and_masked(text, secret):
    found = scan(text)
    assert found and any(secret in f.text for f in found), found
    assert secret not in mask(text)


@pytest.mark.parametrize(
    "text",
    [
        "请关注“北仑发布”微信公众号，或加入QQ群咨询。",
        "护照办理需10个工作日，港澳通行证办理地点在出入境大厅。",
        "社保卡2024年起换发第三代，医保卡可在微信或支付宝使用。",
        "驾驶证B1照申领条件见附件。",
        "统一社会信用代码91330206MA2AB1234X的企业。",
        "使用微信扫码支付，QQ浏览器也可打开。",
        "不动产权证书办理时限为5个工作日。",
        "浙（2026）杭州市不动产权第0422377号不动产权证书已依法注销，特此公告。",
        "全市累计发放社保卡1256789张。",
        "出入境管理部门今年受理护照、通行证123456件。",
        "截至2024年，已发放社会保障卡9876543张。",
        "请关注“宁波12345”微信公众号（微信号：nb12345hotline）。",
        "官方微信号 ningbo_gov 已开通在线咨询。",
    ],
)
def test_the_words_alone_are_not_personal_data(text):
    assert [f for f in scan(text) if f.kind in (Kind.CERTIFICATE, Kind.ACCOUNT)] == []


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("我住华山路123巷5号，", "华山路***巷**号"),
        ("家住中心路7号楼2单元301，", "中心路**号楼**单元***"),
        ("新碶街道明州社区进港路18巷2号", "进港路**巷**号"),
    ],
)
def test_a_lane_and_a_numbered_building_on_a_road_are_addresses(text, shown):
    """The same attack: 巷 after a road's number, and a 号楼 with its unit and room, were left as written."""
    assert shown in mask(text)


def test_an_ascii_line_with_an_account_word_is_read():
    """may_hold passes ASCII text with few digits unread (logs, file metadata); an account there is not few."""
    from zhengtong.privacy import may_hold

    assert may_hold("QQ:123456") and may_hold("vx: abc_12")
