"""The privacy guard (DOMAIN §7; 个人信息保护法 Art. 28, 政府信息公开条例 Art. 15): recall on checksum-valid ID
numbers and mobile numbers must be at least 99% on the labelled corpus; precision is reported."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zhengtong.privacy import Kind, mask, scan
from zhengtong.privacy.evaluate import Sample, score

from ..factories import valid_id_number
from . import corpus as c

_ID = valid_id_number()
_SPACED_ID = "    ".join(_ID[i : i + 4] for i in range(0, 18, 4))  # 4-4-4-4-2, four spaces between


@pytest.fixture(scope="module")
def measured():
    samples = [Sample(s.text, [(kind.value, value) for kind, value in s.truth]) for s in c.corpus()]
    return score(samples)


def test_recall_on_id_numbers_and_mobiles_is_at_least_99_percent(measured):
    for kind in (Kind.ID_NUMBER, Kind.MOBILE):
        assert measured.found[kind.value] >= 500 and measured.recall(kind.value) >= 0.99, kind


def test_nothing_in_the_negatives_is_flagged(measured):
    assert measured.false_alarms == 0, measured.alarms[:5]


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("联系电话：13805740001", "联系电话：138****0001"),
        ("电话 138-0574-0001", "电话 138-****-0001"),
        (f"身份证号{_ID}", f"身份证号330206********{_ID[-4:]}"),
        ("联系人：王小明，", "联系人：王**，"),
        ("住宅电话0574-86781234", "住宅电话0574-****1234"),
        ("邮箱 zhangsan@163.com", "邮箱 z*******@163.com"),
        ("住明州路188号3幢201室", "住明州路***号**幢***室"),
        # issue 20, item 4: masking stays readable
        ("我叫王小明，住绿城春江花园9幢800室", "我叫王**，住绿城春江花园**幢***室"),
        ("家住横山村3组45号", "家住横山村**组**号"),
        ("手机 138.0574.9876", "手机 138.****.9876"),
        ("+86 13805749876", "+86 138****9876"),
        (f"身份证 {_ID[:6]} {_ID[6:14]} {_ID[14:]}", f"身份证 {_ID[:6]} ******** {_ID[14:]}"),
        (f"身份证{_ID[:9]}\u200b{_ID[9:]}", f"身份证{_ID[:6]}********{_ID[14:]}"),
        ("车主驾驶浙B12345违停", "车主驾驶浙B***45违停"),
        ("本人李秀英申请", "本人李**申请"),
        # session 44: shapes the address patterns lacked (a dashed house number, a 号院 compound, a building-room
        # pair written with a dash after the estate a road address names)
        ("家住舜水南路1-2号", "家住舜水南路**-**号"),
        ("住庆丰南路1号院3号楼", "住庆丰南路**号院**号楼"),
        ("住址四明山路3号和美城市花园11-602", "住址四明山路**号和美城市花园**-***"),
        ("家住和美城市花园11-602", "家住和美城市花园**-***"),
        # a numeral in a road's, a street's or a village's name is part of the name, not a number to hide
        ("住百丈街道七星村五组", "住百丈街道七星村**组"),
        # a room written in numerals with no 室 after it, as a digit room may be
        ("住明州路188号三幢二〇一", "住明州路***号**幢***"),
        ("住绿城春江花园9幢八〇〇", "住绿城春江花园**幢***"),
    ],
)
def test_masking_in_the_official_style(text, masked):
    assert mask(text) == masked


def test_full_width_digits_are_found():
    assert [f.kind for f in scan("手机１３８０５７４０００１")] == [Kind.MOBILE]


def test_a_public_number_on_the_allow_list_is_not_a_finding():
    text = "咨询电话：0574-86781300；联系人：王小明"
    assert [f.kind for f in scan(text, allow={"0574-86781300"})] == [Kind.NAME]


def test_a_bank_card_needs_a_banking_word_nearby():
    card = c.bank_card(__import__("random").Random(1))
    assert [f.kind for f in scan(f"开户银行：工商银行 账号{card}")] == [Kind.BANK_CARD]
    assert scan(f"项目编号{card}") == []


@pytest.mark.parametrize("grouped", ["6222 0212 3456 7890 128", "6222-0212-3456-7894", "6217 0012 3456 7890 11"])
def test_a_card_number_printed_in_fours_is_a_card_without_a_banking_word(grouped):
    """条例 Art. 15, issue 20: written as a card is printed (groups of four, Luhn-valid), the number is a card
    wherever it stands. Without a banking word a landline was read inside it and the rest published in clear."""
    digits = grouped.replace(" ", "").replace("-", "")
    assert __import__("zhengtong.privacy.detect", fromlist=["luhn"]).luhn(digits), "the example must be a card"
    text = f"他给了我一个号码{grouped}，说能还钱"
    assert [(f.kind, f.text) for f in scan(text)] == [(Kind.BANK_CARD, grouped)]
    assert mask(text).count("*") >= len(digits) - 8


@pytest.mark.parametrize("grouped", ["6222 0212 3456 7890 129", "1202 1602 4068", "2026 1202 0001 0002 0003 0004"])
def test_numbers_in_fours_that_are_no_card_stay_unflagged_without_a_banking_word(grouped):
    assert [f.kind for f in scan(f"项目编号{grouped}") if f.kind == Kind.BANK_CARD] == []


@given(
    before=st.text(alphabet="的是在了和有号码身份证电话，。：:（）() \n", max_size=12),
    after=st.text(alphabet="的是在了和有，。；（）() \n", max_size=12),
    seed=st.integers(0, 10**6),
)
@settings(max_examples=300)
def test_any_valid_id_number_or_mobile_in_any_chinese_surroundings_is_found(before, after, seed):
    rng = __import__("random").Random(seed)
    for value, kind in ((c.id_number(rng), Kind.ID_NUMBER), (c.mobile(rng), Kind.MOBILE)):
        assert (kind, value) in {(f.kind, f.text) for f in scan(before + value + after)}


@pytest.mark.parametrize(
    ("text", "kind", "value"),
    [
        ("身份证330206.19900307.1231", Kind.ID_NUMBER, "330206.19900307.1231"),
        ("身份证330206 - 19900307 - 1231", Kind.ID_NUMBER, "330206 - 19900307 - 1231"),
        ("330206199003071231zm.pdf", Kind.ID_NUMBER, "330206199003071231"),
        ("联系8613905740004", Kind.MOBILE, "8613905740004"),
        ("手机139 - 0574 - 0003", Kind.MOBILE, "139 - 0574 - 0003"),
        ("TEL13905740005", Kind.MOBILE, "13905740005"),
        ("zhangsan13905740015.pdf", Kind.MOBILE, "13905740015"),
        ("电话(138)0574-0001", Kind.MOBILE, "(138)0574-0001"),
        ("电话138·0574·0001", Kind.MOBILE, "138·0574·0001"),
        ("电话138/0574/0001", Kind.MOBILE, "138/0574/0001"),
        ("住绿城春江花园 9幢800室", Kind.ADDRESS, "绿城春江花园 9幢800室"),
        ("住绿城春江花园9#800室", Kind.ADDRESS, "绿城春江花园9#800室"),
        ("住绿城春江花园9号800室", Kind.ADDRESS, "绿城春江花园9号800室"),
        ("住绿城春江花园9栋8楼800", Kind.ADDRESS, "绿城春江花园9栋8楼800"),
        ("住绿城春江花园9幢-800室", Kind.ADDRESS, "绿城春江花园9幢-800室"),
        # round 2
        ("请回电138，0574，0031谢谢", Kind.MOBILE, "138，0574，0031"),
        ("电话138、0574、0031", Kind.MOBILE, "138、0574、0031"),
        ("身份证330206，19900307，1231", Kind.ID_NUMBER, "330206，19900307，1231"),
        ("或一三八零五七四零零三三", Kind.MOBILE, "一三八零五七四零零三三"),
        ("手机①③⑧⓪⑤⑦④⓪⓪③③", Kind.MOBILE, "①③⑧⓪⑤⑦④⓪⓪③③"),
        ("住址绿城春江花园9幢，804室", Kind.ADDRESS, "绿城春江花园9幢，804室"),
        # session 44: a building named by a letter, as towers often are
        ("住东湖花园B座1203室", Kind.ADDRESS, "东湖花园B座1203室"),
        ("家住锦园小区A幢2单元301", Kind.ADDRESS, "锦园小区A幢2单元301"),
        ("住银亿上上城C栋802", Kind.ADDRESS, "银亿上上城C栋802"),
        # session 48 (two attacks): a letter's title, body or reply, a disclosure document or its attachments,
        # Open311, site search, a service guide, a 差评's comment
        # an ID number is told by its check character and birth date, however wide its groups are spaced
        (f"证件：{_SPACED_ID}", Kind.ID_NUMBER, _SPACED_ID),
        (f"户主甲 {_SPACED_ID} 已登记", Kind.ID_NUMBER, _SPACED_ID),
        # a mobile split at other places than 3-4-4, spaced wide or over lines, beside a telephone word
        ("噪音扰民 回电1380    5740    001", Kind.MOBILE, "1380    5740    001"),
        ("Phone：1380    5740    003", Kind.MOBILE, "1380    5740    003"),
        ("联系方式：1380    5740    008", Kind.MOBILE, "1380    5740    008"),
        ("回电：\t1380\t\t5740\t\t014", Kind.MOBILE, "1380\t\t5740\t\t014"),
        # a circle for zero, and the digits read out over a radio (幺 1, 两 2, 拐 7, 洞 0, 勾 9)
        ("回电一三八○五七四○○○二", Kind.MOBILE, "一三八○五七四○○○二"),
        ("幺三八洞五拐四洞洞洞幺", Kind.MOBILE, "幺三八洞五拐四洞洞洞幺"),
        ("电话幺三八洞五拐四洞两勾幺", Kind.MOBILE, "幺三八洞五拐四洞两勾幺"),
        # other marks between the groups
        ("手机138点0574点0001", Kind.MOBILE, "138点0574点0001"),
        ("手机138‧0574‧0001", Kind.MOBILE, "138‧0574‧0001"),
        ("手机138 。0574。 0001", Kind.MOBILE, "138 。0574。 0001"),
        # an e-mail address with an ideographic full stop, spaces, or (at) for @
        ("邮箱zhangsan2026@163。com", Kind.EMAIL, "zhangsan2026@163。com"),
        ("邮箱 wangjj@nbbl。gov.cn", Kind.EMAIL, "wangjj@nbbl。gov.cn"),
        ("发至zhangsan@qq .com", Kind.EMAIL, "zhangsan@qq .com"),
        ("发至zhangsan @ qq.com", Kind.EMAIL, "zhangsan @ qq.com"),
        ("发至zhangsan(at)163.com", Kind.EMAIL, "zhangsan(at)163.com"),
        # a plate with a space after its province, or in lower case
        ("车牌浙 B 12345停在门口", Kind.PLATE, "浙 B 12345"),
        ("车牌浙b54321停在门口", Kind.PLATE, "浙b54321"),
        # an account's word spaced out, in English, or as people nickname it
        ("微 信：zhangsan_2026", Kind.ACCOUNT, "zhangsan_2026"),
        ("wechat: hu_2026", Kind.ACCOUNT, "hu_2026"),
        ("WeChat：hu_2027", Kind.ACCOUNT, "hu_2027"),
        ("Q Q：123456789", Kind.ACCOUNT, "123456789"),
        ("扣扣：123456789", Kind.ACCOUNT, "123456789"),
        ("薇信 chen_0574", Kind.ACCOUNT, "chen_0574"),
        # the second attack: a service guide and a 差评's comment
        ("示例个人工行卡6222021234567890128", Kind.BANK_CARD, "6222021234567890128"),
        ("请加微信：chenxiaodong", Kind.ACCOUNT, "chenxiaodong"),
        # the re-test (session 48): a mobile over lines right after a contact's noun, and spellings still left
        ("联系手机\n1380\n5740\n014", Kind.MOBILE, "1380\n5740\n014"),
        ("联系电话：\n1380\n5740\n015", Kind.MOBILE, "1380\n5740\n015"),
        ("邮箱 chenxd (at) 163.com", Kind.EMAIL, "chenxd (at) 163.com"),
        ("Email: chen.xd(at)gmail(dot)com", Kind.EMAIL, "chen.xd(at)gmail(dot)com"),
        ("车牌 浙 b 12345", Kind.PLATE, "浙 b 12345"),
        ("微信号chenxiaodong", Kind.ACCOUNT, "chenxiaodong"),
    ],
)
def test_spellings_an_outside_attack_published_are_found(text, kind, value):
    """Issue 20 (outside attacks, sessions 38 and 48; 条例 Art. 15): each of these was published unmasked."""
    assert (kind, value) in {(f.kind, f.text) for f in scan(text)}, [(f.kind, f.text) for f in scan(text)]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("住白鹤新村7号楼804，空调外机噪声大", "白鹤新村7号楼804"),
        ("位于怡康新村18号楼3单元1704室厨房", "怡康新村18号楼3单元1704室"),
        ("住横山村18号楼", "横山村18号"),
        ("住横山村3组45号", "横山村3组45号"),
    ],
)
def test_a_new_villages_building_is_masked_whole_and_a_villages_house_still_found(text, value):
    """Issue 20 (DOMAIN §2): the address pattern reads the name before the shape once for all shapes (a shorter
    name tried with every shape first); 新村 ends in 村, so a building of an estate called …新村 must not stop
    at a village's house number and leave its room shown."""
    assert (Kind.ADDRESS, value) in {(f.kind, f.text) for f in scan(text)}


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("业委会候选人：陈国栋（8幢2单元1501室）、李秀梅（12栋603室）", "8幢2单元1501室"),
        ("业委会候选人：陈国栋（8幢2单元1501室）、李秀梅（12栋603室）", "12栋603室"),
        ("表决异议人：业主周敏（5-2-1202室）", "5-2-1202室"),
        ("送达地址：永和路88号3楼", "永和路88号3楼"),
        ("居住证地址城隍庙前街东市巷12号", "城隍庙前街东市巷12号"),
        ("收件地址：翠苑二区7栋502室", "翠苑二区7栋502室"),
    ],
)
def test_addresses_held_out_sentences_missed_are_found(text, value):
    """Issue 20 (DOMAIN §2), from the held-out corpus's misses (so it no longer holds those out): a door named
    without its estate after a candidate's name; a road whose name holds a word that ends a phrase elsewhere (和,
    市); an estate's numbered district (翠苑二区)."""
    assert (Kind.ADDRESS, value) in {(f.kind, f.text) for f in scan(text)}


