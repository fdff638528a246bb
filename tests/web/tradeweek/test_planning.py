"""The organisers' set-up: slot generation, events (SEQUENCE in the feed), venues,
travel times, request rules and enrolment, through services, forms and pages."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import translation
from icalendar import Calendar

from duijie.reference.models import Edition
from duijie.tradeweek.models import (
    Event,
    MeetingSlot,
    Participant,
    RequestQuota,
    TravelTime,
    Venue,
    WeekRules,
)
from duijie.tradeweek.planning_forms import (
    EnrolForm,
    EventForm,
    RequestRulesForm,
    SlotGenerationForm,
    VenueForm,
)
from duijie.tradeweek.services import placement, planning, programme
from duijie.tradeweek.services.agenda import calendar_for
from tests.web.tradeweek.factories import (
    HK,
    at,
    make_event,
    make_participant,
    make_request,
    make_slots,
    make_user,
    make_venue,
)

pytestmark = pytest.mark.django_db
PLAN = planning.SlotPlan(
    days=[dt.date(2025, 5, 14)], start=dt.time(9, 30), end=dt.time(10, 40), length=20, gap=5
)


def _clock(pairs):  # type: ignore[no-untyped-def]
    return [(f"{a.astimezone(HK):%m-%d %H:%M}", f"{b.astimezone(HK):%H:%M}") for a, b in pairs]


def test_slot_windows_fill_the_window_with_whole_slots_and_breaks() -> None:
    windows = planning.slot_windows(PLAN, "Asia/Hong_Kong")
    assert _clock(windows) == [
        ("05-14 09:30", "09:50"),
        ("05-14 09:55", "10:15"),
        ("05-14 10:20", "10:40"),
    ]


def test_slot_windows_are_local_to_the_venue() -> None:
    windows = planning.slot_windows(PLAN, "Asia/Shanghai")
    assert windows[0][0].isoformat() == "2025-05-14T09:30:00+08:00"
    assert windows[0][0].utcoffset() == dt.timedelta(hours=8)


def test_generating_slots_skips_windows_that_overlap_the_grid(edition) -> None:  # type: ignore[no-untyped-def]
    venue, other = make_venue(edition), make_venue(edition)
    make_slots(edition, venue, start=at(14, 10), n=1)  # 10:00–10:20
    made = planning.generate_slots(edition=edition, plan=PLAN, venues=[venue, other])
    assert (made.created, made.skipped) == (5, 1)
    rows = MeetingSlot.objects.filter(venue=venue).order_by("starts_at")
    assert _clock((s.starts_at, s.ends_at) for s in rows) == [
        ("05-14 09:30", "09:50"),
        ("05-14 10:00", "10:20"),
        ("05-14 10:20", "10:40"),
    ]


def _feed_sequence(participant, uid):  # type: ignore[no-untyped-def]
    calendar = Calendar.from_ical(calendar_for(participant))
    entry = next(e for e in calendar.walk("VEVENT") if str(e["uid"]) == uid)
    return int(entry["sequence"]), entry["dtstart"].dt.isoformat(), str(entry["location"])


def test_moving_an_event_raises_its_sequence_in_the_feed(edition) -> None:  # type: ignore[no-untyped-def]
    hall, park = make_venue(edition, name="Hall"), make_venue(edition, name="Park")
    event = make_event(edition, hall, start=at(14, 9))
    person = make_participant(edition)
    registration = programme.register(event=event, user=person.user)
    uid = f"registration-{registration.pk}@duijie.tradeweek"
    assert _feed_sequence(person, uid) == (0, "2025-05-14T09:00:00+08:00", "Hall")
    planning.save_event(edition=edition, event=event, title="Renamed", description="More")
    assert _feed_sequence(person, uid) == (0, "2025-05-14T09:00:00+08:00", "Hall")
    planning.save_event(edition=edition, event=event, starts_at=at(14, 11), ends_at=at(14, 12))
    assert _feed_sequence(person, uid) == (1, "2025-05-14T11:00:00+08:00", "Hall")
    planning.save_event(edition=edition, event=event, venue=park)
    assert _feed_sequence(person, uid) == (2, "2025-05-14T11:00:00+08:00", "Park")


def _event_data(venue, **changes):  # type: ignore[no-untyped-def]
    data = {
        "kind": "session",
        "title": "投資推介會",
        "venue": venue.pk,
        "day": "2025-05-14",
        "start": "14:00",
        "end": "15:30",
        "capacity": "50",
        "rule": "open",
        "language": "普通話",
        "audience": "Investors",
        "is_public": "on",
    }
    return {**data, **changes}


def test_staff_edit_an_event_and_the_feed_follows(client_for, organiser, edition) -> None:  # type: ignore[no-untyped-def]
    venue = make_venue(edition)
    client = client_for(organiser)
    response = client.post(reverse("tradeweek:staff_event_new"), _event_data(venue))
    event = Event.objects.get()
    assert response["Location"] == reverse("tradeweek:staff_event", args=[event.pk])
    assert (event.starts_at, event.ends_at, event.capacity, event.sequence) == (
        at(14, 14),
        at(14, 15, 30),
        50,
        0,
    )
    person = make_participant(edition)
    registration = programme.register(event=event, user=person.user)
    url = reverse("tradeweek:staff_event_edit", args=[event.pk])
    assert client.get(url).context["form"].initial["start"] == dt.time(14, 0)
    client.post(url, _event_data(venue, start="16:00", end="17:00"))
    uid = f"registration-{registration.pk}@duijie.tradeweek"
    assert _feed_sequence(person, uid)[:2] == (1, "2025-05-14T16:00:00+08:00")


def test_the_event_form_explains_its_refusals(edition) -> None:  # type: ignore[no-untyped-def]
    venue = make_venue(edition)
    event = make_event(edition, venue, capacity=3)
    for _ in range(2):
        programme.register(event=event, user=make_user())
    event.refresh_from_db()
    with translation.override("en"):
        form = EventForm(
            _event_data(venue, start="15:00", end="14:00", capacity="1"),
            instance=event,
            edition=edition,
        )
        assert form.errors == {
            "end": ["The end must be after the start."],
            "capacity": ["2 people are already confirmed; the capacity cannot be lower."],
        }


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("en", "The end must be after the start."),
        ("zh-hans", "结束时间必须晚于开始时间。"),
        ("zh-hant", "結束時間必須晚於開始時間。"),
    ],
)
def test_validation_messages_in_three_languages(edition, language, message) -> None:  # type: ignore[no-untyped-def]
    venue = make_venue(edition)
    with translation.override(language):
        form = EventForm(_event_data(venue, start="15:00", end="14:00"), edition=edition)
        assert form.errors == {"end": [message]}


def test_the_venue_form_checks_time_zone_and_tables_in_use(edition) -> None:  # type: ignore[no-untyped-def]
    venue = make_venue(edition, tables=3)
    slot = make_slots(edition, venue, n=1)[0]
    a, b = make_participant(edition), make_participant(edition)
    placement.seat_meeting(request=make_request(a, b), slot=slot, table=3)
    data = {"name": "Hall", "city": "hong_kong", "time_zone": "Asia/Hongkong_X", "tables": "2"}
    with translation.override("en"):
        form = VenueForm(data, instance=venue)
        assert form.errors == {
            "time_zone": ["Unknown time zone Asia/Hongkong_X; write it like Asia/Hong_Kong."],
            "tables": [
                "1 meeting uses a table above 2: 14 May, 10:00 (Hong Kong Time),"
                f" table 3: {a} ↔ {b}. Move or cancel it on the schedule first."
            ],
        }


def test_the_slot_form_needs_room_for_one_slot(edition) -> None:  # type: ignore[no-untyped-def]
    venue = make_venue(edition)
    data = {"days": ["2025-05-14"], "start": "09:00", "end": "09:15", "length": "20", "gap": "0"}
    with translation.override("en"):
        form = SlotGenerationForm({**data, "venues": [venue.pk]}, edition=edition)
        assert form.errors == {"end": ["No slot of 20 minutes fits between 09:00 and 09:15."]}
        outside = SlotGenerationForm(
            {**data, "days": ["2025-06-01"], "end": "10:00", "venues": [venue.pk]}, edition=edition
        )
        assert list(outside.errors) == ["days"]
    assert [
        value for value, _label in SlotGenerationForm(edition=edition).fields["days"].choices
    ] == [
        "2025-05-13",
        "2025-05-14",
        "2025-05-15",
        "2025-05-16",
    ]


def test_staff_generate_slots_and_see_the_grid(client_for, organiser, edition) -> None:  # type: ignore[no-untyped-def]
    venue = make_venue(edition, tables=4, name="Hall")
    client = client_for(organiser)
    data = {
        "days": ["2025-05-14", "2025-05-15"],
        "start": "09:30",
        "end": "10:40",
        "length": "20",
        "gap": "5",
        "venues": [venue.pk],
    }
    response = client.post(reverse("tradeweek:staff_slots"), data, follow=True)
    assert MeetingSlot.objects.filter(venue=venue).count() == 6
    page = response.content.decode()
    assert "已新增 6 個時段，略過 0 個（與現有時段重疊）。" in page  # zh-Hant, the default
    assert page.count('class="week-slot"') == 6
    assert [day for day, _venues in response.context["days"]] == [
        dt.date(2025, 5, 14),
        dt.date(2025, 5, 15),
    ]


def test_travel_times_are_set_and_removed(client_for, organiser, edition) -> None:  # type: ignore[no-untyped-def]
    a, b = make_venue(edition), make_venue(edition)
    client = client_for(organiser)
    url = reverse("tradeweek:staff_venues")
    client.post(url, {"origin": a.pk, "destination": b.pk, "minutes": "45"})
    assert list(TravelTime.objects.values_list("origin", "destination", "minutes")) == [
        (a.pk, b.pk, 45)
    ]
    client.post(url, {"origin": a.pk, "destination": b.pk, "minutes": ""})
    assert TravelTime.objects.count() == 0
    response = client.post(url, {"origin": a.pk, "destination": a.pk, "minutes": "5"})
    assert response.context["form"].errors == {"destination": ["請選擇兩個不同的場地。"]}


def test_staff_add_and_change_a_venue(client_for, organiser, edition) -> None:  # type: ignore[no-untyped-def]
    client = client_for(organiser)
    data = {"name": "會展中心", "city": "hong_kong", "time_zone": "Asia/Hong_Kong", "tables": "8"}
    client.post(reverse("tradeweek:staff_venue_new"), data)
    venue = Venue.objects.get()
    client.post(reverse("tradeweek:staff_venue_edit", args=[venue.pk]), {**data, "tables": "10"})
    venue.refresh_from_db()
    assert (venue.edition_id, venue.name, venue.tables) == (edition.pk, "會展中心", 10)


def test_request_rules_save_expiry_and_quotas(client_for, organiser, edition) -> None:  # type: ignore[no-untyped-def]
    RequestQuota.objects.create(
        edition=edition, kind="buyer", max_open_sent=1, max_pending_received=1
    )
    client = client_for(organiser)
    data = {"expiry_hours": "48", "investor_sent": "10", "investor_received": "20"}
    client.post(reverse("tradeweek:staff_rules"), data)
    assert WeekRules.objects.get(edition=edition).request_expiry_hours == 48
    assert list(
        RequestQuota.objects.values_list("kind", "max_open_sent", "max_pending_received")
    ) == [("investor", 10, 20)]
    form = client.get(reverse("tradeweek:staff_rules")).context["form"]
    assert (form.initial["expiry_hours"], form.initial["investor_sent"]) == (48, 10)


def test_request_rules_need_both_numbers_of_a_side(edition) -> None:  # type: ignore[no-untyped-def]
    with translation.override("en"):
        form = RequestRulesForm({"buyer_sent": "3"}, edition=edition)
        assert form.errors == {"buyer_received": ["Give both numbers for Buyer, or neither."]}


def test_bulk_enrolment_is_all_or_nothing(edition) -> None:  # type: ignore[no-untyped-def]
    known = make_user()
    data = {"kind": "investor", "emails": f"{known.email.upper()}\n\nnobody@example.test\n"}
    with translation.override("en"):
        form = EnrolForm(data, edition=edition)
        assert form.errors == {"emails": ["Line 3: no account has the email nobody@example.test."]}
        assert EnrolForm({"kind": "investor"}, edition=edition).errors == {
            "__all__": ["Pick people, an organisation or paste a list of emails."]
        }
    assert Participant.objects.count() == 0


def test_staff_enrol_from_a_list_an_organisation_and_a_pick(client_for, organiser, edition) -> None:  # type: ignore[no-untyped-def]
    from duijie.directory.models import Membership, Organisation

    listed, picked, already = make_user(), make_user(), make_user()
    make_participant(edition, user=already)
    organisation = Organisation.objects.create(kind="buyer", name="永州果蔬（示範）")
    member = make_user()
    Membership.objects.create(user=member, organisation=organisation)
    client = client_for(organiser)
    data = {
        "kind": "buyer",
        "emails": f"{listed.email}\n{already.email}",
        "users": [picked.pk],
        "organisation": organisation.pk,
    }
    response = client.post(reverse("tradeweek:staff_participants"), data, follow=True)
    assert "已登記 3 人；另有 1 人原已參與。" in response.content.decode()
    rows = Participant.objects.filter(kind="buyer").values_list("user", "organisation")
    assert sorted(rows) == sorted(
        [(listed.pk, None), (picked.pk, None), (member.pk, organisation.pk)]
    )


SETUP_PAGES = [
    ("tradeweek:staff_venues", []),
    ("tradeweek:staff_venue_new", []),
    ("tradeweek:staff_event_new", []),
    ("tradeweek:staff_slots", []),
    ("tradeweek:staff_rules", []),
    ("tradeweek:staff_participants", []),
]


@pytest.mark.parametrize(("name", "args"), SETUP_PAGES)
def test_set_up_pages_refuse_outsiders(client, client_for, investor, edition, name, args) -> None:  # type: ignore[no-untyped-def]
    url = reverse(name, args=args)
    response = client.get(url)
    assert (response.status_code, response["Location"].split("?")[0]) == (
        302,
        reverse("accounts:login"),
    )
    assert client_for(investor).get(url).status_code == 403
    assert client_for(investor).post(url, {}).status_code == 403


def test_objects_of_another_edition_are_not_found(client_for, organiser, investor, edition) -> None:  # type: ignore[no-untyped-def]
    old = Edition.objects.create(
        slug="old", name="old", starts_on=dt.date(2024, 5, 1), ends_on=dt.date(2024, 5, 3)
    )
    venue = make_venue(old)
    event = make_event(old, venue)
    client = client_for(organiser)
    assert client.get(reverse("tradeweek:staff_venue_edit", args=[venue.pk])).status_code == 404
    assert client.get(reverse("tradeweek:staff_event_edit", args=[event.pk])).status_code == 404
    mine = make_event(edition, make_venue(edition))
    url = reverse("tradeweek:staff_event_edit", args=[mine.pk])
    assert client_for(investor).get(url).status_code == 403


@pytest.mark.parametrize("n", [1, 4])
def test_set_up_lists_stay_within_a_query_budget(
    client_for, organiser, edition, django_assert_max_num_queries, n
) -> None:  # type: ignore[no-untyped-def]
    venues = [make_venue(edition, tables=2) for _ in range(n)]
    for venue in venues:
        make_slots(edition, venue, n=n)
        make_participant(edition)
    for venue in venues[1:]:
        planning.set_travel_time(origin=venues[0], destination=venue, minutes=30)
    client = client_for(organiser)
    with django_assert_max_num_queries(12):
        grid = client.get(reverse("tradeweek:staff_slots"))
    assert grid.content.decode().count('class="week-slot"') == n * n
    with django_assert_max_num_queries(12):
        page = client.get(reverse("tradeweek:staff_venues"))
    assert (len(page.context["venues"]), len(page.context["travel"])) == (n, n - 1)
    with django_assert_max_num_queries(14):
        people = client.get(reverse("tradeweek:staff_participants"))
    assert len(people.context["people"]) == n
