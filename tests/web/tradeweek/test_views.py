"""Pages: outsiders are refused, lists stay within a query budget, the flows work."""

from __future__ import annotations

import subprocess
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from duijie.tradeweek.forms import MandatoryMeetingForm
from duijie.tradeweek.models import Meeting, MeetingRequest, Outcome, RequestStatus
from duijie.tradeweek.services import onsite, placement, programme, requests
from tests.web.tradeweek.factories import (
    make_event,
    make_participant,
    make_request,
    make_slots,
    make_venue,
)

pytestmark = pytest.mark.django_db

STAFF_PAGES = [
    "tradeweek:staff",
    "tradeweek:staff_events",
    "tradeweek:staff_requests",
    "tradeweek:staff_schedule",
    "tradeweek:staff_offers",
    "tradeweek:schedule_export",
]
PARTICIPANT_PAGES = ["tradeweek:agenda", "tradeweek:requests"]


@pytest.mark.parametrize("name", STAFF_PAGES + PARTICIPANT_PAGES + ["tradeweek:staff_analytics"])
def test_anonymous_visitors_are_sent_to_login(client, edition, name) -> None:  # type: ignore[no-untyped-def]
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize("name", [*STAFF_PAGES, "tradeweek:staff_analytics"])
def test_participants_cannot_open_staff_pages(client_for, investor, edition, name) -> None:  # type: ignore[no-untyped-def]
    make_participant(edition, user=investor)
    assert client_for(investor).get(reverse(name)).status_code == 403


def test_leadership_reads_analytics_but_not_the_schedule(client_for, leadership, edition) -> None:  # type: ignore[no-untyped-def]
    client = client_for(leadership)
    assert client.get(reverse("tradeweek:staff_analytics")).status_code == 200
    assert client.get(reverse("tradeweek:staff_schedule")).status_code == 403


def test_non_participants_get_no_request_page(client_for, investor, edition) -> None:  # type: ignore[no-untyped-def]
    assert client_for(investor).get(reverse("tradeweek:requests")).status_code == 404


def test_someone_elses_meeting_cannot_be_cancelled_or_rated(client_for, investor, edition) -> None:  # type: ignore[no-untyped-def]
    make_participant(edition, user=investor)
    slot = make_slots(edition, make_venue(edition), n=1)[0]
    meeting = placement.seat_meeting(
        request=make_request(make_participant(edition), make_participant(edition)),
        slot=slot,
        table=1,
    )
    client = client_for(investor)
    assert client.post(reverse("tradeweek:meeting_cancel", args=[meeting.pk])).status_code == 403
    assert client.get(reverse("tradeweek:meeting_outcome", args=[meeting.pk])).status_code == 403


def test_someone_elses_request_cannot_be_answered(client_for, investor, edition) -> None:  # type: ignore[no-untyped-def]
    make_participant(edition, user=investor)
    request = make_request(
        make_participant(edition), make_participant(edition), status=RequestStatus.PENDING
    )
    response = client_for(investor).post(
        reverse("tradeweek:request_respond", args=[request.pk]), {"answer": "accept"}
    )
    assert response.status_code == 404


def test_check_in_needs_staff(client_for, investor, edition) -> None:  # type: ignore[no-untyped-def]
    registration = programme.register(event=make_event(edition, make_venue(edition)), user=investor)
    url = reverse("tradeweek:check_in", args=[onsite.registration_token(registration)])
    assert client_for(investor).post(url).status_code == 403


def test_the_calendar_feed_needs_the_secret_token(client, edition) -> None:  # type: ignore[no-untyped-def]
    participant = make_participant(edition)
    assert client.get(reverse("tradeweek:calendar", args=["wrong"])).status_code == 404
    response = client.get(reverse("tradeweek:calendar", args=[participant.calendar_token]))
    assert (response.status_code, response["Content-Type"]) == (200, "text/calendar; charset=utf-8")