@pytest.mark.parametrize(
    "text",
    [
        "共有9号楼300户",
        "新建3幢，共计1200套",
        "第3-2-1条规定",
        "本次共分配住房52套，其中2幢120户",
        # the review of the shapes above: an office's room, a venue, a bridge's pier are no one's home
        "本次面试在5号楼403室进行",
        "考试地点设在1号楼302室",
        "会议地点：行政中心（1号楼301室）",
        "项目包括钱塘江大桥5号墩加固工程",
        "对枫桥3号地块进行出让",
    ],
)
def test_a_building_count_an_office_or_a_works_site_is_no_address(text):
    assert Kind.ADDRESS not in {f.kind for f in scan(text)}


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("申请人住白鹤新村7号804室。", "白鹤新村7号804室"),
        ("住址：朝晖新村12号3单元201室", "朝晖新村12号3单元201室"),
        ("现住三里新村18号-502室", "三里新村18号-502室"),
        ("户籍地址：石桥村5号2单元301室", "石桥村5号2单元301室"),
        ("住址：梅家坞村六组2户", "梅家坞村六组2户"),
    ],
)
def test_a_door_after_an_estates_number_is_masked_with_it(text, value):
    """The review of the one-name pattern: 白鹤新村7号 read as house 7 of a village left the room 804室 showing."""
    assert (Kind.ADDRESS, value) in {(f.kind, f.text) for f in scan(text)}


