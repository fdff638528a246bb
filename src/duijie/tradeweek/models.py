"""The trade week: programme (venues, events, registrations), participants, meeting
requests, the meeting slot grid, scheduled meetings with their seats, and outcomes.

Double booking is refused by the database itself: one live meeting per (slot, table)
and one seat per (slot, participant) (:class:`MeetingSeat`). Times are aware
datetimes; pages show them in the venue's time zone.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class City(models.TextChoices):
    HONG_KONG = "hong_kong", _("Hong Kong")
    SHENZHEN = "shenzhen", _("Shenzhen")
    MACAO = "macao", _("Macao")
    GUANGZHOU = "guangzhou", _("Guangzhou")
    CHANGSHA = "changsha", _("Changsha")
    OTHER = "other", _("Other city")


class Venue(models.Model):
    """A place where events and meetings happen; ``tables`` is its meeting table count."""

    edition = models.ForeignKey(
        "reference.Edition", on_delete=models.CASCADE, related_name="venues"
    )
    name = models.CharField(_("name"), max_length=200)
    name_en = models.CharField(_("English name"), max_length=200, blank=True)
    city = models.CharField(_("city"), max_length=20, choices=City.choices)
    address = models.CharField(_("address"), max_length=300, blank=True)
    time_zone = models.CharField(_("time zone"), max_length=40, default="Asia/Hong_Kong")
    tables = models.PositiveSmallIntegerField(_("meeting tables"), default=0)
    is_demo = models.BooleanField(_("demo record"), default=False)

    class Meta:
        verbose_name = _("venue")
        verbose_name_plural = _("venues")
        ordering = ["edition", "city", "name"]

    def __str__(self) -> str:
        return self.name


class TravelTime(models.Model):
    """Minutes needed from one venue to another (the reverse direction if not given)."""

    origin = models.ForeignKey(Venue, on_delete=models.CASCADE, related_name="travel_from")
    destination = models.ForeignKey(Venue, on_delete=models.CASCADE, related_name="travel_to")
    minutes = models.PositiveIntegerField(_("minutes"))

    class Meta:
        verbose_name = _("travel time")
        verbose_name_plural = _("travel times")
        constraints = [
            models.UniqueConstraint(fields=["origin", "destination"], name="travel_time_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.origin} → {self.destination}: {self.minutes}"


class EventKind(models.TextChoices):
    SESSION = "session", _("Session")
    ROADSHOW = "roadshow", _("Roadshow")
    FORUM = "forum", _("Forum")
    SITE_VISIT = "site_visit", _("Site visit")
    MATCHMAKING = "matchmaking", _("Matchmaking session")


class RegistrationRule(models.TextChoices):
    OPEN = "open", _("Open registration")
    APPROVAL = "approval", _("Approval required")
    INVITATION = "invitation", _("Invitation only")


class Event(models.Model):
    """One event of the week's programme; ``confirmed_count`` counts confirmed seats."""

    edition = models.ForeignKey(
        "reference.Edition", on_delete=models.CASCADE, related_name="events"
    )
    venue = models.ForeignKey(Venue, on_delete=models.PROTECT, related_name="events")
    kind = models.CharField(_("kind"), max_length=20, choices=EventKind.choices)
    title = models.CharField(_("title"), max_length=300)
    title_en = models.CharField(_("English title"), max_length=300, blank=True)
    description = models.TextField(_("description"), blank=True)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    capacity = models.PositiveIntegerField(_("capacity"), null=True, blank=True)
    language = models.CharField(_("language"), max_length=60, blank=True)
    audience = models.CharField(_("audience"), max_length=300, blank=True)
    rule = models.CharField(
        _("registration"),
        max_length=12,
        choices=RegistrationRule.choices,
        default=RegistrationRule.OPEN,
    )
    is_public = models.BooleanField(_("shown on the public programme"), default=True)
    confirmed_count = models.PositiveIntegerField(default=0, editable=False)
    sequence = models.PositiveIntegerField(default=0, editable=False)
    is_demo = models.BooleanField(_("demo record"), default=False)

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["starts_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="event_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(capacity__isnull=True) | Q(confirmed_count__lte=F("capacity")),
                name="event_not_over_capacity",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def seats_left(self) -> int | None:
        return None if self.capacity is None else max(self.capacity - self.confirmed_count, 0)


class RegistrationStatus(models.TextChoices):
    INVITED = "invited", _("Invited")
    PENDING = "pending", _("Awaiting approval")
    CONFIRMED = "confirmed", _("Confirmed")
    WAITLISTED = "waitlisted", _("On the waiting list")
    DECLINED = "declined", _("Declined")
    CANCELLED = "cancelled", _("Cancelled")


class Registration(models.Model):
    """A person's invitation to, or registration for, an event."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="registrations"
    )
    status = models.CharField(_("status"), max_length=12, choices=RegistrationStatus.choices)
    created_at = models.DateTimeField(_("registered"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    checked_in_at = models.DateTimeField(_("checked in"), null=True, blank=True)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["event", "created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["event", "user"], name="registration_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.event}"


class ParticipantKind(models.TextChoices):
    INVESTOR = "investor", _("Investor")
    BUYER = "buyer", _("Buyer")
    PROJECT_OWNER = "project_owner", _("Project owner")
    SUPPLIER = "supplier", _("Supplier")


def new_calendar_token() -> str:
    return secrets.token_urlsafe(24)


class Participant(models.Model):
    """A user taking part in one edition's meetings, with their side and what they bring."""

    edition = models.ForeignKey(
        "reference.Edition", on_delete=models.CASCADE, related_name="participants"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="participations"
    )
    kind = models.CharField(_("side"), max_length=20, choices=ParticipantKind.choices)
    organisation = models.ForeignKey(
        "directory.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organisation"),
    )
    project = models.ForeignKey(
        "catalogue.Project",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("project"),
    )
    summary = models.CharField(_("project or mandate summary"), max_length=500, blank=True)
    max_meetings = models.PositiveSmallIntegerField(_("most meetings"), null=True, blank=True)
    calendar_token = models.CharField(
        max_length=64, unique=True, default=new_calendar_token, editable=False
    )
    is_demo = models.BooleanField(_("demo record"), default=False)

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        ordering = ["edition", "user__name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["edition", "user"], name="participant_unique")
        ]

    def __str__(self) -> str:
        return str(self.user)


