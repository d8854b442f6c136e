from zhengtong.core import masking


def test_mobile_is_masked_in_the_official_style():
    assert masking.mask_mobile("13812341234") == "138****1234"


def test_id_number_hides_the_birth_date():
    assert masking.mask_id_number("11010519491231002X") == "110105********002X"


def test_names_keep_the_surname():
    assert masking.mask_name("张三") == "张*"
    assert masking.mask_name("欧阳娜娜") == "欧***"


def test_email_and_bank_card():
    assert masking.mask_email("zhangsan@example.cn") == "z*******@example.cn"
    assert masking.mask_bank_card("6222021234567890123") == "6222***********0123"


def test_short_values_are_fully_masked():
    assert masking.mask_mobile("123") == "***"