@pytest.mark.parametrize("row", ["1 {id} 张伟", "{id} 1", "2  {id}", "序号 身份证号\n1 {id}", "1 {id} 3\n2 {id} 4"])
def test_an_id_number_in_a_table_row_beside_a_row_number_is_found(row):
    """Review of issue 20: an unbroken ID number with a row number a space away was taken for a piece of a longer
    grouped number, so a PDF name list (序号 身份证号 人数) gave no finding."""
    id_number = c.id_number(__import__("random").Random(3))
    assert Kind.ID_NUMBER in {f.kind for f in scan(row.format(id=id_number))}


@pytest.mark.parametrize(
    "text",
    [
        "共有9号楼300户",
        "1. 本办法自发布之日起施行",
        "版本3.1.2",
        "第3号文件",
        "总投资13,805,740,001元",
        "二〇二六年三月",
    ],
)
def test_counts_and_numbered_lists_are_no_address_or_number(text):
    assert scan(text) == []


@pytest.mark.parametrize("line_before", ["数量：3", "AppVersion：3.1", "第12"])
def test_a_number_on_the_line_after_a_number_is_its_own(line_before):
    """A spreadsheet row ending in a count put the next row's ID number down as a piece of a grouped number (the
    group check's `$` also matched before a line break), so it went unflagged."""
    rng = __import__("random").Random(7)
    for value, kind in ((c.id_number(rng), Kind.ID_NUMBER), (c.mobile(rng), Kind.MOBILE)):
        assert (kind, value) in {(f.kind, f.text) for f in scan(f"{line_before}\n{value}\n下一行")}


