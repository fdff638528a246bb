from django.urls import path

from duijie.tradeweek.views import onsite, participant, planning, public, staff

app_name = "tradeweek"

urlpatterns = [
    path("", public.programme_page, name="programme"),
    path("events/<int:pk>/", public.event_page, name="event"),
    path("events/<int:pk>/register/", public.register, name="register"),
    path("registrations/<int:pk>/cancel/", public.cancel_registration, name="cancel_registration"),
    path("agenda/", participant.agenda, name="agenda"),
    path("agenda.pdf", participant.agenda_pdf, name="agenda_pdf"),
    path("calendar/<str:token>.ics", participant.calendar_feed, name="calendar"),
    path("requests/", participant.request_list, name="requests"),
    path("requests/new/<int:pk>/", participant.request_new, name="request_new"),
    path("requests/<int:pk>/respond/", participant.request_respond, name="request_respond"),
    path("requests/<int:pk>/withdraw/", participant.request_withdraw, name="request_withdraw"),
    path("meetings/<int:pk>/cancel/", participant.meeting_cancel, name="meeting_cancel"),
    path("meetings/<int:pk>/outcome/", participant.meeting_outcome, name="meeting_outcome"),
    path("offers/<int:pk>/take/", participant.offer_take, name="offer_take"),
    path("check-in/<str:token>/", onsite.check_in, name="check_in"),
    path("staff/", staff.staff_home, name="staff"),
    path("staff/events/", staff.staff_events, name="staff_events"),
    path("staff/events/<int:pk>/", staff.staff_event, name="staff_event"),
    path("staff/events/new/", planning.event_edit, name="staff_event_new"),
    path("staff/events/<int:pk>/edit/", planning.event_edit, name="staff_event_edit"),
    path("staff/venues/", planning.venues, name="staff_venues"),
    path("staff/venues/new/", planning.venue_edit, name="staff_venue_new"),
    path("staff/venues/<int:pk>/", planning.venue_edit, name="staff_venue_edit"),
    path("staff/slots/", planning.slots, name="staff_slots"),
    path("staff/rules/", planning.request_rules, name="staff_rules"),
    path("staff/participants/", planning.participants, name="staff_participants"),
    path(
        "staff/registrations/<int:pk>/<str:action>/",
        staff.registration_action,
        name="registration_action",
    ),
    path("staff/requests/", staff.staff_requests, name="staff_requests"),
    path("staff/schedule/", staff.staff_schedule, name="staff_schedule"),
    path("staff/offers/", staff.staff_offers, name="staff_offers"),
    path("staff/meetings/<int:pk>/move/", staff.meeting_move, name="meeting_move"),
    path("staff/meetings/<int:pk>/cancel/", staff.meeting_staff_cancel, name="staff_cancel"),
    path("staff/slots/<int:slot_pk>/tables/<int:table>/fill/", staff.seat_fill, name="seat_fill"),
    path("staff/schedule/instance.json", staff.schedule_export, name="schedule_export"),
    path("staff/meetings/<int:pk>/no-show/<int:participant_pk>/", staff.no_show, name="no_show"),
    path("staff/analytics/", staff.staff_analytics, name="staff_analytics"),
]
