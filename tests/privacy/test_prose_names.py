"""Names in running prose that no label, role or list announces (issue 20 item 3; DOMAIN §5: a published letter's
process and result with personal data masked; 个人信息保护法 Art. 28). The rules read a name where something
around it says a person stands there; a letter's writer names his neighbour in the middle of a sentence
(楼下刘德海每晚…), and a name the segmenter's dictionary holds (刘德海, 王建国) reads as a public one. A trained
reader of Chinese (privacy/prose.py) reads the clauses where a surname stands unexplained, when a publication asks
for it (`scan(read_prose=True)`: a letter's public copy, made once at publication)."""

from __future__ import annotations

import pytest

from zhengtong.privacy import Kind, scan

NAMED_IN_PROSE = [
    ("其母阿依古丽长期患病，无力支付医药费。", "阿依古丽"),
    ("楼下刘德海每晚十一点后还在打麻将，吵得孩子睡不着。", "刘德海"),
    ("这件事王建国最清楚，上次就是他带人来量的地。", "王建国"),
]


@pytest.mark.parametrize(("text", "name"), NAMED_IN_PROSE)
def test_a_name_in_prose_is_found_when_the_publication_reads_prose(text, name):
    assert name not in [f.text for f in scan(text)], "the rules alone miss it: the case this reader is for"
    assert (Kind.NAME, name) in [(f.kind, f.text) for f in scan(text, read_prose=True)]


PUBLIC_WORDS = [
    "李渔路拓宽工程已列入2026年度城建计划。",  # a road named after a person
    "月保障金人民币叁仟伍佰元整。",  # an amount in capital numerals
    "根据甬政发〔2026〕111号文件执行，特此通知。",  # a document number's issuer
    "请登录《王建国诉某区人民政府案评析》专栏查看。",  # inside a title's brackets
    "宁波毕博诚科技有限公司已完成整改。",  # a firm's trade name
    "申请人陈某的相关信息已按规定作脱敏处理。",  # already masked
    "在网上买的电器出现质量问题，商家在郭巨街道，请问应当向哪个部门投诉？",  # a street (街道) of 北仑: the demo's
    "我是白峰镇某村村民，想翻建老房子。",
    # a surname with a title or a form of address: how one speaks of a person without naming him (the corpora's
    # convention: a title is never part of a name)
    "修水管的孙师傅说零件要下周才到。",
    "蒋阿姨说楼道的灯又坏了，物业一直没人来换。",
    "材料请交给窗口，周主任这周在外地出差。",
]


@pytest.mark.parametrize("text", PUBLIC_WORDS)
def test_words_that_read_as_names_but_name_no_one_stay_unmasked(text):
    assert [f.text for f in scan(text, read_prose=True) if f.kind == Kind.NAME] == []


def test_a_public_string_allowed_by_the_site_is_left_to_it():
    text = "联系人：信息中心，地址：李渔路1号，楼下刘德海每晚喧哗。"
    found = scan(text, allow=frozenset({"李渔路1号"}), read_prose=True)
    assert [f.text for f in found] == ["刘德海"]


def test_the_prose_reader_adds_to_the_rules_and_overlaps_none_of_their_findings():
    text = "我叫张三，手机13805740001，楼下刘德海每晚喧哗。"
    found = scan(text, read_prose=True)
    assert [(f.kind, f.text) for f in found] == [
        (Kind.NAME, "张三"),
        (Kind.MOBILE, "13805740001"),
        (Kind.NAME, "刘德海"),
    ]
    assert all(a.end <= b.start for a, b in zip(found, found[1:]))


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("请找王建国", "王建国"),  # a title: no stop at its end
        ("楼下刘德海\n每晚打麻将到凌晨。", "刘德海"),  # the model reads the line break as part of the name
        ("楼下刘德海😀每晚打麻将到凌晨。", "刘德海"),
        ("楼下刘\u200b德海每晚打麻将到凌晨。", "刘\u200b德海"),  # an invisible character inside it
    ],
)
def test_a_name_is_read_whatever_stands_next_to_it_or_inside_it(text, name):
    assert name in [f.text for f in scan(text, read_prose=True) if f.kind == Kind.NAME]


@pytest.mark.parametrize(("text", "masked"), [("楼上的朱建军家漏水到我家。", "楼上的朱**家漏水到我家。")])
def test_a_name_the_model_cuts_short_is_masked_to_its_end(text, masked):
    """The model read 朱建|军家: masked as read, 军 was published (朱*军家)."""
    from zhengtong.privacy import mask

    assert mask(text, findings=scan(text, read_prose=True)) == masked


def test_the_model_is_built_once_when_many_threads_ask_at_once(monkeypatch):
    from concurrent.futures import ThreadPoolExecutor

    from zhengtong.privacy import prose

    built = []
    monkeypatch.setattr(prose, "_model", None)
    monkeypatch.setattr(prose, "_build", lambda: built.append(1) or object())
    with ThreadPoolExecutor(8) as pool:
        readers = list(pool.map(lambda _n: prose._reader(), range(8)))
    assert len(built) == 1 and all(r is readers[0] for r in readers)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("棋牌室的林海每天都来，吵到半夜。", "林海"),  # a name and a word of the dictionary alike
        ("这事要问楼下的李娜，她天天在那里。", "李娜"),
        ("烤肉摊的艾克拜尔·吐尔逊缺斤短两。", "艾克拜尔·吐尔逊"),  # a dotted name of parts the rules do not hold
    ],
)
def test_names_the_rules_take_for_words_or_cannot_spell_are_read_in_prose(text, name):
    assert name in [f.text for f in scan(text, read_prose=True) if f.kind == Kind.NAME]


def test_a_name_read_once_with_the_next_character_is_masked_alone_elsewhere():
    """The model read 林海确 in 住户林海确在家中 and 林海 after it: both masked, no 林海 left in any part."""
    from zhengtong.privacy import mask_together

    parts = mask_together(["棋牌室噪音扰民", "住户林海确在家中，林海承诺不再扰民。"], read_prose=True)
    assert "林海" not in "".join(parts)
