"""Consent as a rule: people who refused or withdrew consent are not contacted.

They are never invited or added to a campaign (:class:`ConsentWithheld`), their contacts
are never shown (``privacy.read_person``), and campaign counts leave them out, saying how
many were left out (:func:`campaign_reach`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from duijie.directory.models import WITHHELD_CONSENT, Campaign, Consent, Person
from duijie.directory.privacy import record_access
from duijie.directory.segments import segment_people


class ConsentWithheld(ValueError):
    """Contacting ``person`` would go against their refused or withdrawn consent."""

    def __init__(self, person: Person) -> None:
        self.person = person
        super().__init__(person.pk)

    def __str__(self) -> str:
        return _(
            "%(name)s's consent is “%(consent)s”: they are not invited or added to campaigns."
        ) % {"name": self.person.name, "consent": self.person.get_consent_display()}


@dataclass(frozen=True)
class Reach:
    """A campaign's segment: who may be contacted and how many were left out."""

    contactable: int
    excluded: int


def campaign_reach(campaign: Campaign) -> Reach | None:
    """The campaign's segment counted without people who refused or withdrew consent."""
    if campaign.segment is None:
        return None
    people = segment_people(campaign.segment.filters)
    excluded = people.filter(consent__in=WITHHELD_CONSENT).count()
    return Reach(contactable=people.count() - excluded, excluded=excluded)


@transaction.atomic
def change_consent(
    *, person: Person, user: Any, consent: str, on: dt.date | None, source: str, purpose: str = ""
) -> Person:
    """Record ``person``'s consent answer with its date and source.

    Side effects: saves the person; writes an access record (action ``consent``) saying
    what changed (codes and date only: the append-only log never holds free text about
    the person, which erasure could not remove), so every change of consent stays on record.
    """
    before = Person.objects.values_list("consent", flat=True).get(pk=person.pk)
    person.consent, person.consent_on = consent, on
    person.consent_source, person.consent_purpose = source, purpose
    person.save(update_fields=["consent", "consent_on", "consent_source", "consent_purpose"])
    change = f"{before} → {Consent(consent).value} ({on or '—'})"
    record_access(user=user, person_ids=[person.pk], fields=("consent",), where=change,
                  action="consent")  # fmt: skip
    return person
