"""Repair of PDF-extracted Chinese text: fake bold, hard wraps, captions, widths; edits map back."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from duijie_core.intel.repair import (
    CAPTION,
    DOUBLED,
    JOIN,
    SPACE,
    WIDTH,
    Repair,
    repair,
    repaired_text,
)


def assert_edits_explain(result: Repair) -> None:
    """Every edit quotes the original and the repair exactly; replaying them rebuilds the text."""
    rebuilt, at = [], 0
    for edit in result.edits:
        assert result.original[edit.start : edit.end] == edit.before
        assert result.text[edit.repaired_start : edit.repaired_end] == edit.after
        rebuilt.append(result.original[at : edit.start])
        rebuilt.append(edit.after)
        at = edit.end
    rebuilt.append(result.original[at:])
    assert "".join(rebuilt) == result.text


def test_doubled_pieces_from_the_trade_week_page() -> None:
    result = repair("55月月1515日日，，20252025年，湖南在香港舉辦經貿合作周。")
    assert result.text == "5月15日，2025年，湖南在香港舉辦經貿合作周。"
    assert result.counts() == {DOUBLED: 6}
    assert [e.before for e in result.edits] == ["5", "月", "15", "日", "，", "2025"]
    assert_edits_explain(result)


def test_whole_run_written_twice() -> None:
    run = "湖南—香港投融資對接洽談會上"
    result = repair(f"{run}{run}，共簽約項目80個。")
    assert result.text == f"{run}，共簽約項目80個。"
    assert [(e.kind, e.before) for e in result.edits] == [(DOUBLED, run)]
    assert_edits_explain(result)


def test_whole_run_twice_across_a_line_break() -> None:
    result = repair("湖南—香港投融資對接洽\n談會上湖南—香港投融資對接洽談會上，共簽約。")
    assert result.text == "湖南—香港投融資對接洽談會上，共簽約。"
    assert {e.kind for e in result.edits} == {JOIN, DOUBLED}
    assert_edits_explain(result)


def test_doubled_pieces_across_a_line_break() -> None:
    assert repaired_text("55月月\n1515日日，，經貿合作周開幕。") == "5月15日，經貿合作周開幕。"


@pytest.mark.parametrize(
    "legitimate",
    [
        "人才濟濟，一條條街道，謝謝大家。",
        "今年55歲的他高高興興地研究研究。",
        "在2020年年底前完成。",
        "電話88888888，投資1000010000元。",
        "明明白白，乾乾淨淨。",
    ],
)
def test_legitimate_repeats_are_kept(legitimate: str) -> None:
    result = repair(legitimate)
    assert result.text == legitimate
    assert result.edits == ()


def test_hard_wraps_are_joined_and_paragraphs_kept() -> None:
    text = (
        "湖南省與香港簽約的項目共有八十個，\n"
        "總投資額超過一千億元，涵蓋先進製造\n"
        "業、現代服務業和農業等多個領域。\n"
        "　　另一段文字從這裡開始，講述了會議\n"
        "的盛況和與會嘉賓的發言內容，以及未\n"
        "\n"
        "來的合作方向和具體的落地安排等事項。\n"
        "\n"
        "小標題\n"
        "正文又開始了，這一段並不是很長。"
    )
    result = repair(text)
    assert result.text == (
        "湖南省與香港簽約的項目共有八十個，總投資額超過一千億元，涵蓋先進製造業、"
        "現代服務業和農業等多個領域。\n"
        "　　另一段文字從這裡開始，講述了會議的盛況和與會嘉賓的發言內容，以及未"
        "來的合作方向和具體的落地安排等事項。\n"
        "\n"
        "小標題\n"
        "正文又開始了，這一段並不是很長。"
    )
    assert set(result.counts()) == {JOIN}
    assert_edits_explain(result)


def test_a_finished_short_line_before_a_blank_line_is_a_paragraph_end() -> None:
    text = "第一段完了。\n\n第二段開始"
    assert repaired_text(text) == text


def test_latin_words_joined_with_a_space() -> None:
    assert repaired_text("The Hunan-Hong Kong week opened in the\ncity") == (
        "The Hunan-Hong Kong week opened in the city"
    )


def test_repeated_captions_are_dropped_after_the_first() -> None:
    result = repair("圖為長沙市景\n正文第一段內容。\n圖為長沙市景\n正文第二段。")
    assert result.text == "圖為長沙市景\n正文第一段內容。\n正文第二段。"
    assert [(e.kind, e.before) for e in result.edits] == [(CAPTION, "圖為長沙市景\n")]


def test_widths_and_spaces() -> None:
    result = repair("總投資１２０億元，\u3000面積 500 畝，湖 南  省。  ")
    assert result.text == "總投資120億元，面積 500 畝，湖南省。"
    assert result.counts()[WIDTH] == 1
    assert result.counts()[SPACE] >= 3
    assert_edits_explain(result)


def test_line_ends_normalised() -> None:
    assert repaired_text("第一行。\r\n第二行。\r第三行。") == "第一行。\n第二行。\n第三行。"


def test_offsets_map_back_to_the_original() -> None:
    original = "55月月1515日日，，湖南省政府與香港貿發局簽約。"
    result = repair(original)
    start = result.text.index("湖南省政府")
    span = result.original_span(start, start + len("湖南省政府"))
    assert original[span[0] : span[1]] == "湖南省政府"
    assert result.original_offset(len(result.text)) == len(original)
    assert result.original_span(3, 3) == (result.original_offset(3),) * 2


# --- properties ---

HAN = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5)


def fake_bold(pieces: list[str]) -> str:
    return "".join(piece * 2 for piece in pieces)


@given(st.lists(HAN, min_size=3, max_size=30, unique=True).map("".join))
@settings(max_examples=150)
def test_fake_bold_piece_by_piece_is_undone(headline: str) -> None:
    assert repaired_text(fake_bold(list(headline)) + "。") == headline + "。"


@given(
    st.lists(HAN, min_size=4, max_size=40, unique=True).map("".join),
    st.integers(min_value=0, max_value=40),
)
@settings(max_examples=150)
def test_fake_bold_whole_run_is_undone(headline: str, cut: int) -> None:
    cut = min(cut, len(headline))
    if 0 < cut < len(headline):
        doubled = headline[:cut] + "\n" + headline[cut:] + headline
    else:
        doubled = headline * 2
    result = repaired_text(doubled + "，下文。")
    assert result == headline + "，下文。"


@given(
    st.text(alphabet=st.sampled_from("湖南長沙香港投資項目，。、\n 　１2Ａb\r濟條"), max_size=200)
)
@settings(max_examples=300)
def test_any_text_edits_explain_the_repair(text: str) -> None:
    result = repair(text)
    assert_edits_explain(result)
    assert len(result.origin) == len(result.text)
    assert list(result.origin) == sorted(result.origin)


def test_a_headline_alone_is_not_joined_to_the_article_below() -> None:
    headline = "湘港經貿合作周簽約項目加快落地"
    body = "記者從省商務廳獲悉，在香港舉行的\n洽談會上共簽約項目八十個，總投資\n約一千二百億元。"
    assert repaired_text(f"{headline}\n\n{body}").startswith(f"{headline}\n\n記者")


def test_a_number_broken_by_a_wrap_is_joined_without_a_space() -> None:
    assert repaired_text("共簽約項目80個，總投資約120\n0億元，同比增長。") == (
        "共簽約項目80個，總投資約1200億元，同比增長。"
    )
    assert repaired_text("the Hunan-\nHong Kong week") == "the Hunan-Hong Kong week"


def test_a_caption_written_twice_in_a_row_stays_apart_from_the_article() -> None:
    result = repair("正式動工。\n\n圖為洽談會簽約現場。\n\n圖為洽談會簽約現場。")
    assert result.text == "正式動工。\n\n圖為洽談會簽約現場。"
    assert_edits_explain(result)
