"""The participant's week (issue 13): the home panel during and after the week, the
agenda with labelled venue and table, QR codes in the PDF, and calendar entries that
say who, from where, about what and at which table.

Bugs: the home page said "no meetings scheduled" to people with 4 and 8 meetings (it
listed only future ones); the agenda PDF had no QR codes; the iCal summary was
"name #1" with no organisation, project or description.
"""

from __future__ import annotations

import subprocess
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from icalendar import Calendar

from duijie.catalogue.models import Project
from duijie.directory.models import Organisation
from duijie.tradeweek.models import MeetingSlot, NextStep
from duijie.tradeweek.services import onsite, placement
from duijie.tradeweek.services.agenda import calendar_for
from tests.web.tradeweek.factories import make_participant, make_request, make_slots, make_venue

pytestmark = pytest.mark.django_db


@pytest.fixture
def pair(edition):  # type: ignore[no-untyped-def]
    alice = make_participant(edition, name="Alice Investor")
    bob = make_participant(edition, kind="project_owner", name="Bob Owner")
    bob.organisation = Organisation.objects.create(name="Xiang River Energy")
    bob.project = Project.objects.create(
        edition=edition, code="P0001", name_en="Storage Plant", name_hant="儲能電站"
    )
    bob.save()
    for person in (alice, bob):
        person.user.language = "en"
        person.user.save(update_fields=["language"])
    return alice, bob


def _meet(edition, a, b, *, start=None, table: int = 3):  # type: ignore[no-untyped-def]
    venue = make_venue(edition, tables=4, name="Harbour Hall")
    slot = make_slots(edition, venue, start=start, n=1)[0]
    return placement.seat_meeting(request=make_request(a, b), slot=slot, table=table)


def test_the_calendar_entry_names_organisation_project_and_table(edition, pair) -> None:  # type: ignore[no-untyped-def]
    alice, bob = pair
    meeting = _meet(edition, alice, bob)
    entry = Calendar.from_ical(calendar_for(alice)).walk("VEVENT")[0]
    assert str(entry["uid"]) == f"meeting-{meeting.request_id}@duijie.tradeweek"
    assert str(entry["summary"]) == "Meeting with Bob Owner · Xiang River Energy · Table 3"
    assert str(entry["description"]).splitlines() == [
        "Meeting with: Bob Owner",
        "Organisation: Xiang River Energy",
        "Project: Storage Plant",
        "Venue: Harbour Hall",
        "Table: 3",
    ]


def test_the_calendar_speaks_the_participant_language(edition, pair) -> None:  # type: ignore[no-untyped-def]
    alice, bob = pair
    alice.user.language = "zh-hant"
    alice.user.save(update_fields=["language"])
    _meet(edition, alice, bob)
    entry = Calendar.from_ical(calendar_for(alice)).walk("VEVENT")[0]
    assert str(entry["summary"]) == "與Bob Owner · Xiang River Energy會面 · 第 3 桌"
    assert "項目：儲能電站" in str(entry["description"]).splitlines()


def _home(client, user) -> str:  # type: ignore[no-untyped-def]
    client.force_login(user)
    with translation.override("en"):
        return client.get(reverse("accounts:home")).content.decode()


def test_after_the_week_the_home_page_tells_what_happened(client, edition, pair) -> None:  # type: ignore[no-untyped-def]
    alice, bob = pair
    held = _meet(edition, alice, bob)  # 14 May 2025, long past
    for seat in held.seats.all():
        onsite.check_in(target=onsite.CheckInTarget(seat=seat))
    page = _home(client, alice.user)
    assert "No meetings scheduled yet." not in page
    assert "What happened" in page
    assert "1 meeting behind you · 1 checked in by both sides" in page
    assert "Bob Owner (Xiang River Energy)" in page and "Table 3" in page
    assert "Feedback to give on 1 meeting" in page
    rate = reverse("tradeweek:meeting_outcome", args=[held.pk])
    assert f'href="{rate}"' in page
    onsite.record_outcome(meeting=held, participant=alice, rating=5, next_step=NextStep.CALL)
    page = _home(client, alice.user)
    assert f'href="{rate}"' not in page and "Feedback to give" not in page


def test_during_the_week_the_home_page_shows_today_and_next(client, edition, pair) -> None:  # type: ignore[no-untyped-def]
    alice, bob = pair
    carol = make_participant(edition, kind="project_owner", name="Carol Later")
    now = timezone.now()
    # Starting now: on the venue's date of today whatever the hour (a start 30 minutes
    # ahead fell on tomorrow between 23:30 and midnight Hong Kong time).
    today = _meet(edition, alice, bob, start=now)
    later = _meet(edition, alice, carol, start=now + timedelta(days=2), table=1)
    page = _home(client, alice.user)
    today_part = page.split("<h3>Today</h3>")[1].split("<h3>Next meetings</h3>")
    assert "Bob Owner" in today_part[0] and "Carol Later" not in today_part[0]
    assert "Carol Later" in today_part[1]
    assert MeetingSlot.objects.filter(pk__in=[today.slot_id, later.slot_id]).count() == 2


def test_the_agenda_labels_venue_and_table_and_links_the_project(client, edition, pair) -> None:  # type: ignore[no-untyped-def]
    alice, bob = pair
    _meet(edition, alice, bob)
    client.force_login(alice.user)
    with translation.override("en"):
        page = client.get(reverse("tradeweek:agenda")).content.decode()
    assert "<dt>Venue</dt><dd>Harbour Hall</dd>" in page
    assert "<dt>Table</dt><dd><strong>Table 3</strong></dd>" in page
    assert f'href="{reverse("catalogue:detail", args=[edition.slug, "P0001"])}"' in page


def test_the_agenda_pdf_has_a_check_in_code_per_meeting(client, edition, pair, tmp_path) -> None:  # type: ignore[no-untyped-def]
    alice, bob = pair
    carol = make_participant(edition, kind="project_owner", name="Carol")
    _meet(edition, alice, bob)
    _meet(edition, alice, carol, table=1)
    client.force_login(alice.user)
    response = client.get(reverse("tradeweek:agenda_pdf"))
    path = tmp_path / "agenda.pdf"
    path.write_bytes(response.content)
    listing = subprocess.run(
        ["pdfimages", "-list", str(path)], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    assert len(listing) == 2
