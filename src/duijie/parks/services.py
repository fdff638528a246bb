"""Domain functions of the parks app: every write (keyword arguments, transactions)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from duijie.catalogue.search import query_terms
from duijie.parks.models import PolicyInnovation, SiteSuggestion
from duijie.parks.siting import Suggestion
from duijie.pipeline.models import Deal
from duijie_core.siting.model import Ranked
from duijie_core.siting.phrases import LANGUAGES, describe
from duijie_core.text import normalise


class ParksError(Exception):
    """A refused action of the parks app (the message says what to do)."""


def innovation_text(innovation: PolicyInnovation) -> str:
    """The normalised search text: titles and summaries in every script (catalogue's rules)."""
    texts = [
        innovation.code,
        innovation.title_hant,
        innovation.title_hans,
        innovation.title_en,
        innovation.summary_hant,
        innovation.summary_hans,
        innovation.summary_en,
    ]
    return "\n".join(normalise(t) for t in texts if t)


def index_innovation(innovation: PolicyInnovation) -> None:
    """Side effect: the innovation's search text is stored again."""
    innovation.search_text = innovation_text(innovation)
    PolicyInnovation.objects.filter(pk=innovation.pk).update(search_text=innovation.search_text)


def search_innovations(query: str, innovations: Any = None) -> Any:
    """Innovations matching ``query`` in any script, as the catalogue's search reads a query:
    every Han bigram and latin word is required, single characters as substrings."""
    found = PolicyInnovation.objects.all() if innovations is None else innovations
    terms = query_terms(query)
    for piece in (*terms.tokens, *terms.characters):
        found = found.filter(search_text__contains=piece)
    return found


def reason_snapshot(
    item: Ranked, names: dict[str, dict[str, str]]
) -> tuple[dict[str, Any], dict[str, list[str]]]:
    """The reasons as codes with parameters, and as sentences in the three languages."""
    codes = {
        name: {
            "score": factor.score,
            "reasons": [{"code": r.code, "params": dict(r.params)} for r in factor.reasons],
        }
        for name, factor in item.factors.items()
    }
    sentences = {
        language: [
            describe(r, language, names.get(language, {}))
            for factor in item.factors.values()
            for r in factor.reasons
        ]
        for language in LANGUAGES
    }
    return codes, sentences


@transaction.atomic
def attach_suggestion(
    *,
    deal: Deal,
    suggestion: Suggestion,
    platform_ids: Sequence[int],
    names: dict[str, dict[str, str]],
    user: Any,
) -> list[SiteSuggestion]:
    """Attach the chosen platforms of ``suggestion`` to ``deal`` with their reasons as they are.

    Side effects: one SiteSuggestion per platform (an earlier one for the same platform is
    replaced). Raises :class:`ParksError` if a platform is not in the ranking.
    """
    ranks = {item.platform: (number, item) for number, item in enumerate(suggestion.ranked, 1)}
    missing = [pk for pk in platform_ids if pk not in ranks]
    if missing or not platform_ids:
        raise ParksError(_("Choose at least one platform of the ranking."))
    made = []
    for pk in platform_ids:
        number, item = ranks[pk]
        codes, sentences = reason_snapshot(item, names)
        row, _created = SiteSuggestion.objects.update_or_create(
            deal=deal,
            platform_id=pk,
            defaults={
                "rank": number,
                "score": item.score,
                "coverage": item.coverage,
                "reasons": codes,
                "sentences": sentences,
                "attached_by": user,
            },
        )
        made.append(row)
    return made


def detach_suggestion(*, suggestion: SiteSuggestion) -> None:
    """Side effect: the suggestion is deleted."""
    suggestion.delete()
