"""Speakers and hosts of the programme (issue 13): people and organisations of the
directory or names as typed, edited by organisers with history, shown on the programme
and event pages in the reader's language, filterable, and never a personal field."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from duijie.accounts.models import PersonalDataAccess
from duijie.directory.models import Affiliation, Organisation, Person
from duijie.history.services import history_sentences
from duijie.tradeweek.models import EventSpeaker
from duijie.tradeweek.services.speakers import (
    SpeakerLine,
    events_with_speaker,
    line_of,
    save_speakers,
    speakers_by_event,
)
from tests.web.tradeweek.factories import at, make_event, make_venue

pytestmark = pytest.mark.django_db


@pytest.fixture
def forum(edition):  # type: ignore[no-untyped-def]
    hall = make_venue(edition, name="Harbour Hall")
    return make_event(edition, hall, start=at(14, 9), title="Opening forum")


@pytest.fixture
def director():  # type: ignore[no-untyped-def]
    person = Person.objects.create(
        name="陳志明", name_en="Chen Zhiming", phone="+852 5555 0000", email="chen@example.com"
    )
    Affiliation.objects.create(
        person=person, organisation_name="湖南省商務廳", title="副廳長", ended_on=None
    )
    return person


def test_a_directory_person_shows_name_title_and_organisation_only(forum, director) -> None:  # type: ignore[no-untyped-def]
    row = EventSpeaker.objects.create(event=forum, person=director)
    with translation.override("en"):
        assert line_of(row, english=False) == SpeakerLine(
            "speaker", "Speaker", "陳志明", "", "副廳長", "湖南省商務廳"
        )
    english = line_of(row, english=True)
    assert (english.name, english.english_name, english.title) == (
        "陳志明",
        "Chen Zhiming",
        "副廳長",
    )


def test_typed_fields_win_and_english_title_is_used_for_english_readers(forum, director) -> None:  # type: ignore[no-untyped-def]
    row = EventSpeaker.objects.create(
        event=forum, person=director, title="廳長", title_en="Director-General",
        organisation_name="Hunan Department of Commerce",
    )  # fmt: skip
    assert (line_of(row, english=True).title, line_of(row, english=False).title) == (
        "Director-General",
        "廳長",
    )
    assert line_of(row, english=True).organisation == "Hunan Department of Commerce"


def test_an_organisation_alone_is_a_host_named_by_the_organisation(forum) -> None:  # type: ignore[no-untyped-def]
    hktdc = Organisation.objects.create(name="香港貿易發展局", kind="other")
    row = EventSpeaker.objects.create(event=forum, organisation=hktdc, role="host")
    line = line_of(row, english=False)
    assert (line.role, line.name, line.organisation) == ("host", "香港貿易發展局", "")


def test_the_programme_lists_and_filters_by_speaker_in_either_script(
    client, edition, forum
) -> None:  # type: ignore[no-untyped-def]
    other = make_event(edition, forum.venue, start=at(15, 9), title="Factory visit")
    EventSpeaker.objects.create(
        event=forum, name="黃美玲", title="總經理", title_en="General Manager",
        organisation_name="灣區資本",
    )  # fmt: skip
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        page = client.get(reverse("tradeweek:programme")).content.decode()
        assert "<strong>黃美玲</strong>" in page and "General Manager · 灣區資本" in page
        found = client.get(reverse("tradeweek:programme"), {"speaker": "黄美玲"}).content
        assert "Opening forum" in found.decode() and "Factory visit" not in found.decode()
        found = client.get(reverse("tradeweek:programme"), {"speaker": "湾区"}).content
        assert "Opening forum" in found.decode()
        found = client.get(reverse("tradeweek:programme"), {"speaker": "nobody"}).content
        assert "No event matches these filters." in found.decode()
    lines = speakers_by_event([forum.pk, other.pk], english=False)
    assert events_with_speaker(lines, "灣區資本") == {forum.pk}


def test_the_event_page_shows_speakers_in_three_languages(client, forum) -> None:  # type: ignore[no-untyped-def]
    EventSpeaker.objects.create(event=forum, name="Emily Wong", role="moderator")
    expected = {"en": "Moderator", "zh-hant": "主持人", "zh-hans": "主持人"}
    for language, label in expected.items():
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
        with translation.override(language):
            page = client.get(reverse("tradeweek:event", args=[forum.pk])).content.decode()
        assert f'<span class="muted">{label}</span> <strong>Emily Wong</strong>' in page


def test_showing_speakers_reads_no_personal_field(client, forum, director) -> None:  # type: ignore[no-untyped-def]
    EventSpeaker.objects.create(event=forum, person=director)
    page = client.get(reverse("tradeweek:event", args=[forum.pk])).content.decode()
    assert "陳志明" in page
    assert "5555" not in page and "chen@example.com" not in page
    assert PersonalDataAccess.objects.count() == 0


def test_organisers_edit_speakers_in_order_with_history(client, organiser, forum, director) -> None:  # type: ignore[no-untyped-def]
    organiser.language = "en"
    organiser.save(update_fields=["language"])
    client.force_login(organiser)
    url = reverse("tradeweek:staff_speakers", args=[forum.pk])
    assert client.get(url).status_code == 200
    data = {
        "speakers-TOTAL_FORMS": "2", "speakers-INITIAL_FORMS": "0",
        "speakers-MIN_NUM_FORMS": "0", "speakers-MAX_NUM_FORMS": "40",
        "speakers-0-role": "host", "speakers-0-organisation_name": "",
        "speakers-0-name": "", "speakers-0-person": "",
        "speakers-1-role": "speaker", "speakers-1-person": str(director.pk),
    }  # fmt: skip
    response = client.post(url, data)
    assert response.status_code == 200  # the empty host row is refused, nothing saved
    assert "Choose a person or an organisation from the directory, or type a name." in (
        response.content.decode()
    )
    assert EventSpeaker.objects.count() == 0
    data["speakers-0-name"] = "Emily Wong"
    response = client.post(url, data)
    assert response.status_code == 302
    rows = list(EventSpeaker.objects.order_by("order").values_list("order", "role", "name"))
    assert rows == [(1, "host", "Emily Wong"), (2, "speaker", "")]
    first = EventSpeaker.objects.get(name="Emily Wong")
    data.update({
        "speakers-INITIAL_FORMS": "2", "speakers-TOTAL_FORMS": "2",
        "speakers-0-id": str(first.pk), "speakers-0-DELETE": "on",
        "speakers-1-id": str(EventSpeaker.objects.get(person=director).pk),
    })  # fmt: skip
    assert client.post(url, data).status_code == 302
    assert list(EventSpeaker.objects.values_list("order", "person_id")) == [(1, director.pk)]
    with translation.override("en"):
        sentences = [s.text for s in history_sentences(forum, user=organiser, language="en")]
    assert any("Emily Wong" in text for text in sentences), sentences


def test_save_speakers_numbers_rows_in_the_order_given(forum) -> None:  # type: ignore[no-untyped-def]
    a, b = EventSpeaker(name="A"), EventSpeaker(name="B")
    save_speakers(event=forum, rows=[b, a], removed=[])
    assert list(EventSpeaker.objects.order_by("order").values_list("name", flat=True)) == [
        "B",
        "A",
    ]


def test_outsiders_cannot_edit_speakers(client, investor, forum) -> None:  # type: ignore[no-untyped-def]
    client.force_login(investor)
    assert client.get(reverse("tradeweek:staff_speakers", args=[forum.pk])).status_code == 403
