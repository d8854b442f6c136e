"""The privacy guard (DOMAIN §7; 个人信息保护法 Art. 28, 政府信息公开条例 Art. 15): recall on checksum-valid ID
numbers and mobile numbers must be at least 99% on the labelled corpus; precision is reported."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zhengtong.privacy import Kind, mask, scan
from zhengtong.privacy.evaluate import Sample, score

from ..factories import valid_id_number
from . import corpus as c

_ID = valid_id_number()


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


@pytest.mark.parametrize(
    "text, card",
    [
        ("退款已转入银行卡6222021234567890123。", "6222021234567890123"),
        ("退款已到卡6217 0000 1234 5678", "6217 0000 1234 5678"),
        ("卡号：6228480402564890011，户名王某", "6228480402564890011"),
        ("请打到我的建行账号6217000010012345678上", "6217000010012345678"),
    ],
)
def test_a_number_a_card_word_names_is_a_card_whatever_its_check_digit(text, card):
    """条例 Art. 15, issue 20: a 16-19 digit number right after 银行卡, 卡号 or 账号 is a card number to the reader,
    Luhn or not: some banks' older debit cards do not follow Luhn, and a card mistyped by one digit still names its
    holder's account. A 好差评 rectification published 退款已转入银行卡6222021234567890123 in clear (an outside try)."""
    assert not __import__("zhengtong.privacy.detect", fromlist=["luhn"]).luhn(card.replace(" ", ""))
    assert [(f.kind, f.text) for f in scan(text)] == [(Kind.BANK_CARD, card)]


@pytest.mark.parametrize("text", ["订单号6222021234567890123已发货", "统一社会信用代码之外的编号20261202000100020003"])
def test_a_long_number_no_card_word_names_stays_unflagged_unless_it_checks(text):
    assert [f for f in scan(text) if f.kind == Kind.BANK_CARD] == []


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


def test_a_mobile_in_the_cell_after_an_id_number_is_found():
    """A table's row copied out with tabs (姓名⇥身份证⇥手机⇥住址): the ID number's last group, a tab and the mobile's
    first digits read as one 11-digit number, which the ID number then covered, and the mobile under it was lost
    (a third author's held-out corpus, holdout2.jsonl)."""
    id_number = "331122 19820924 1372"  # its last group opens as a mobile does (13…)
    text = f"独孤怡\t{id_number}\t190 5439 2257\t丽景新城12-1-1904"
    kinds = {(f.kind, f.text) for f in scan(text)}
    assert (Kind.MOBILE, "190 5439 2257") in kinds and (Kind.ID_NUMBER, id_number) in kinds


def test_a_card_after_a_letter_spaced_banking_word_is_found():
    """A form printed with spaces between characters (开 户 行 账 号): its banking words are words still."""
    card = "6228482340077129144"
    assert [(f.kind, f.text) for f in scan(f"收 款 人 开 户 行 账 号  {card}")] == [(Kind.BANK_CARD, card)]


def test_a_name_glued_to_an_id_number_after_a_role_is_found_with_it():
    """The ID number's digits are blanked for the other number patterns only: the name reader saw the blank where
    a digit had closed the name (fresh-eyes review, session 49)."""
    kinds = [f.kind for f in scan(f"被告人王小明{_ID}")]
    assert kinds == [Kind.NAME, Kind.ID_NUMBER]


@pytest.mark.parametrize(
    ("text", "address"),
    [("去了长江路1133号，也没人管。", "长江路1133号"), ("又去了明州路188号3幢201室", "明州路188号3幢201室")],
)
def test_an_address_begins_after_the_verb_that_goes_there(text, address):
    """去了, 又: the verb before a road is no part of its name (the address as an office prints it is then allowed
    whole: issue 20 item 3)."""
    assert [f.text for f in scan(text)] == [address]


@pytest.mark.parametrize("joined", ["和", "或", "以及"])
def test_two_addresses_joined_by_and_are_two(joined):
    text = f"去了长江路1133号{joined}长江路1166号也没人管"
    assert [f.text for f in scan(text)] == ["长江路1133号", "长江路1166号"]


def test_a_plate_before_a_count_written_with_a_multiplication_sign_is_found():
    assert [(f.kind, f.text) for f in scan("浙A12345×3辆")] == [(Kind.PLATE, "浙A12345")]


@pytest.mark.parametrize(
    ("text", "number"),
    [("0574-86881234一直没人接", "0574-86881234"), ("我打了0574-86995678三次", "0574-86995678")],
)
def test_a_landline_before_a_word_that_opens_with_a_numeral_is_found(text, number):
    """一直, 三次: a numeral that opens the next word is read as a digit only where it makes a whole number."""
    assert [(f.kind, f.text) for f in scan(text)] == [(Kind.LANDLINE, number)]


def test_an_estate_whose_name_holds_a_conjunction_after_its_road_address_is_one_address():
    """惠风和园: 和 inside the estate's name joins it to the road address before it, as before 或 and 以及 were read
    as joining words (a review found the first mend parting this address)."""
    text = "自述家住新大路725号惠风和园14幢2502室，救助站已联系其家属。"
    assert [f.text for f in scan(text)] == ["新大路725号惠风和园14幢2502室"]


def _id_ending_in_x() -> str:
    from zhengtong.core.ids import id_number_check_char

    for n in range(1000):
        head = f"33020619850312{n:03d}"
        if id_number_check_char(head) == "X":
            return head + "X"
    raise AssertionError("no ID number ending in X among a thousand")


@pytest.mark.parametrize("spelling", ["{head}×", "{head} ×", "{a} {b} {c}×"])
def test_an_id_number_whose_check_character_is_written_as_a_times_sign_is_found_and_masked(spelling):
    """Issue 20, left in decision 0016: an ID number ending in X is often typed with the multiplication sign ×
    (an input method's X), and was published whole. The sign counts as X only as an ID number's check
    character: a plate before a count (浙A12345×3辆) stays a plate (the test above)."""
    number = _id_ending_in_x()
    head = number[:17]
    text = "申请人身份证号" + spelling.format(head=head, a=head[:6], b=head[6:14], c=head[14:]) + "，已核实"
    assert [f.kind for f in scan(text)] == [Kind.ID_NUMBER]
    masked = mask(text)
    assert head[6:14] not in "".join(ch for ch in masked if ch.isdigit()) and masked.endswith("×，已核实")
    # seventeen digits and a count after the sign are no ID number, whatever their check character would be
    assert [f.kind for f in scan(f"型号{head}×2台")] == []


def test_numbers_only_finds_every_number_a_whole_scan_finds():
    """A caller that wants numbers alone (a name field, a text's identifiers) leaves the readers of names and
    addresses out, and misses no number for it: numbers are chosen before names and addresses."""
    from zhengtong.privacy.evaluate import load

    for sample in load(Path(__file__).parent / "data" / "labelled.jsonl")[:400]:
        whole = [f for f in scan(sample.text) if f.kind not in (Kind.NAME, Kind.ADDRESS)]
        assert scan(sample.text, numbers_only=True) == whole, sample.text
