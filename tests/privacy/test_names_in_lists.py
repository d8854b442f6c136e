"""Names in lists, after a count of people, after words that appoint or certify, and parts of names the word lists
lacked (privacy/names.py; 政府信息公开条例 Art. 15: a person's name is withheld from what is published). Taught by
the fifth author's corpus (tune4.jsonl) in session 58, and mended after that session's review."""

from __future__ import annotations

import pytest

from .test_names import _names


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("退役士兵安置名单：罗浩、任杰、许晨光、付强。", ["罗浩", "任杰", "许晨光", "付强"]),
        ("参加人员：张伟、方正、刘晓燕。", ["张伟", "方正", "刘晓燕"]),
    ],
)
def test_a_word_listed_among_names_is_a_name(text, names):
    """付强 and 方正 are words of the dictionary, but a list whose other members are plainly people's names lists
    people (政府信息公开条例 Art. 15: a person's name is withheld from what is published)."""
    assert _names(text) == names


@pytest.mark.parametrize("text", ["长江、黄河、珠江流域的水质监测", "宁波、金华、丽水三市联合执法"])
def test_a_list_of_words_with_no_plain_name_in_it_is_no_list_of_people(text):
    assert _names(text) == []


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("阿依古丽、热依拉·吐尔逊、古丽娜尔三位同学获得助学金。", ["阿依古丽", "热依拉·吐尔逊", "古丽娜尔"]),
        ("王建军、李秀兰两人到场。", ["王建军", "李秀兰"]),
    ],
)
def test_a_list_of_names_closed_by_a_count_of_people_is_read(text, names):
    """三位同学, 两人: a count of people after a list closes its last name as a word that follows a name does."""
    assert _names(text) == names


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("我丈夫艾尔肯·买买提在工地受伤后，老板一直不肯赔偿。", "艾尔肯·买买提"),
        ("二等奖 洛桑多吉、达瓦次仁", "达瓦次仁"),
        ("物业经理步建强及业主代表参加。", "步建强"),
        ("驾校教练王小明态度恶劣。", "王小明"),
    ],
)
def test_names_of_the_fifth_authors_corpus_are_found(text, name):
    """Misses in tune4.jsonl (session 58): parts of minority names the list lacked (艾尔肯, 达瓦), the surname 步,
    and a driving instructor (教练) named as staff are."""
    assert name in _names(text)


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("经村两委研究，拟聘黄金水、白天明为本村护林员。", ["黄金水", "白天明"]),
        ("兹证明符家豪系我单位在职职工。", ["符家豪"]),
        ("执法人员章海、方圆向当事人出示了执法证件。", ["章海", "方圆"]),
        ("罗守仁表示：“希望尽快给个说法。”", ["罗守仁"]),
    ],
)
def test_names_after_an_appointment_a_certificate_or_a_named_colleague_are_found(text, names):
    """聘 and 证明 name whom they appoint or certify; a colleague listed after a named one is a person too (tune4,
    session 58)."""
    assert _names(text) == names


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("拟表彰的优秀志愿者：高峰、李娜、方正、王长江、陈大山。", ["王长江", "陈大山"]),
        ("获奖学生：高峰、李娜、高明、阿依古丽、巴特尔。", ["阿依古丽", "巴特尔"]),
    ],
)
def test_a_list_with_too_few_plain_names_still_gives_its_plain_ones_at_its_end(text, names):
    """The review of session 58: a list whose words outnumber its plain names was taken whole or not at all, and
    the plain names at its end, found before on their own, were published. They are taken as before."""
    assert [n for n in names if n not in _names(text)] == []


@pytest.mark.parametrize(
    "text",
    ["北仑区下辖新碶、大碶、霞浦、柴桥、春晓、梅山、戚家山、小港。", "范围：金山、白峰、春晓。"],
)
def test_a_list_that_goes_on_past_its_names_is_no_list_of_people(text):
    """The review of session 58: a run of names followed by 、 and a word that is no name (…梅山、戚家山、小港) is a
    longer list of something else, not a list of people that ends there."""
    assert not {"梅山", "戚家山", "金山"} & set(_names(text))


def test_a_count_after_a_name_does_not_lengthen_it():
    """The review of session 58: with 三人 closing a name, 儿子傅勇共三人 read the name 傅勇共."""
    assert "傅勇" in _names("户主徐信忠、妻子汤诗涵、儿子傅勇共三人，均为本村村民。")
    assert "傅勇共" not in _names("户主徐信忠、妻子汤诗涵、儿子傅勇共三人，均为本村村民。")
