"""Tests for duijie_core.locale: dates, times, numbers and money in the reader's language."""

from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from duijie_core.locale import (
    LANGUAGES,
    LocaleError,
    format_date,
    format_date_range,
    format_datetime,
    format_deadline,
    format_duration,
    format_money,
    format_number,
    format_period,
    format_time,
    language_of,
    time_zone_name,
)
from duijie_core.money import Amount, Money, MoneyRange, UnknownAmount, parse_amount

HK = "Asia/Hong_Kong"
WEDNESDAY = date(2025, 5, 14)


def hkd(amount: str, *, approximate: bool = False) -> Money:
    return Money(Decimal(amount), "HKD", approximate)


def in_three(formatter: object, *args: object, **kwargs: object) -> tuple[str, ...]:
    return tuple(formatter(*args, language, **kwargs) for language in LANGUAGES)  # type: ignore[operator]


# ---------------------------------------------------------------- dates and times


def test_a_date_reads_in_each_language_order() -> None:
    assert in_three(format_date, WEDNESDAY) == ("2025年5月14日", "2025年5月14日", "14 May 2025")


def test_a_date_with_its_weekday() -> None:
    assert in_three(format_date, WEDNESDAY, weekday=True) == (
        "2025年5月14日（星期三）",
        "2025年5月14日（星期三）",
        "Wed 14 May 2025",
    )


def test_a_date_without_its_year() -> None:
    assert in_three(format_date, WEDNESDAY, weekday=True, year=False) == (
        "5月14日（星期三）",
        "5月14日（星期三）",
        "Wed 14 May",
    )


def test_a_datetime_given_as_date_is_its_day() -> None:
    assert format_date(datetime(2025, 5, 14, 23, 0), "en") == "14 May 2025"


def test_a_date_range_is_joined_as_cldr_joins_it() -> None:
    assert in_three(format_date_range, date(2025, 5, 13), date(2025, 5, 16)) == (
        "2025年5月13日至16日",
        "2025年5月13日\u2009–\u200916日",  # CLDR's thin spaces
        "13\u2009–\u200916 May 2025",
    )


def test_a_date_range_across_years_names_both_years() -> None:
    assert format_date_range(date(2025, 12, 30), date(2026, 1, 2), "en") == (
        "30 Dec 2025\u2009–\u20092 Jan 2026"
    )


def test_a_one_day_range_is_one_date() -> None:
    assert format_date_range(WEDNESDAY, WEDNESDAY, "zh-Hant") == "2025年5月14日"


def test_an_inverted_date_range_is_refused() -> None:
    with pytest.raises(LocaleError) as caught:
        format_date_range(WEDNESDAY, date(2025, 5, 13), "en")
    assert caught.value.code == "range_inverted"


def test_times_are_on_the_24_hour_clock() -> None:
    assert in_three(format_time, time(14, 5)) == ("14:05", "14:05", "14:05")
    assert format_time(datetime(2025, 5, 14, 9, 30), "zh-Hant") == "09:30"


@pytest.mark.parametrize(
    ("seconds", "language", "written"),
    [
        (45, "zh-Hant", "45 秒"),
        (95, "zh-Hans", "2分钟"),
        (600, "en", "10 mins"),
        (-3, "en", "3 secs"),
        (2 * 3600, "zh-Hant", "2 小時"),
    ],
)
def test_a_duration_is_written_in_its_largest_unit(
    seconds: float, language: str, written: str
) -> None:
    assert format_duration(seconds, language) == written


def test_time_zones_have_human_names() -> None:
    assert in_three(time_zone_name, HK) == ("香港時間", "香港时间", "Hong Kong Time")


def test_an_unknown_time_zone_is_refused() -> None:
    with pytest.raises(LocaleError) as caught:
        time_zone_name("Mars/Olympus", "en")
    assert caught.value.code == "unknown_time_zone"


def test_a_moment_is_shown_in_its_time_zone_with_the_zone_named() -> None:
    utc = datetime(2026, 12, 10, 2, 27, tzinfo=UTC)
    assert in_three(format_datetime, utc, time_zone=HK) == (
        "2026年12月10日 10:27（香港時間）",
        "2026年12月10日 10:27（香港时间）",
        "10 Dec 2026, 10:27 (Hong Kong Time)",
    )


def test_a_naive_moment_is_read_in_the_given_zone() -> None:
    naive = datetime(2025, 5, 14, 9, 0)
    assert format_datetime(naive, "en", time_zone=HK, weekday=True) == (
        "Wed 14 May 2025, 09:00 (Hong Kong Time)"
    )