@pytest.mark.parametrize(
    "spelling",
    [
        "{a}\u00a0{b}\u00a0{c}",  # &nbsp; from an editor
        "{a}\u200e{b}{c}",  # a direction mark
        "{a}\u034f{b}\ufe0f{c}",  # a combining joiner, a variation selector
        "{a}\u2013{b}\u2013{c}",  # en dashes
        "{a}\u2009{b}\u2009{c}",  # thin spaces
        "{a}   {b}{c}",  # three spaces
    ],
)
def test_an_id_number_behind_invisible_characters_or_other_separators_is_found_and_masked(spelling):
    """Found by an outside review (decision 0016): each of these published an ID number in full."""
    text = "身份证号：" + spelling.format(a=_ID[:6], b=_ID[6:14], c=_ID[14:])
    assert [f.kind for f in scan(text)] == [Kind.ID_NUMBER]
    assert _ID[6:14] not in "".join(c for c in mask(text) if c.isdigit())


def test_digits_of_other_scripts_are_found_and_masked():
    for digits in ("١٣٨٠٥٧٤٩٨٧٦", "𝟏𝟑𝟖𝟎𝟓𝟕𝟒𝟗𝟖𝟕𝟔"):
        masked = mask(f"手机 {digits}")
        assert masked.count("*") == 4 and digits not in masked


