"""Picker source of the trade week: an edition's participants (organisers only)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db.models import Q, QuerySet

from duijie.reference.pickers import SEPARATOR, PickerSource, ranked, register_picker
from duijie.tradeweek.models import Participant
from duijie_core.text import to_simplified, to_traditional

CANDIDATES = 500


def may_pick_participants(user: Any) -> bool:
    return bool(user.has_perm("tradeweek.manage_week"))


def participants(user: Any, params: Mapping[str, str]) -> QuerySet[Participant]:
    """The participants of the edition ``params["edition"]`` (none without one)."""
    edition = params.get("edition", "")
    found = Participant.objects.select_related("user", "organisation")
    return found.filter(edition_id=edition) if edition.isdigit() else found.none()


def _keys(participant: Participant) -> list[str]:
    org = participant.organisation
    return [participant.user.name, participant.user.email, *([org.name] if org else [])]


def find_participants(records: QuerySet[Participant], text: str) -> list[Participant]:
    """By the person's name (either script) or e-mail, or the organisation's names."""
    text = text.strip()
    query = Q(user__email__icontains=text) | Q(organisation__search_key__contains=text.lower())
    for written in {text, to_simplified(text), to_traditional(text)}:
        query |= Q(user__name__icontains=written)
        query |= Q(organisation__search_key__contains=to_simplified(written).lower())
    return ranked(records.filter(query)[:CANDIDATES], text, _keys)


def participant_label(participant: Participant) -> str:
    """Name · organisation · side, so that two participants of one name differ."""
    parts = [str(participant.user)]
    if participant.organisation is not None:
        parts.append(participant.organisation.name)
    parts.append(str(participant.get_kind_display()))
    return SEPARATOR.join(parts)


def register() -> None:
    register_picker(
        PickerSource(
            name="participants", allowed=may_pick_participants, records=participants,
            find=find_participants, defaults=lambda r: r.order_by("user__name", "pk"),
            label=participant_label,
        )
    )  # fmt: skip