class WeekRules(models.Model):
    """Per-edition settings of the meeting programme."""

    edition = models.OneToOneField(
        "reference.Edition", on_delete=models.CASCADE, related_name="week_rules"
    )
    request_expiry_hours = models.PositiveIntegerField(
        _("pending requests expire after (hours)"), null=True, blank=True
    )
    schedule_published = models.BooleanField(_("schedule published"), default=False)

    class Meta:
        verbose_name = _("trade week rules")
        verbose_name_plural = _("trade week rules")

    def __str__(self) -> str:
        return str(self.edition)


class RequestQuota(models.Model):
    """How many open requests one side may send, and how many pending ones it may receive."""

    edition = models.ForeignKey(
        "reference.Edition", on_delete=models.CASCADE, related_name="request_quotas"
    )
    kind = models.CharField(_("side"), max_length=20, choices=ParticipantKind.choices)
    max_open_sent = models.PositiveSmallIntegerField(_("open requests sent"))
    max_pending_received = models.PositiveSmallIntegerField(_("pending requests received"))

    class Meta:
        verbose_name = _("request quota")
        verbose_name_plural = _("request quotas")
        constraints = [
            models.UniqueConstraint(fields=["edition", "kind"], name="request_quota_unique")
        ]

    def __str__(self) -> str:
        return f"{self.edition} {self.kind}"