@pytest.mark.parametrize(
    ("written", "kept"),
    [
        ("一三八零五七四九八七六", "一三八****九八七六"),
        ("①③⑧⓪⑤⑦④⑨⑧⑦⑥", "①③⑧****⑨⑧⑦⑥"),
        ("三三零二零六一九七九零一零一零零一X", "三三零二零六********零零一X"),
        ("壹叁捌零伍柒肆玖捌柒陆", "壹叁捌****玖捌柒陆"),  # the capital numerals of amounts
        ("幺三八零五七四九八七六", "幺三八****九八七六"),  # 幺 for one, as a phone number is read out
        # outside attack, second round: in groups, mixed, and in other sets of digit signs
        ("一三九 零五七四 三三三三", "一三九 **** 三三三三"),
        ("一三九-零五七四-三七七七", "一三九-****-三七七七"),
        ("1390574三四四四", "139****三四四四"),
        ("❶❸❾⓿❺❼❹❸❻❻❻", "❶❸❾****❸❻❻❻"),
        ("₁₃₉₀₅₇₄₃₆₆₆", "₁₃₉****₃₆₆₆"),
        ("⑴⑶⑼⓪⑸⑺⑷⑶⑹⑹⑹", "⑴⑶⑼****⑶⑹⑹⑹"),
    ],
)
def test_a_number_spelt_in_chinese_or_circled_digits_is_masked_as_it_is_found(written, kept):
    """Outside attack, session 41: the detector read these as numbers, but masking hid only decimal digits, so
    the letter page, Open311 and the 好差评 page printed them whole."""
    masked = mask(f"我的号码是{written}，请回电")
    assert kept in masked and written not in masked


