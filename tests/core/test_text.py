"""Tests for duijie_core.text: normalisation keys and search tokens."""

from hypothesis import given
from hypothesis import strategies as st

from duijie_core.text import normalise, search_tokens, to_simplified, to_traditional


def test_normalise_folds_width_script_case_and_whitespace() -> None:
    assert normalise("  ＡＢＣ　５Ｇ\t\n通信  ") == "abc 5g 通信"
    assert normalise("湖南省投融資需求項目信息冊") == "湖南省投融资需求项目信息册"
    assert normalise("後台 乾燥") == "后台 干燥"
    assert normalise("BYD 比亞迪") == "byd 比亚迪"


def test_normalise_same_key_for_traditional_and_simplified() -> None:
    assert normalise("新能源汽車") == normalise("新能源汽车") == "新能源汽车"


def test_to_simplified_keeps_width_and_case() -> None:
    assert to_simplified("對接 ＡＢＣ") == "对接 ＡＢＣ"


def test_to_traditional_uses_hong_kong_variant() -> None:
    assert to_traditional("湖南省投融资需求项目信息册") == "湖南省投融資需求項目資料冊"
    assert to_traditional("台湾 后台 干燥") == "台灣 後台 乾燥"


def test_search_tokens_for_a_chinese_phrase() -> None:
    words, bigrams_not_yet_seen = ["新能源", "汽车"], ["新能", "能源", "源汽"]
    characters = ["新", "能", "源", "汽", "车"]
    assert search_tokens("新能源汽車") == words + bigrams_not_yet_seen + characters


def test_search_tokens_are_script_independent() -> None:
    assert search_tokens("新能源汽车") == search_tokens("新能源汽車")


def test_two_character_query_is_found_inside_a_longer_word() -> None:
    document = set(search_tokens("動力電池回收利用項目"))
    assert search_tokens("電池") == ["电池", "电", "池"]
    assert set(search_tokens("电池")) <= document


def test_one_character_query_gives_the_character() -> None:
    assert search_tokens("湘") == ["湘"]
    assert "湘" in search_tokens("湘商回歸")


def test_search_tokens_mixes_latin_words_and_han() -> None:
    assert search_tokens("比亞迪BYD 5G-電池, e-commerce") == [
        *("比亚迪", "比亚", "亚迪", "比", "亚", "迪"),
        *("byd", "5g"),
        *("电池", "电", "池"),
        *("e", "commerce"),
    ]


def test_search_tokens_of_blank_text_is_empty() -> None:
    assert search_tokens("  ，。!") == []


@given(st.text(max_size=40))
def test_normalise_is_idempotent(text: str) -> None:
    assert normalise(normalise(text)) == normalise(text)


@given(st.text(max_size=40))
def test_search_tokens_are_unique_non_empty_keys(text: str) -> None:
    tokens = search_tokens(text)
    assert len(tokens) == len(set(tokens))
    assert all(token and " " not in token for token in tokens)