def test_a_deadline_says_when_and_how_far_away() -> None:
    deadline = datetime(2026, 12, 10, 2, 27, tzinfo=UTC)
    now = deadline - timedelta(days=3)
    assert in_three(format_deadline, deadline, now, time_zone=HK) == (
        "12月10日 10:27（香港時間），3 日後",
        "12月10日 10:27（香港时间），3天后",
        "10 Dec, 10:27 (Hong Kong Time), in 3 days",
    )


def test_a_passed_deadline_in_another_year_shows_the_year() -> None:
    deadline = datetime(2025, 12, 31, 15, 0, tzinfo=UTC)
    now = datetime(2025, 12, 31, 20, 0, tzinfo=UTC)  # 1 January 2026 in Hong Kong
    assert format_deadline(deadline, now, "en", time_zone=HK) == (
        "31 Dec 2025, 23:00 (Hong Kong Time), 5 hours ago"
    )


# ---------------------------------------------------------------- numbers


def test_numbers_are_grouped() -> None:
    assert in_three(format_number, 22176500000) == ("22,176,500,000",) * 3
    assert format_number(22096.5, "zh-Hant") == "22,096.5"
    assert format_number(Decimal("1234.50"), "en") == "1,234.50"


def test_digits_fix_the_decimals() -> None:
    assert format_number(Decimal("3.14159"), "en", digits=2) == "3.14"
    assert format_number(7, "zh-Hans", digits=1) == "7.0"
    assert format_number(Decimal("2.5"), "en", digits=0) == "2"


@pytest.mark.parametrize("value", [Decimal("NaN"), float("inf"), "12", True])
def test_what_is_not_a_finite_number_is_refused(value: object) -> None:
    with pytest.raises(LocaleError):
        format_number(value, "en")  # type: ignore[arg-type]


# ---------------------------------------------------------------- money


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        (hkd("110000000"), ("1.1億港元", "1.1亿港元", "HK$110m")),
        (
            MoneyRange(hkd("110000000"), hkd("1100000000")),
            ("1.1億至11億港元", "1.1亿至11亿港元", "HK$110m–1.1bn"),
        ),
        (Money(Decimal("80000000"), "CNY"), ("8000萬人民幣", "8000万人民币", "CN¥80m")),
        (Money(Decimal("24100000000"), "USD"), ("241億美元", "241亿美元", "US$24.1bn")),
        (Money(Decimal("1560000000000"), "CNY"), ("1.56兆人民幣", "1.56万亿人民币", "CN¥1.56tn")),
        (Money(Decimal("1000000"), "MOP"), ("100萬澳門元", "100万澳门币", "MOP 1m")),
        (Money(Decimal("5000"), "SGD"), ("5,000新加坡元", "5,000新加坡元", "SGD 5k")),
        (Money(Decimal("0.5"), "CNY"), ("0.5人民幣", "0.5人民币", "CN¥0.5")),
        (hkd("1000000000", approximate=True), ("超過10億港元", "超过10亿港元", "over HK$1bn")),
        (
            MoneyRange(Money(Decimal(500), "JPY"), Money(Decimal(20000), "JPY")),
            ("500至20,000日圓", "500至20,000日元", "JP¥500–20,000"),
        ),
        (UnknownAmount("N/A"), ("未披露", "未披露", "undisclosed")),
    ],
)
def test_money_in_three_languages(amount: Amount, expected: tuple[str, ...]) -> None:
    assert in_three(format_money, amount) == expected


def test_django_spellings_of_a_language_are_accepted() -> None:
    assert format_money(hkd("110000000"), "zh-hans") == "1.1亿港元"
    assert format_money(hkd("110000000"), "zh_Hant") == "1.1億港元"
    assert language_of("EN") == "en"


@pytest.mark.parametrize("call", [format_money, format_date])
def test_an_unknown_language_is_refused(call: object) -> None:
    value = WEDNESDAY if call is format_date else hkd("1")
    with pytest.raises(LocaleError) as caught:
        call(value, "fr")  # type: ignore[operator]
    assert (caught.value.code, caught.value.params) == ("unknown_language", {"language": "fr"})


# ---------------------------------------------------------------- properties

languages = st.sampled_from(LANGUAGES)
days = st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31))
moments = st.datetimes(
    min_value=datetime(1970, 1, 1), max_value=datetime(2200, 1, 1), timezones=st.just(UTC)
)
zones = st.sampled_from([HK, "Asia/Shanghai", "Asia/Macau", "Europe/London", "UTC"])


