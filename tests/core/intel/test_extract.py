"""Amounts, dates, projects and milestone events read from news text."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from duijie_core.intel.extract import MONEY, PERCENT, amounts, dates, events, projects

PASSAGE = (
    "2024年1月，三一重工與長沙經開區簽約三一智能裝備產業園項目，總投資120億元，佔地800畝，"
    "建成後年產挖掘機2萬台。該項目當年拿地、開工並於10月封頂，預計2026年投產。"
    "5月15日，湖南—香港投融資對接洽談會在香港舉行，共簽約項目80個，總金額約50億美元，同比增長12.5%。"
)


def test_amounts_with_units_and_currencies() -> None:
    found = [(a.text, a.value, a.unit, a.currency) for a in amounts(PASSAGE)]
    assert found == [
        ("120億元", Decimal("12000000000"), MONEY, "CNY"),
        ("800畝", Decimal("800"), "mu", None),
        ("2萬台", Decimal("20000"), "units", None),
        ("約50億美元", Decimal("5000000000"), MONEY, "USD"),
        ("12.5%", Decimal("12.5"), PERCENT, None),
    ]
    for amount in amounts(PASSAGE):
        assert PASSAGE[amount.start : amount.end] == amount.text


def test_more_units() -> None:
    text = (
        "項目總投資1.2萬億元，其中8億港元，建築面積3.5萬平方米，"
        "年產能50萬噸、300萬雙，裝機100兆瓦。"
    )
    found = {(a.text, a.unit, a.currency): a.value for a in amounts(text)}
    assert found == {
        ("1.2萬億元", MONEY, "CNY"): Decimal("1200000000000"),
        ("8億港元", MONEY, "HKD"): Decimal("800000000"),
        ("3.5萬平方米", "m2", None): Decimal("35000"),
        ("50萬噸", "t", None): Decimal("500000"),
        ("300萬雙", "pairs", None): Decimal("3000000"),
        ("100兆瓦", "MW", None): Decimal("100"),
    }


def test_counted_things_only_near_a_capacity_word() -> None:
    assert amounts("會上簽約項目3個，擺放展台20台。") == []
    assert [a.unit for a in amounts("年產挖掘機2萬台")] == ["units"]


def test_dates_take_the_narrative_year_then_the_documents() -> None:
    found = [(d.text, d.value) for d in dates(PASSAGE, date(2025, 5, 16))]
    assert found == [
        ("2024年1月", "2024-01"),
        ("當年", "2024"),
        ("10月", "2024-10"),
        ("2026年", "2026"),
        ("5月15日", "2025-05-15"),
    ]


def test_relative_years_count_from_the_document_date() -> None:
    found = [
        (d.text, d.value)
        for d in dates("去年3月簽約，今年6月1日開工，明年投產。", date(2025, 5, 1))
    ]
    assert found == [("去年3月", "2024-03"), ("今年6月1日", "2025-06-01"), ("明年", "2026")]
    assert dates("建成後年產挖掘機", date(2025, 5, 1)) == []
    assert dates("5月15日開幕") == []  # no year to give it


def test_project_names_without_their_lead_in() -> None:
    assert [p.text for p in projects(PASSAGE)] == ["三一智能裝備產業園項目"]
    assert [p.text for p in projects("引進比亞迪長沙新能源汽車生產基地和藍思科技研發中心。")] == [
        "比亞迪長沙新能源汽車生產基地",
        "藍思科技研發中心",
    ]
    assert projects("該項目和重點項目都在推進") == []


def test_events_tied_to_project_and_date() -> None:
    found = [(e.type, e.project, e.date, e.trigger) for e in events(PASSAGE, date(2025, 5, 16))]
    project = "三一智能裝備產業園項目"
    assert found == [
        ("signed", project, "2024-01", "簽約"),
        ("land_acquired", project, "2024", "拿地"),
        ("construction_started", project, "2024", "開工"),
        ("topped_out", project, "2024-10", "封頂"),
        ("operating", project, "2026", "投產"),
        ("signed", None, "2025-05-15", "簽約"),
    ]
    for event in events(PASSAGE, date(2025, 5, 16)):
        assert PASSAGE[event.start : event.end] == event.text
        assert event.trigger in event.text


@given(
    st.text(
        alphabet=st.sampled_from(
            "0123456789.億萬元港美%畝噸台年產月日號今去當該項目基地簽約開工，。"
        ),
        max_size=80,
    )
)
def test_offsets_always_quote_the_text(text: str) -> None:
    for amount in amounts(text):
        assert text[amount.start : amount.end] == amount.text
    for mention in dates(text, date(2025, 1, 1)):
        assert text[mention.start : mention.end] == mention.text
    for event in events(text, date(2025, 1, 1)):
        assert text[event.start : event.end] == event.text


def test_chinese_numerals_percent_words_and_ranges() -> None:
    text = "佔地三百五十畝，增長百分之十二，投資3至5億元。"
    found = [(a.text, a.value, a.unit) for a in amounts(text)]
    assert found == [
        ("三百五十畝", Decimal("350"), "mu"),
        ("百分之十二", Decimal("12"), PERCENT),
        ("3至5億元", Decimal("400000000"), MONEY),
    ]


def test_a_date_after_the_trigger_only_when_the_sentence_has_one_trigger() -> None:
    text = "株洲市與香港企業簽約的新能源電池材料生產基地總投資50億元，今年3月15日已正式動工。"
    found = [(e.type, e.project, e.date) for e in events(text, date(2025, 5, 20))]
    project = "新能源電池材料生產基地"
    assert found == [("signed", project, None), ("construction_started", project, "2025-03-15")]
    alone = events("長沙新材料產業園項目簽約，時間是今年3月。", date(2025, 5, 20))
    assert [(e.type, e.date) for e in alone] == [("signed", "2025-03")]


def test_a_signing_without_project_or_date_is_no_milestone() -> None:
    assert events("圖為洽談會簽約現場。", date(2025, 5, 20)) == []
