"""Tests for duijie_core.identifiers (credit codes, HK registry numbers, stock codes)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from duijie_core.identifiers import (
    CREDIT_CODE_ALPHABET,
    IdentifierError,
    StockCode,
    credit_code_check_char,
    credit_code_problems,
    describe,
    hk_br_no_problems,
    hk_cr_no_problems,
    is_valid_credit_code,
    normalise_credit_code,
    normalise_hk_br_no,
    normalise_hk_cr_no,
    parse_stock_code,
    problem,
    stock_code_problems,
)
from duijie_core.problems import Problem

# Real public codes, verified by computing their check characters (BYD, China Merchants Bank).
BYD = "91440300192317458F"
CMB = "9144030010001686XA"


def test_weights_are_powers_of_three_mod_31():
    from duijie_core.identifiers import CREDIT_CODE_WEIGHTS

    assert CREDIT_CODE_WEIGHTS == (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def test_real_codes_are_valid():
    assert credit_code_check_char(BYD[:17]) == "F"
    assert credit_code_check_char(CMB[:17]) == "A"
    assert is_valid_credit_code(BYD)
    assert is_valid_credit_code(CMB)


def test_made_up_body_gets_computed_check_char():
    # 9*1 + 1*3 + 4*9 + 3*27 + 0*19 + 1*26 + 0*16 + 0*17 + 1*20 + 2*29 + 3*25 + 4*13 + 5*8
    #   + 6*24 + 7*10 + 8*30 + 9*28 = 1106; 1106 mod 31 = 21; 31 - 21 = 10 → "A"
    assert credit_code_check_char("91430100123456789") == "A"
    assert is_valid_credit_code("91430100123456789A")


def test_normalise_accepts_spaces_lower_case_and_full_width():
    assert normalise_credit_code(" 9144 0300 1923 1745 8f ") == BYD
    assert normalise_credit_code("９１４４０３００１９２３１７４５８Ｆ") == BYD


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("9144030019231745", problem("credit_code.length", length=16, expected=18)),
        ("91440300192317458I", problem("credit_code.character", position=18, character="I")),
        ("91A40300192317458F", problem("credit_code.division", division="A40300")),
        (BYD[:17] + "G", problem("credit_code.check_char", found="G", expected="F")),
    ],
)
def test_credit_code_problems(text, expected):
    assert credit_code_problems(text) == (expected,)


def test_error_carries_code_and_params():
    with pytest.raises(IdentifierError) as caught:
        normalise_credit_code(BYD[:17] + "G")
    assert caught.value.code == "credit_code.check_char"
    assert caught.value.params == {"expected": "F", "found": "G"}
    assert str(caught.value) == "wrong check character in credit code: expected 'F', found 'G'"


def test_messages_in_three_languages():
    found = problem("credit_code.check_char", found="G", expected="F")
    assert describe(found) == "統一社會信用代碼校驗碼錯誤：應為「F」，現為「G」"
    assert describe(found, "zh-Hans") == "统一社会信用代码校验码错误：应为“F”，现为“G”"
    assert describe(found, "fr") == describe(found, "zh-Hant")
    assert describe(Problem("unknown.code")) == "unknown.code"
    assert found.param("expected") == "F"
    assert found.param("missing") == ""


@st.composite
def valid_codes(draw):
    head = draw(st.text(alphabet=CREDIT_CODE_ALPHABET, min_size=2, max_size=2))
    division = draw(st.text(alphabet="0123456789", min_size=6, max_size=6))
    rest = draw(st.text(alphabet=CREDIT_CODE_ALPHABET, min_size=9, max_size=9))
    body = head + division + rest
    return body + credit_code_check_char(body)


@given(st.text(max_size=30))
def test_random_text_never_crashes(text):
    assert isinstance(credit_code_problems(text), tuple)
    assert isinstance(hk_cr_no_problems(text), tuple)
    assert isinstance(hk_br_no_problems(text), tuple)
    assert isinstance(stock_code_problems(text), tuple)


@given(valid_codes())
def test_generated_codes_are_valid(code):
    assert credit_code_problems(code) == ()


@given(valid_codes(), st.integers(0, 17), st.sampled_from(CREDIT_CODE_ALPHABET))
def test_single_character_corruption_fails(code, position, char):
    corrupted = code[:position] + char + code[position + 1 :]
    if corrupted != code:
        assert not is_valid_credit_code(corrupted)


def test_hk_company_registration_number():
    assert normalise_hk_cr_no("1234567") == "1234567"
    assert normalise_hk_cr_no("12345") == "0012345"
    assert normalise_hk_cr_no("CR No. 0012345") == "0012345"
    assert normalise_hk_cr_no("f12345") == "F0012345"
    assert normalise_hk_cr_no("12345678") == "12345678"
    assert hk_cr_no_problems("123456789") == (problem("hk_cr_no.format", value="123456789"),)
    assert hk_cr_no_problems("12A45") == (problem("hk_cr_no.format", value="12A45"),)


def test_hk_business_registration_number():
    assert normalise_hk_br_no("12345678") == "12345678"
    assert normalise_hk_br_no("12345678-000-08-20-5") == "12345678"
    assert hk_br_no_problems("1234567") == (problem("hk_br_no.format", value="1234567"),)
    with pytest.raises(IdentifierError):
        normalise_hk_br_no("abc")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("600519.SH", StockCode("600519", "SH")),
        ("sh600519", StockCode("600519", "SH")),
        ("600519.SS", StockCode("600519", "SH")),
        ("600519", StockCode("600519", "SH")),
        ("002594.SZ", StockCode("002594", "SZ")),
        ("300750", StockCode("300750", "SZ")),
        ("830799.BJ", StockCode("830799", "BJ")),
        ("688981", StockCode("688981", "SH")),
        ("0700.HK", StockCode("00700", "HK")),
        ("HK 1211", StockCode("01211", "HK")),
        ("00388.hk", StockCode("00388", "HK")),
    ],
)
def test_parse_stock_code(text, expected):
    assert parse_stock_code(text) == expected


def test_stock_code_strings_and_problems():
    assert str(parse_stock_code("0700.HK")) == "00700.HK"
    assert stock_code_problems("600519.SZ") == (
        problem("stock_code.exchange", code="600519", exchange="SZ"),
    )
    assert stock_code_problems("123456") == (
        problem("stock_code.exchange", code="123456", exchange="?"),
    )
    assert stock_code_problems("60051") == (problem("stock_code.format", value="60051"),)
    assert stock_code_problems("123456.HK") == (problem("stock_code.format", value="123456.HK"),)
    assert stock_code_problems("BYD") == (problem("stock_code.format", value="BYD"),)
    with pytest.raises(IdentifierError):
        parse_stock_code("")
