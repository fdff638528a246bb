"""The programme page (issue 13): filters by day, city, venue and type, and "add to
my agenda" for open events while registration is open."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation

from duijie.tradeweek.models import City, EventKind, Registration
from tests.web.tradeweek.factories import at, make_event, make_venue

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme(edition):  # type: ignore[no-untyped-def]
    hall = make_venue(edition, name="Harbour Hall")
    park = make_venue(edition, name="Bay Park", city=City.SHENZHEN)
    forum = make_event(edition, hall, start=at(14, 9), title="Opening forum")
    forum.kind = EventKind.FORUM
    forum.save()
    visit = make_event(edition, park, start=at(15, 9), title="Factory visit")
    return hall, park, forum, visit


def _titles(client, **query) -> list[str]:  # type: ignore[no-untyped-def]
    with translation.override("en"):
        page = client.get(reverse("tradeweek:programme"), query).content.decode()
    return [title for title in ("Opening forum", "Factory visit") if title in page]


def test_the_programme_filters_by_day_city_venue_and_type(client, programme) -> None:  # type: ignore[no-untyped-def]
    _hall, park, _forum, _visit = programme
    assert _titles(client) == ["Opening forum", "Factory visit"]
    assert _titles(client, day="2025-05-15") == ["Factory visit"]
    assert _titles(client, city=City.HONG_KONG) == ["Opening forum"]
    assert _titles(client, venue=park.pk) == ["Factory visit"]
    assert _titles(client, kind=EventKind.FORUM) == ["Opening forum"]
    assert _titles(client, city=City.SHENZHEN, kind=EventKind.FORUM) == []


def test_add_to_my_agenda_only_while_registration_is_open(client, investor, edition) -> None:  # type: ignore[no-untyped-def]
    hall = make_venue(edition)
    past = make_event(edition, hall, title="Past talk")
    soon = make_event(edition, hall, start=timezone.now() + timedelta(days=2), title="Soon")
    client.force_login(investor)
    page = client.get(reverse("tradeweek:programme")).content.decode()
    assert reverse("tradeweek:register", args=[soon.pk]) in page
    assert reverse("tradeweek:register", args=[past.pk]) not in page
    client.post(
        reverse("tradeweek:register", args=[soon.pk]), {"next": reverse("tradeweek:programme")}
    )
    assert Registration.objects.get().status == "confirmed"
    page = client.get(reverse("tradeweek:programme")).content.decode()
    assert reverse("tradeweek:register", args=[soon.pk]) not in page


def test_english_readers_see_the_english_title_and_venue_others_see_them_as_entered(
    client, edition
) -> None:  # type: ignore[no-untyped-def]
    hall = make_venue(edition, name="會展中心")
    hall.name_en = "Convention Centre"
    hall.save()
    event = make_event(edition, hall, title="投融資對接會")
    event.title_en = "Investment matchmaking"
    event.save()
    untitled = make_event(edition, hall, start=at(15, 9), title="工廠考察")
    pages = {}
    for language in ("en", "zh-hant", "zh-hans"):
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
        pages[language] = client.get(reverse("tradeweek:programme")).content.decode()
        pages[language] += client.get(reverse("tradeweek:event", args=[event.pk])).content.decode()
    assert "Investment matchmaking" in pages["en"] and "Convention Centre" in pages["en"]
    assert "投融資對接會" not in pages["en"]
    assert "工廠考察" in pages["en"]  # no English title entered: shown as entered
    for language in ("zh-hant", "zh-hans"):
        assert "投融資對接會" in pages[language] and "會展中心" in pages[language]
        assert "Investment matchmaking" not in pages[language]
    assert untitled.shown_title == "工廠考察"