class MeetingSlot(models.Model):
    """A meeting time window at a venue (all the venue's tables), part of the edition's grid."""

    edition = models.ForeignKey(
        "reference.Edition", on_delete=models.CASCADE, related_name="meeting_slots"
    )
    venue = models.ForeignKey(Venue, on_delete=models.PROTECT, related_name="slots")
    event = models.ForeignKey(
        Event,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="slots",
        verbose_name=_("matchmaking session"),
    )
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))

    class Meta:
        verbose_name = _("meeting slot")
        verbose_name_plural = _("meeting slots")
        ordering = ["starts_at", "venue", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="slot_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.venue} {self.starts_at:%Y-%m-%d %H:%M}"


class Preference(models.TextChoices):
    MUST = "must", _("Must meet")
    WOULD_LIKE = "would_like", _("Would like to meet")
    NO_THANKS = "no_thanks", _("No thanks")


class RequestSource(models.TextChoices):
    SUGGESTION = "suggestion", _("Suggestion")
    SEARCH = "search", _("Search")
    ORGANISER = "organiser", _("Organiser")


class RequestStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    EXPIRED = "expired", _("Expired")
    CANCELLED = "cancelled", _("Cancelled")
    DISMISSED = "dismissed", _("Not wanted")


OPEN_REQUEST_STATUSES = (RequestStatus.PENDING, RequestStatus.ACCEPTED)


class MeetingRequest(models.Model):
    """One participant asking to meet another; accepted requests are what gets scheduled."""

    edition = models.ForeignKey(
        "reference.Edition", on_delete=models.CASCADE, related_name="meeting_requests"
    )
    requester = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="sent_requests"
    )
    recipient = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="received_requests"
    )
    preference = models.CharField(_("preference"), max_length=12, choices=Preference.choices)
    note = models.CharField(_("note"), max_length=280, blank=True)
    source = models.CharField(_("source"), max_length=12, choices=RequestSource.choices)
    status = models.CharField(
        _("status"), max_length=12, choices=RequestStatus.choices, db_index=True
    )
    mandatory = models.BooleanField(_("mandatory meeting"), default=False)
    locked_slot = models.ForeignKey(
        MeetingSlot,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("fixed slot"),
    )
    locked_table = models.PositiveSmallIntegerField(_("fixed table"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"), null=True, blank=True)
    responded_at = models.DateTimeField(_("answered"), null=True, blank=True)
    unscheduled_code = models.CharField(max_length=40, blank=True)
    unscheduled_params = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = _("meeting request")
        verbose_name_plural = _("meeting requests")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(requester=F("recipient")), name="request_not_to_self"
            ),
            models.UniqueConstraint(
                fields=["requester", "recipient"],
                condition=Q(status__in=["pending", "accepted"]),
                name="one_open_request_per_pair",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.requester} → {self.recipient}"


class MeetingStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    HELD = "held", _("Held")
    NO_SHOW = "no_show", _("No-show")
    CANCELLED = "cancelled", _("Cancelled")


class Meeting(models.Model):
    """An accepted request placed in a slot at a table; ``sequence`` counts its changes."""

    request = models.OneToOneField(MeetingRequest, on_delete=models.CASCADE, related_name="meeting")
    slot = models.ForeignKey(MeetingSlot, on_delete=models.PROTECT, related_name="meetings")
    table = models.PositiveSmallIntegerField(_("table"), null=True)
    status = models.CharField(
        _("status"), max_length=12, choices=MeetingStatus.choices, default=MeetingStatus.SCHEDULED
    )
    sequence = models.PositiveIntegerField(default=0, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["slot__starts_at", "table", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["slot", "table"],
                condition=~Q(status="cancelled"),
                name="one_meeting_per_table",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.request} @ {self.slot} #{self.table}"


class MeetingSeat(models.Model):
    """One person's seat at a live meeting: one seat per person and slot, check-in per person."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="seats")
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="seats")
    slot = models.ForeignKey(MeetingSlot, on_delete=models.PROTECT, related_name="seats")
    checked_in_at = models.DateTimeField(_("checked in"), null=True, blank=True)
    no_show = models.BooleanField(_("no-show"), default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["slot", "participant"], name="one_seat_per_person_and_slot"
            ),
            models.UniqueConstraint(
                fields=["meeting", "participant"], name="one_seat_per_meeting_person"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.participant} @ {self.slot}"


class StandbyStatus(models.TextChoices):
    OPEN = "open", _("Offered")
    TAKEN = "taken", _("Taken")
    LAPSED = "lapsed", _("No longer available")


class StandbyOffer(models.Model):
    """A freed slot and table offered to an accepted but unscheduled request."""

    request = models.ForeignKey(
        MeetingRequest, on_delete=models.CASCADE, related_name="standby_offers"
    )
    slot = models.ForeignKey(MeetingSlot, on_delete=models.CASCADE, related_name="+")
    table = models.PositiveSmallIntegerField(_("table"))
    status = models.CharField(
        max_length=8, choices=StandbyStatus.choices, default=StandbyStatus.OPEN
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.request} → {self.slot} #{self.table}"


class NextStep(models.TextChoices):
    NONE = "none", _("None")
    CALL = "call", _("Follow-up call")
    SITE_VISIT = "site_visit", _("Site visit")
    NDA = "nda", _("NDA")
    TERM_SHEET = "term_sheet", _("Term sheet")
    SIGNING = "signing", _("Signing intention")


class Outcome(models.Model):
    """One side's rating of a meeting and the next step they intend."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="outcomes")
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="outcomes")
    rating = models.PositiveSmallIntegerField(_("rating"))
    next_step = models.CharField(_("next step"), max_length=12, choices=NextStep.choices)
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("meeting outcome")
        verbose_name_plural = _("meeting outcomes")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "participant"], name="one_outcome_per_side"),
            models.CheckConstraint(condition=Q(rating__gte=1, rating__lte=5), name="rating_1_to_5"),
        ]

    def __str__(self) -> str:
        return f"{self.meeting} {self.rating}"


class ScheduleRun(models.Model):
    """One press of "Schedule": its figures and the input problems that stopped it."""

    edition = models.ForeignKey(
        "reference.Edition", on_delete=models.CASCADE, related_name="schedule_runs"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    ok = models.BooleanField(default=False)
    scheduled = models.PositiveIntegerField(default=0)
    unscheduled = models.PositiveIntegerField(default=0)
    moved = models.PositiveIntegerField(default=0)
    stats = models.JSONField(default=dict, blank=True)
    problems = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.edition} {self.created_at:%Y-%m-%d %H:%M}"
