"""The programme: venues, travel times between them, events, registrations and the
meeting slot grid."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


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

    @property
    def shown_name(self) -> str:
        """The name in the reader's language: the English name for English readers when given."""
        return _in_reader_language(self.name, self.name_en)


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


class MeetingKind(models.TextChoices):
    """Which 1:1 meetings a matchmaking session hosts (blank: any)."""

    INVESTMENT = "investment", _("Investors and project owners")
    TRADE = "trade", _("Buyers and suppliers")


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
    meeting_kind = models.CharField(
        _("1:1 meetings hosted"),
        max_length=12,
        choices=MeetingKind.choices,
        blank=True,
        help_text=_("Its meeting slots take only this kind of meeting; empty: any kind."),
    )
    confirmed_count = models.PositiveIntegerField(default=0, editable=False)
    sequence = models.PositiveIntegerField(default=0, editable=False)
    is_demo = models.BooleanField(_("demo record"), default=False)

    history = HistoricalRecords(excluded_fields=["confirmed_count", "sequence"])

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
    def shown_title(self) -> str:
        """The title in the reader's language: the English title for English readers when given."""
        return _in_reader_language(self.title, self.title_en)

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


def checked_in_by_field() -> models.ForeignKey:  # type: ignore[type-arg]
    """Who checked the person in (registrations and meeting seats)."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("checked in by"),
    )


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
    checked_in_by = checked_in_by_field()

    history = HistoricalRecords(excluded_fields=["created_at", "updated_at"])

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["event", "created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["event", "user"], name="registration_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.event}"


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


class SpeakerRole(models.TextChoices):
    SPEAKER = "speaker", _("Speaker")
    MODERATOR = "moderator", _("Moderator")
    HOST = "host", _("Host")


class EventSpeaker(models.Model):
    """A speaker, moderator or host of an event: a person of the directory, an
    organisation of the directory (a host), or a name as typed for an outside speaker
    (or only an organisation's name, for an outside host).

    What the programme shows is public by the person's taking the stage: the name, the
    title and the organisation (typed here, else the directory's). Nothing of the
    directory's personal fields (contacts, hometown, schools …) is read for it.
    """

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="speakers")
    role = models.CharField(
        _("role"), max_length=10, choices=SpeakerRole.choices, default=SpeakerRole.SPEAKER
    )
    person = models.ForeignKey(
        "directory.Person",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="event_roles",
        verbose_name=_("person in the directory"),
    )
    organisation = models.ForeignKey(
        "directory.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="event_roles",
        verbose_name=_("organisation in the directory"),
    )
    name = models.CharField(_("name"), max_length=200, blank=True)
    title = models.CharField(_("title"), max_length=200, blank=True)
    title_en = models.CharField(_("English title"), max_length=200, blank=True)
    organisation_name = models.CharField(_("organisation (as typed)"), max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("speaker or host")
        verbose_name_plural = _("speakers and hosts")
        ordering = ["event", "order", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(person__isnull=False)
                | Q(organisation__isnull=False)
                | ~Q(name="")
                | ~Q(organisation_name=""),
                name="event_speaker_names_someone",
            ),
        ]

    def __str__(self) -> str:
        if self.name:
            return self.name
        if self.person_id is not None:
            return str(self.person)
        return str(self.organisation or self.organisation_name)


def _in_reader_language(entered: str, english: str) -> str:
    """What an English reader sees is the English text when one was entered; every other
    reader sees the text as entered (no script conversion of names)."""
    return english if english and get_language() == "en" else entered