def _events(edition, n: int) -> None:  # type: ignore[no-untyped-def]
    venue = make_venue(edition)
    for _ in range(n):
        make_event(edition, venue)


@pytest.mark.parametrize("n", [1, 5])
def test_the_public_programme_lists_events(
    client, edition, django_assert_max_num_queries, n
) -> None:  # type: ignore[no-untyped-def]
    _events(edition, n)
    with django_assert_max_num_queries(5):  # a fixed number; one more since speakers
        response = client.get(reverse("tradeweek:programme"))
    assert len(response.context["days"][0][1]) == n


@pytest.mark.parametrize("n", [1, 5])
def test_the_schedule_page_lists_meetings(
    client_for, organiser, edition, django_assert_max_num_queries, n
) -> None:  # type: ignore[no-untyped-def]
    slots = make_slots(edition, make_venue(edition, tables=n), n=1)
    for table in range(1, n + 1):
        placement.seat_meeting(
            request=make_request(make_participant(edition), make_participant(edition)),
            slot=slots[0],
            table=table,
        )
    client = client_for(organiser)
    with django_assert_max_num_queries(14):
        response = client.get(reverse("tradeweek:staff_schedule"))
    assert response.content.decode().count('class="week-cell is-booked') == n


@pytest.mark.parametrize("n", [1, 5])
def test_the_agenda_lists_meetings(
    client_for, investor, edition, django_assert_max_num_queries, n
) -> None:  # type: ignore[no-untyped-def]
    me = make_participant(edition, user=investor)
    slots = make_slots(edition, make_venue(edition), n=n)
    for slot in slots:
        placement.seat_meeting(
            request=make_request(me, make_participant(edition)), slot=slot, table=1
        )
    client = client_for(investor)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("tradeweek:agenda"))
    assert len(response.context["rows"]) == n


def test_register_and_cancel_through_the_pages(client_for, investor, edition) -> None:  # type: ignore[no-untyped-def]
    soon = timezone.now() + timedelta(days=3)  # past events are closed to sign-ups
    event = make_event(edition, make_venue(edition), capacity=5, start=soon)
    client = client_for(investor)
    client.post(reverse("tradeweek:register", args=[event.pk]))
    registration = event.registrations.get()
    assert registration.status == "confirmed"
    assert client.get(reverse("tradeweek:event", args=[event.pk])).status_code == 200
    client.post(reverse("tradeweek:cancel_registration", args=[registration.pk]))
    registration.refresh_from_db()
    assert registration.status == "cancelled"


def test_request_answer_and_rate_a_meeting(client_for, investor, project_owner, edition) -> None:  # type: ignore[no-untyped-def]
    me = make_participant(edition, user=investor)
    other = make_participant(edition, user=project_owner, kind="project_owner")
    slot = make_slots(edition, make_venue(edition), n=1)[0]
    client = client_for(investor)
    response = client.post(
        reverse("tradeweek:request_new", args=[other.pk]), {"preference": "must", "note": "Hi"}
    )
    assert response.status_code == 302
    request = MeetingRequest.objects.get(requester=me)
    client = client_for(project_owner)
    client.post(reverse("tradeweek:request_respond", args=[request.pk]), {"answer": "accept"})
    request.refresh_from_db()
    assert request.status == RequestStatus.ACCEPTED
    meeting = placement.seat_meeting(request=request, slot=slot, table=1)
    client.post(
        reverse("tradeweek:meeting_outcome", args=[meeting.pk]), {"rating": "4", "next_step": "nda"}
    )
    assert list(Outcome.objects.values_list("participant", "rating", "next_step")) == [
        (other.pk, 4, "nda")
    ]