def test_an_id_number_with_a_wrong_check_digit_beside_an_id_label_is_still_found():
    """Issue 20 (outside review): a mistyped ID number is still that person's (条例 Art. 15); without an ID label
    nearby an 18-digit number with a wrong check character is read as some other number."""
    wrong = _ID[:17] + ("0" if _ID[17] != "0" else "1")
    assert [f.kind for f in scan(f"申请人身份证号{wrong}，已核实")] == [Kind.ID_NUMBER]
    assert [f.kind for f in scan(f"公民身份号码 {wrong[:6]} {wrong[6:14]} {wrong[14:]}")] == [Kind.ID_NUMBER]
    assert scan(f"合同编号{wrong}") == []


def test_a_refusal_names_the_first_three_findings_masked_and_says_there_are_more():
    """One wording for every refusal of personal data (issue 20, DOMAIN §8: no page shows the full value again):
    a public field of a department, a service guide's field and a text published as typed."""
    from zhengtong.org.models import Department, personal_data_problems
    from zhengtong.privacy import listed

    id_number = valid_id_number()
    text = f"电话13905740001、13905740002、13905740003，身份证{id_number}"
    assert listed([(f.kind.label, mask(f.text)) for f in scan(text)]) == (
        "手机号码 139****0001、手机号码 139****0002、手机号码 139****0003等"
    )
    problem = personal_data_problems(Department(functions=text), {"functions": "text"})["functions"]
    assert "139****0001、手机号码 139****0002、手机号码 139****0003等" in problem and "13905740001" not in problem


def test_a_number_inside_a_digest_is_not_personal_data():
    """CI, session 41: the exchange log's verification failed now and then. The seal's audit row records the last
    entry's SHA-256 in hex, and audit masking read a run of its digits as a mobile (about one digest in twenty
    holds one), so the recorded hash no longer matched. A digest, a key or a token (32 hex characters or more,
    letters among them) is no one's number; a number glued to a name in a file name still is."""
    digest = "9f2a13805749876c" + "0d4e" * 12
    assert scan(f"last_hash {digest}") == []
    assert mask(digest) == digest
    assert [f.kind for f in scan("zhangsan13805749876.pdf")] == [Kind.MOBILE]


