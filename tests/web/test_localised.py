"""The Django side of the locale layer: template filters in three languages, absolute links.

Regression tests for issue #11: dates in English order with Chinese words, raw amounts,
raw time-zone names, and QR / calendar links that always pointed at 127.0.0.1:8000.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone, translation
from icalendar import Calendar

from duijie.localised import absolute_url, reader_language, written_money
from duijie.tradeweek.services import onsite, programme
from duijie_core.money import Money, MoneyRange, UnknownAmount
from tests.web.tradeweek.factories import at, make_event, make_participant, make_venue

LANGUAGES = ("zh-hant", "zh-hans", "en")
HK_MORNING = dt.datetime(2025, 5, 14, 2, 27, tzinfo=dt.UTC)  # 10:27 in Hong Kong


def render(source: str, **context: object) -> tuple[str, ...]:
    """`source` rendered in zh-Hant, zh-Hans and en (no {% load %}: the filters are builtins)."""
    template = Template(source)
    results = []
    for language in LANGUAGES:
        with translation.override(language), timezone.override("Asia/Hong_Kong"):
            results.append(template.render(Context(context)))
    return tuple(results)


def test_dates_read_in_the_readers_order() -> None:
    day = dt.date(2025, 5, 14)
    assert render("{{ d|day }}", d=day) == ("2025年5月14日", "2025年5月14日", "14 May 2025")
    assert render('{{ d|day:"weekday" }}', d=day) == (
        "2025年5月14日（星期三）",
        "2025年5月14日（星期三）",
        "Wed 14 May 2025",
    )
    assert render('{{ d|day:"weekday short" }}', d=day)[2] == "Wed 14 May"


def test_a_moment_is_shown_in_the_active_time_zone_with_its_name() -> None:
    assert render("{{ t|moment }}", t=HK_MORNING) == (
        "2025年5月14日 10:27（香港時間）",
        "2025年5月14日 10:27（香港时间）",
        "14 May 2025, 10:27 (Hong Kong Time)",
    )
    assert render('{{ t|moment:"plain" }} {{ t|clock }}', t=HK_MORNING)[2] == (
        "14 May 2025, 10:27 10:27"
    )


def test_a_timezone_block_moves_the_clock() -> None:
    source = "{% load tz %}{% timezone 'Europe/London' %}{{ t|clock }} {{ t|day }}{% endtimezone %}"
    assert render(source, t=HK_MORNING)[2] == "03:27 14 May 2025"


def test_time_zones_are_named_not_spelt_as_iana_ids() -> None:
    assert render("{{ z|zone_name }}", z="Asia/Hong_Kong") == (
        "香港時間",
        "香港时间",
        "Hong Kong Time",
    )


def test_a_deadline_says_how_far_away_it_is() -> None:
    soon = timezone.now() + dt.timedelta(days=3, minutes=1)
    texts = render("{{ t|deadline }}", t=soon)
    assert texts[0].endswith("，3 日後")
    assert texts[1].endswith("，3天后")
    assert texts[2].endswith(", in 3 days")


def test_a_date_range_is_joined_in_each_language() -> None:
    source = "{% day_range a b %}"
    texts = render(source, a=dt.date(2025, 5, 13), b=dt.date(2025, 5, 16))
    assert texts == (
        "2025年5月13日至16日",
        "2025年5月13日\u2009–\u200916日",
        "13\u2009–\u200916 May 2025",
    )


def test_numbers_are_grouped() -> None:
    assert render("{{ n|number }}", n=22176500000) == ("22,176,500,000",) * 3
    assert render("{{ n|number:2 }}", n=Decimal("0.8666")) == ("0.87",) * 3
    assert render("{{ n|number|default:'—' }}", n=None) == ("—",) * 3


def test_plain_numbers_drop_the_trailing_zeros_of_a_stored_decimal() -> None:
    assert render('{{ n|number:"plain" }}', n=Decimal("353.00")) == ("353",) * 3
    assert render('{{ n|number:"plain" }}', n=Decimal("12.50")) == ("12.5",) * 3
    assert render('{{ n|number:"plain" }}', n=Decimal("1200000.00")) == ("1,200,000",) * 3
    assert render("{{ n|number }}", n=Decimal("353.00")) == ("353.00",) * 3  # its own digits


def test_amounts_are_written_with_units_and_currency() -> None:
    ticket = MoneyRange(Money(Decimal(110_000_000), "HKD"), Money(Decimal(1_100_000_000), "HKD"))
    assert render("{{ m|money }}", m=ticket) == (
        "1.1億至11億港元",
        "1.1亿至11亿港元",
        "HK$110m–1.1bn",
    )
    assert render("{{ m|money }}", m=UnknownAmount()) == ("未披露", "未披露", "undisclosed")
    assert render('{{ n|money:"CNY" }}', n=Decimal("22176500000")) == (
        "221.765億人民幣",
        "221.765亿人民币",
        "CN¥22.1765bn",
    )


def test_ticket_bounds_kept_as_two_numbers() -> None:
    source = "{% money_between low high 'HKD' %}"
    low, high = Decimal("110000000.00"), Decimal("1100000000.00")
    assert render(source, low=low, high=high)[0] == "1.1億至11億港元"
    assert render(source, low=None, high=high)[2] == "≤ HK$1.1bn"
    assert render(source, low=low, high=None)[2] == "≥ HK$110m"
    assert render(source, low=None, high=None)[2] == "—"


@pytest.mark.parametrize(
    ("text", "currency", "expected"),
    [
        ("8000萬元", "CNY", ("8000萬人民幣", "8000万人民币", "CN¥80m")),
        ("HK$10億", "HKD", ("10億港元", "10亿港元", "HK$1bn")),
        ("1000", "HKD", ("1,000港元", "1,000港元", "HK$1k")),
        ("面議", "CNY", ("面議", "面議", "面議")),  # unreadable: shown as entered
    ],
)
def test_amounts_entered_as_text_are_read_and_rewritten(
    text: str, currency: str, expected: tuple[str, ...]
) -> None:
    assert render("{{ t|written_money:c }}", t=text, c=currency) == expected


def test_an_empty_written_amount_is_undisclosed() -> None:
    with translation.override("en"):
        assert written_money("") == "undisclosed"


def test_reader_language_maps_django_codes_to_the_cores() -> None:
    assert [reader_language(code) for code in (*LANGUAGES, "fr")] == [
        "zh-Hant",
        "zh-Hans",
        "en",
        "zh-Hant",
    ]


# ---------------------------------------------------------------- absolute links


@pytest.mark.parametrize(
    ("site_url", "expected"),
    [("https://duijie.example", "https://duijie.example/a/"), ("", "http://10.0.0.5:8101/a/")],
)
def test_absolute_links_use_the_site_url_else_the_requests_host(  # type: ignore[no-untyped-def]
    settings, site_url, expected
) -> None:
    settings.SITE_URL = site_url
    settings.ALLOWED_HOSTS = ["10.0.0.5"]
    request = RequestFactory().get("/", HTTP_HOST="10.0.0.5:8101")
    assert absolute_url("/a/", request) == expected
    assert absolute_url("/a/", site="http://10.0.0.5:8101/") == expected


def test_absolute_links_outside_a_request_need_a_site(settings) -> None:  # type: ignore[no-untyped-def]
    settings.SITE_URL = ""
    with pytest.raises(ImproperlyConfigured, match="DUIJIE_SITE_URL must be set"):
        absolute_url("/a/")


@pytest.fixture
def registered(edition):  # type: ignore[no-untyped-def]
    """A participant registered for one event (a calendar entry and a check-in QR code)."""
    venue = make_venue(edition, tables=1, name="Hall")
    participant = make_participant(edition)
    event = make_event(edition, venue, start=at(14, 8))
    registration = programme.register(event=event, user=participant.user)
    return participant, registration


def _calendar_urls(client, participant, **headers: str) -> set[str]:  # type: ignore[no-untyped-def]
    url = reverse("tradeweek:calendar", args=[participant.calendar_token])
    calendar = Calendar.from_ical(client.get(url, **headers).content)
    return {str(event["url"]) for event in calendar.walk("VEVENT")}


@pytest.mark.django_db
def test_calendar_links_follow_the_host_or_the_site_url(client, settings, registered) -> None:  # type: ignore[no-untyped-def]
    participant, _registration = registered
    settings.ALLOWED_HOSTS = ["duijie.lan", "testserver"]
    settings.SITE_URL = ""
    agenda = reverse("tradeweek:agenda")
    assert _calendar_urls(client, participant, HTTP_HOST="duijie.lan") == {
        f"http://duijie.lan{agenda}"
    }
    settings.SITE_URL = "https://duijie.example"
    assert _calendar_urls(client, participant, HTTP_HOST="duijie.lan") == {
        f"https://duijie.example{agenda}"
    }


class FrozenClock:
    """A clock for Django's signer, so the check-in token in the page can be recomputed."""

    @staticmethod
    def time() -> float:
        return 1_800_000_000.0


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("site_url", "base"), [("", "http://duijie.lan"), ("https://duijie.example", None)]
)
def test_check_in_qr_codes_follow_the_host_or_the_site_url(  # type: ignore[no-untyped-def]
    client, settings, monkeypatch, registered, site_url, base
) -> None:
    participant, registration = registered
    monkeypatch.setattr("django.core.signing.time", FrozenClock)
    settings.ALLOWED_HOSTS = ["duijie.lan", "testserver"]
    settings.SITE_URL = site_url
    client.force_login(participant.user)
    page = client.get(reverse("tradeweek:agenda"), HTTP_HOST="duijie.lan").content.decode()
    path = onsite.check_in_url(onsite.registration_token(registration))
    assert onsite.qr_svg_data_uri((base or site_url) + path) in page