def test_staff_check_in_and_schedule(client_for, organiser, edition) -> None:  # type: ignore[no-untyped-def]
    make_slots(edition, make_venue(edition), n=2)
    make_request(make_participant(edition), make_participant(edition))
    client = client_for(organiser)
    client.post(reverse("tradeweek:staff_schedule"), {"time_limit": "2"})
    meeting = Meeting.objects.get()
    seat = meeting.seats.first()
    url = reverse("tradeweek:check_in", args=[onsite.seat_token(seat)])
    assert client.get(url).status_code == 200
    client.post(url)
    seat.refresh_from_db()
    assert seat.checked_in_at is not None
    assert client.get(reverse("tradeweek:check_in", args=["forged"])).status_code == 404


def _pdf_tool(tool: str, pdf: bytes, tmp_path) -> str:  # type: ignore[no-untyped-def]
    path = tmp_path / "agenda.pdf"
    path.write_bytes(pdf)
    args = [tool, "-layout", str(path), "-"] if tool == "pdftotext" else [tool, str(path)]
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


def test_the_agenda_pdf_shows_counterpart_and_table_in_a_cjk_font(
    client_for, investor, edition, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    me = make_participant(edition, user=investor)
    other = make_participant(edition, kind="project_owner", name="陳大文")
    slot = make_slots(edition, make_venue(edition, tables=3, name="會展中心"), n=1)[0]
    placement.seat_meeting(request=make_request(me, other), slot=slot, table=3)
    response = client_for(investor).get(
        reverse("tradeweek:agenda_pdf"), HTTP_ACCEPT_LANGUAGE="zh-hant"
    )
    assert (response.status_code, response.content[:5]) == (200, b"%PDF-")
    lines = [
        " ".join(line.split())
        for line in _pdf_tool("pdftotext", response.content, tmp_path).splitlines()
    ]
    assert "與 陳大文 會面" in lines
    assert "場地 會展中心" in lines  # venue and table each labelled (issue 13)
    assert "桌號 3 號桌" in lines
    rows = [
        line.split() for line in _pdf_tool("pdffonts", response.content, tmp_path).splitlines()[2:]
    ]
    # every font is an embedded subset (emb, sub = yes) of the Hong Kong CJK face
    assert sorted((row[0].split("+")[1], row[-5], row[-4]) for row in rows) == [
        ("Noto-Sans-CJK-HK", "yes", "yes"),
        ("Noto-Sans-CJK-HK-Bold", "yes", "yes"),
    ]


@pytest.mark.parametrize("language", ["zh-hant", "zh-hans", "en"])
def test_pages_render_in_every_language(client_for, organiser, edition, language) -> None:  # type: ignore[no-untyped-def]
    organiser.language = language
    organiser.save()
    client = client_for(organiser)
    for name in ["tradeweek:programme", "tradeweek:staff_analytics", "tradeweek:staff_schedule"]:
        assert client.get(reverse(name), HTTP_ACCEPT_LANGUAGE=language).status_code == 200


def test_the_home_panel_shows_pending_requests(client_for, investor, edition) -> None:  # type: ignore[no-untyped-def]
    me = make_participant(edition, user=investor)
    send = make_participant(edition, kind="project_owner")
    requests.send_request(requester=send, recipient=me, preference="must")
    with translation.override("en"):
        page = client_for(investor).get(reverse("accounts:home"), HTTP_ACCEPT_LANGUAGE="en")
    assert page.context["panels"][-1]["week_pending"] == 1


def test_the_mandatory_meeting_form_checks_the_table(edition) -> None:  # type: ignore[no-untyped-def]
    slot = make_slots(edition, make_venue(edition, tables=2), n=1)[0]
    a, b = make_participant(edition), make_participant(edition)
    data = {"requester": a.pk, "recipient": b.pk, "slot": slot.pk, "table": 3}
    with translation.override("en"):
        form = MandatoryMeetingForm(data, edition=edition)
        assert form.errors == {"table": ["This venue has only 2 tables."]}
        same = MandatoryMeetingForm(
            {"requester": a.pk, "recipient": a.pk, "table": 1}, edition=edition
        )
        assert same.errors == {
            "__all__": ["Choose two different participants."],
            "table": ["A fixed table needs a fixed slot."],
        }