@pytest.mark.parametrize(
    ("text", "kind", "value"),
    [
        # a numeral that ends a word (张三, 王五, 电话一) glued to a number written in digits is the word's, not a digit
        ("楼上邻居张三13805740001家", Kind.MOBILE, "13805740001"),
        ("邻居王五13805740004", Kind.MOBILE, "13805740004"),
        ("身份证号一330206199003071231", Kind.ID_NUMBER, "330206199003071231"),
        ("电话13805740003三楼", Kind.MOBILE, "13805740003"),
        # invisible characters beyond the zero-width ones: every default-ignorable code point, and the blanks
        ("他的手机是138\u206a0574\u206a0001", Kind.MOBILE, "138\u206a0574\u206a0001"),
        ("手机138\u061c0574\U000e00200001", Kind.MOBILE, "138\u061c0574\U000e00200001"),
        ("手机138\u31640574\u17b40001", Kind.MOBILE, "138\u31640574\u17b40001"),
        ("手机138\u28000574\u28000001", Kind.MOBILE, "138\u28000574\u28000001"),
        (
            "工资卡号：6222\u206a0212\u206a3456\u206a7890\u206a128",
            Kind.BANK_CARD,
            "6222\u206a0212\u206a3456\u206a7890\u206a128",
        ),
        # a number broken over lines, or spaced wide, at its own group breaks (a page shows one space there)
        ("手机138\n0574\n0001", Kind.MOBILE, "138\n0574\n0001"),
        ("手机138\r\n0574\r\n0001", Kind.MOBILE, "138\r\n0574\r\n0001"),
        ("手机138\u20280574\u20280001", Kind.MOBILE, "138\u20280574\u20280001"),
        ("联系139    0574    0002", Kind.MOBILE, "139    0574    0002"),
        ("身份证330206\n19900307\n1231", Kind.ID_NUMBER, "330206\n19900307\n1231"),
        ("手机138*0574*0001", Kind.MOBILE, "138*0574*0001"),
        ("手机138（0574）0001", Kind.MOBILE, "138（0574）0001"),
        # digits spelt in Chinese, grouped by punctuation
        ("他老婆电话一三八，零五七四，零零零二", Kind.MOBILE, "一三八，零五七四，零零零二"),
        ("电话一三八.零五七四.零零零二", Kind.MOBILE, "一三八.零五七四.零零零二"),
        # an address spaced out or broken over a line
        ("住址：绿城春江花园9 幢 800 室", Kind.ADDRESS, "绿城春江花园9 幢 800 室"),
        ("住址：绿城春江花园\n9幢800室", Kind.ADDRESS, "绿城春江花园\n9幢800室"),
        ("他家住春江花园9-800", Kind.ADDRESS, "春江花园9-800"),
        # a numeral after a number and a comma opens the next words (a road's name), not the number
        ("联系17738187751，九峰路262号自提", Kind.ADDRESS, "九峰路262号"),
        ("备注：靳梓萱 碧浪湖花园3幢2803室", Kind.ADDRESS, "碧浪湖花园3幢2803室"),
        # a file name's words are parted by _ as by -
        ("王建军_补贴申请表.docx", Kind.NAME, "王建军"),
        ("补贴申请表_王建军.docx", Kind.NAME, "王建军"),
    ],
)
def test_spellings_a_third_outside_attack_published_are_found(text, kind, value):
    """Issue 20 (outside attack, session 44; 条例 Art. 15): each was published unmasked in a letter, its reply or
    a disclosure document, and found by site search."""
    assert (kind, value) in {(f.kind, f.text) for f in scan(text)}


@pytest.mark.parametrize(
    "text",
    [
        "一、二、三、四、五、六、七、八项工作",  # a list numbered in Chinese is no number
        "第1\n2\n3条",
        "2026年\n1月\n5日",
        "序号\n1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11",
        "三号楼\n八百户",
    ],
)
def test_lines_and_lists_the_new_spellings_admit_are_no_finding(text):
    assert scan(text) == []