@given(days, languages, st.booleans(), st.booleans())
def test_a_date_always_shows_its_day_and_year_when_asked(
    day: date, language: str, weekday: bool, year: bool
) -> None:
    text = format_date(day, language, weekday=weekday, year=year)
    assert str(day.day) in text
    assert (str(day.year) in text) is year or str(day.year) in str(day.day)


@given(days, days, languages)
def test_a_date_range_names_both_ends(first: date, second: date, language: str) -> None:
    start, end = sorted((first, second))
    text = format_date_range(start, end, language)
    assert str(start.year) in text and str(end.year) in text


@given(moments, moments, languages, zones)
def test_deadlines_and_moments_never_raise(
    when: datetime, now: datetime, language: str, zone: str
) -> None:
    assert format_datetime(when, language, time_zone=zone)
    assert format_deadline(when, now, language, time_zone=zone)


@given(
    st.decimals(min_value=0, max_value=Decimal("1e15"), places=4, allow_nan=False),
    languages,
)
def test_a_grouped_number_reads_back_to_itself(value: Decimal, language: str) -> None:
    assert Decimal(format_number(value, language).replace(",", "")) == value


@given(st.integers(min_value=0, max_value=10**15), languages)
def test_money_reads_back_to_itself_in_every_currency_word(units: int, language: str) -> None:
    for currency in ("CNY", "HKD", "USD", "MOP", "EUR", "JPY", "GBP", "TWD", "SGD", "AUD"):
        amount = Money(Decimal(units), currency)
        assert parse_amount(format_money(amount, language)) == amount


def test_format_percent_in_each_language() -> None:
    from duijie_core.locale import format_percent

    assert format_percent(0.125, "en") == "12%"  # rounded half-even, as every number
    assert format_percent(0.135, "en") == "14%"
    assert format_percent(0.125, "zh-Hant", digits=1) == "12.5%"
    assert format_percent(1, "zh-Hans") == "100%"
    with pytest.raises(LocaleError):
        format_percent("x", "en")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("value", "hant", "en"),
    [
        ("2024", "2024年", "2024"),
        ("2024-10", "2024年10月", "Oct 2024"),
        ("2025-03-15", "2025年3月15日", "15 Mar 2025"),
    ],
)
def test_a_period_keeps_the_precision_it_was_written_with(value: str, hant: str, en: str) -> None:
    assert format_period(value, "zh-Hant") == hant
    assert format_period(value, "zh-Hans") == hant
    assert format_period(value, "en") == en


@pytest.mark.parametrize("value", ["", "2024-13", "soon", "2024-02-30"])
def test_an_unreadable_period_is_an_error(value: str) -> None:
    with pytest.raises(LocaleError):
        format_period(value, "en")


@pytest.mark.parametrize(
    ("months", "expected"),
    [
        ((11, 12, 1, 2, 6), ("11月至2月、6月", "11月至2月、6月", "Nov–Feb, Jun")),
        (tuple(range(1, 13)), ("全年", "全年", "all year")),
        ((3,), ("3月", "3月", "Mar")),
        ((1, 3, 5), ("1月、3月、5月", "1月、3月、5月", "Jan, Mar, May")),
    ],
)
def test_format_months(months: tuple[int, ...], expected: tuple[str, str, str]) -> None:
    from duijie_core.locale import format_months

    assert tuple(format_months(months, lang) for lang in ("zh-Hant", "zh-Hans", "en")) == expected


def test_format_months_refuses_a_thirteenth_month() -> None:
    from duijie_core.locale import LocaleError, format_months

    with pytest.raises(LocaleError):
        format_months((13,), "en")


def test_format_measure_and_hours() -> None:
    from duijie_core.locale import LocaleError, format_hours, format_measure

    assert [
        format_measure(1300.5, "mass-tonne", lang) for lang in ("zh-Hant", "zh-Hans", "en")
    ] == [
        "1,300.5 公噸",
        "1,300.5公吨",
        "1,300.5 t",
    ]
    assert [format_hours(30, lang) for lang in ("zh-Hant", "zh-Hans", "en")] == [
        "30 小時",
        "30小时",
        "30 hrs",
    ]
    with pytest.raises(LocaleError):
        format_measure(1, "mass-elephant", "en")


def test_list_separator_in_each_language() -> None:
    from duijie_core.locale import list_separator

    assert [list_separator(x) for x in ("zh-Hant", "zh-Hans", "en")] == ["、", "、", ", "]


def test_clause_separator_in_each_language() -> None:
    from duijie_core.locale import clause_separator

    assert [clause_separator(x) for x in ("zh-Hant", "zh-Hans", "en")] == ["；", "；", "; "]
