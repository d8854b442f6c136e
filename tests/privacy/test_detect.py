"""The privacy guard (DOMAIN §7; 个人信息保护法 Art. 28, 政府信息公开条例 Art. 15): recall on checksum-valid ID
numbers and mobile numbers must be at least 99% on the labelled corpus; precision is reported."""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zhengtong.privacy import Kind, mask, scan

from ..factories import valid_id_number
from . import corpus as c

_ID = valid_id_number()


@pytest.fixture(scope="module")
def measured():
    true_pos, false_neg, false_pos = Counter(), Counter(), Counter()
    for sample in c.corpus():
        found = {(f.kind, f.text) for f in scan(sample.text)}
        for hit in found:
            (true_pos if hit in sample.truth else false_pos)[hit[0]] += 1
        for missed in sample.truth - found:
            false_neg[missed[0]] += 1
    return true_pos, false_neg, false_pos


def test_recall_on_id_numbers_and_mobiles_is_at_least_99_percent(measured):
    true_pos, false_neg, false_pos = measured
    print("\nprivacy corpus (3,000 samples): kind, recall, precision")
    for kind in Kind:
        tp, fn, fp = true_pos[kind], false_neg[kind], false_pos[kind]
        if tp + fn + fp:
            print(
                f"  {kind.value:10} recall {tp / max(tp + fn, 1):.4f} ({tp}/{tp + fn})  "
                f"precision {tp / max(tp + fp, 1):.4f} ({fp} false)"
            )
    for kind in (Kind.ID_NUMBER, Kind.MOBILE):
        assert true_pos[kind] >= 500 and true_pos[kind] / (true_pos[kind] + false_neg[kind]) >= 0.99, kind


def test_nothing_in_the_negatives_is_an_id_number_or_a_mobile(measured):
    _tp, _fn, false_pos = measured
    assert false_pos[Kind.ID_NUMBER] == 0 and false_pos[Kind.MOBILE] == 0 and false_pos[Kind.BANK_CARD] == 0


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("联系电话：13805740001", "联系电话：138****0001"),
        ("电话 138-0574-0001", "电话 138-****-0001"),
        (f"身份证号{_ID}", f"身份证号330206********{_ID[-4:]}"),
        ("联系人：王小明，", "联系人：王**，"),
        ("住宅电话0574-86781234", "住宅电话0574-****1234"),
        ("邮箱 zhangsan@163.com", "邮箱 z*******@163.com"),
        ("住明州路188号3幢201室", "住明州路**********"),
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
