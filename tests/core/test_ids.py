"""GB 11643 (公民身份号码), GB 32100 (统一社会信用代码), GB 11714 (组织机构代码): DOMAIN.md §7."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from zhengtong.core import ids

digits = st.text(alphabet="0123456789", min_size=1, max_size=1)


@st.composite
def id_numbers(draw):
    region = draw(st.sampled_from(sorted(ids.PROVINCE_CODES))) + draw(st.from_regex(r"[0-9]{4}", fullmatch=True))
    birth = draw(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2024, 12, 31)))
    seq = draw(st.integers(0, 999))
    first17 = f"{region}{birth:%Y%m%d}{seq:03d}"
    return first17 + ids.id_number_check_char(first17)


@st.composite
def usccs(draw):
    first = draw(st.sampled_from(sorted(ids.USCC_AUTHORITIES)))
    body = draw(st.text(alphabet=ids.USCC_CHARS, min_size=16, max_size=16))
    return first + body + ids.uscc_check_char(first + body)


@st.composite
def org_codes(draw):
    body = draw(st.text(alphabet="0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=8, max_size=8))
    return body + ids.org_code_check_char(body)


# --- 公民身份号码 -----------------------------------------------------------------------------------------------


def test_it_accepts_the_standards_worked_example():
    # GB 11643-1999 附录 example: 11010519491231002X
    info = ids.parse_id_number("11010519491231002x")
    assert info.value == "11010519491231002X"
    assert info.birth_date == dt.date(1949, 12, 31)
    assert info.male is False


@given(id_numbers())
def test_every_generated_valid_id_number_passes(value):
    assert ids.parse_id_number(value).value == value


@given(id_numbers(), st.integers(0, 17), st.sampled_from("0123456789X"))
def test_every_single_character_change_of_an_id_number_fails(value, position, replacement):
    # ISO 7064 MOD 11-2 detects every single substitution: weights are non-zero and 11 is prime.
    if value[position] == replacement or (position < 17 and replacement == "X"):
        return
    changed = value[:position] + replacement + value[position + 1 :]
    with pytest.raises(ids.IdentifierError):
        ids.parse_id_number(changed)


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("1101051949123100", "ID_FORMAT"),
        ("11010519491231002Y", "ID_FORMAT"),
        ("110105194902300028", "ID_BIRTH_DATE"),  # 30 February
        ("110105189912310021", "ID_BIRTH_DATE"),  # before 1900
        ("110105194912310021", "ID_CHECKSUM"),
    ],
)
def test_it_refuses_bad_id_numbers_with_a_stable_code(value, code):
    with pytest.raises(ids.IdentifierError) as info:
        ids.parse_id_number(value)
    assert info.value.code == code
    assert "公民身份号码" in str(info.value.message)


def test_a_birth_date_in_the_future_is_refused():
    first17 = "33020630000101001"
    with pytest.raises(ids.IdentifierError) as info:
        ids.parse_id_number(first17 + ids.id_number_check_char(first17), today=dt.date(2026, 11, 23))
    assert info.value.code == "ID_BIRTH_DATE"


def test_an_unknown_region_is_a_warning_not_a_rejection():
    # DOMAIN §7: unknown region code: warn, not reject.
    first17 = "99010519491231002"
    info = ids.parse_id_number(first17 + ids.id_number_check_char(first17))
    assert info.region_known is False


# --- 统一社会信用代码 -------------------------------------------------------------------------------------------


def test_it_accepts_a_published_uscc():
    assert ids.parse_uscc("91350100M000100Y43") == "91350100M000100Y43"


@given(usccs())
def test_every_generated_valid_uscc_passes(value):
    assert ids.parse_uscc(value) == value


@pytest.mark.parametrize("first", ["A", "N", "Y"])
def test_registration_authorities_a_n_y_are_accepted(first):
    # python-stdnum refuses these; GB 32100 allows them (DOMAIN §7).
    body = first + "1330206MA2CX1234"
    assert ids.parse_uscc(body + ids.uscc_check_char(body))


@given(usccs(), st.integers(0, 17), st.sampled_from(ids.USCC_CHARS))
def test_every_single_character_change_of_a_uscc_fails(value, position, replacement):
    # Mod 31 with weights 3^i mod 31, all coprime to 31: every single substitution changes the check.
    if value[position] == replacement:
        return
    changed = value[:position] + replacement + value[position + 1 :]
    with pytest.raises(ids.IdentifierError):
        ids.parse_uscc(changed)


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("91350100M000100Y4", "USCC_FORMAT"),
        ("91350100M000100YI3", "USCC_FORMAT"),
        ("B1350100M000100Y43", "USCC_AUTHORITY"),
        ("91350100M000100Y44", "USCC_CHECKSUM"),
    ],
)
def test_it_refuses_bad_usccs_with_a_stable_code(value, code):
    with pytest.raises(ids.IdentifierError) as info:
        ids.parse_uscc(value)
    assert info.value.code == code


# --- 组织机构代码 -----------------------------------------------------------------------------------------------


def test_it_accepts_the_org_code_inside_a_published_uscc():
    # positions 9-17 of a USCC are the 组织机构代码
    assert ids.parse_org_code("M000100Y-4") == "M000100Y4"


@given(org_codes())
def test_every_generated_valid_org_code_passes(value):
    assert ids.parse_org_code(value) == value


@given(org_codes(), st.integers(0, 7), digits)
def test_a_single_digit_change_in_the_body_is_caught(value, position, replacement):
    """What mod 11 does promise: changing one character to another whose value differs by less than 11
    is caught (weights are coprime to 11). Letters are worth 10-35, so a letter swap can go unnoticed."""
    original = value[position]
    if original == replacement or not original.isdigit():
        return
    changed = value[:position] + replacement + value[position + 1 :]
    with pytest.raises(ids.IdentifierError):
        ids.parse_org_code(changed)


def test_check_value_ten_is_x_and_eleven_is_zero():
    values = {ids.org_code_check_char(f"{n:08d}") for n in range(2000)}
    assert "X" in values and "0" in values


@pytest.mark.parametrize("digit", ["꧶", "٣", "３"])
def test_digits_of_other_scripts_are_refused(digit):
    """Python's \\d and int() accept Javanese, Arabic-Indic and full-width digits; an ID number may not."""
    first17 = "110" + digit + "0519491231002"
    with pytest.raises(ids.IdentifierError) as info:
        ids.parse_id_number(first17 + "X")
    assert info.value.code == "ID_FORMAT"


def test_mobile_numbers_must_be_ascii_digits():
    from django.core.exceptions import ValidationError

    from zhengtong.core.validators import validate_mobile

    validate_mobile("13805740001")
    with pytest.raises(ValidationError):
        validate_mobile("1380574000３")