@pytest.mark.parametrize(
    ("text", "kind", "value"),
    [
        # review (session 44): a numeral glued to digits is a digit when, with it, the number is whole
        ("手机138057400零一", Kind.MOBILE, "138057400零一"),
        ("电话：1380574000幺", Kind.MOBILE, "1380574000幺"),
        ("幺3805740001", Kind.MOBILE, "幺3805740001"),
        ("身份证3302061990030712三一", Kind.ID_NUMBER, "3302061990030712三一"),
        ("证件3306831971080976一X，", Kind.ID_NUMBER, "3306831971080976一X"),
        ("发放账户62290978766099234三，开户行兴业银行", Kind.BANK_CARD, "62290978766099234三"),
        ("公民身份号码320102\u200d19440302737三，", Kind.ID_NUMBER, "320102\u200d19440302737三"),
    ],
)
def test_a_number_whose_first_or_last_digits_are_numerals_is_still_found(text, kind, value):
    assert (kind, value) in {(f.kind, f.text) for f in scan(text)}


@pytest.mark.parametrize(
    "text",
    [
        # review (session 44): numbers on lines or in wide columns are a table's, unless a telephone word says
        "人数\n180\n1200\n3500",
        "150    1200    3500",
        "规格：150*1200*2400mm",
        "项目 2023 2024 2025 2026",
        "建成公租房小区 5 幢 300 多户",
    ],
)
def test_numbers_in_a_table_or_a_measure_are_no_finding(text):
    assert scan(text) == [], [(f.kind, f.text) for f in scan(text)]


@pytest.mark.parametrize(
    "text",
    [
        "150    1200    3500",  # wide columns of a table, no telephone word
        "人数\n1800\n1200\n350",
        "山洞两处，拐角三处",
        "会议于下午3点30分召开，共13点议题",
        "详见 www.example.gov.cn 。",
        "浙江省 2026 年预算",
    ],
)
def test_tables_words_and_times_the_fourth_attacks_spellings_admit_are_no_finding(text):
    assert scan(text) == [], [(f.kind, f.text) for f in scan(text)]


@pytest.mark.parametrize(
    "text",
    [
        # review (session 48): a measure or a table's figures near a telephone word are no mobile
        "床垫规格1800*2000*200mm，联系人：王工",
        "采购钢板1500*2000*300，联系人李先生",
        "柜体尺寸 1600*2000*600 毫米，如有疑问请电话咨询",
        "全年12345热线受理来电\n1358\n2467\n389",
        "来电\n\n1568\n\n1432\n\n136",
        "13 ○ ○ ○ ○ ○ ○ ○ ○ ○",
        "受理渠道\n电话\n1358\n2467\n389",  # a table's row of a channel's counts
    ],
)
def test_measures_and_figures_beside_a_telephone_word_are_no_mobile(text):
    assert Kind.MOBILE not in {f.kind for f in scan(text)}, [(f.kind, f.text) for f in scan(text)]


@pytest.mark.parametrize(
    "text", ["京 bj2026 专项", "宁 nb2026 工程", "苏 ERP2026 系统", "全省新 GDP2025", "执行新 GB50016-2014 标准"]
)
def test_a_code_after_a_provinces_name_is_no_plate(text):
    assert Kind.PLATE not in {f.kind for f in scan(text)}, [(f.kind, f.text) for f in scan(text)]


def test_a_public_address_before_a_full_stop_stays_allowed():
    text = "请将材料发送至zwfw@nb.gov.cn。PDF格式为宜。"
    assert [f.text for f in scan(text)] == ["zwfw@nb.gov.cn"]
    assert scan(text, allow={"zwfw@nb.gov.cn"}) == []


def test_a_number_with_circles_for_zeros_is_masked_circles_and_all():
    """Review (session 48): the circles were read as digits but not masked as digits, so nothing was masked."""
    assert mask("回电一三八○五七四○○○二") == "回电一三八****○○○二"
    assert not scan(mask("回电一三八○五七四○○○二"))
