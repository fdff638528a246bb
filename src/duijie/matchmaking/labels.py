"""Reasons as stored: code, parameters and a sentence per language, in the reader's words.

The adapter hands the core round labels (B轮, 并购), instrument codes (equity) and
the reference data's Simplified names of places and industries (湖南省,
电力、热力生产和供应业), which it can compare; a reader should see the catalogue's
own words ("Under construction", 股權) and the reference names in their language
(Hunan, 電力、熱力生產和供應業, Production and Supply of Electricity and Heat).
:func:`localised_reasons` renders every reason that shows such a parameter once
per language with :func:`duijie_core.matching.reasons.render`. Proper names in
parameters (companies, people) are never touched.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from typing import Any

from django.utils import translation
from django.utils.translation import gettext_lazy

from duijie.catalogue.models import Instrument, Stage
from duijie.directory.privacy import may_read, record_access
from duijie.matchmaking.adapters import MERGER_ROUND, PROJECT_STAGE_ROUNDS
from duijie.reference.translated import names_in
from duijie_core.matching.model import LANGUAGES, Reason
from duijie_core.matching.reasons import NAME_PARAMS, render

RELABELLED = frozenset(
    {
        "stage_match",
        "stage_adjacent",
        "history_round",
        "history_similar",
        "instrument_match",
        "excluded_instrument",
    }
)
DJANGO_LANGUAGE = {"zh-Hant": "zh-hant", "zh-Hans": "zh-hans", "en": "en"}
ROUND_STAGES = {label: stage for stage, label in PROJECT_STAGE_ROUNDS.items()}
INSTRUMENTS = frozenset(Instrument.values)  # ``Instrument.values`` builds a new list per call


def reason_language(django_language: str | None) -> str:
    """The core's language code for a Django language code (zh-Hant by default)."""
    wanted = (django_language or "").lower()
    return next((core for core, dj in DJANGO_LANGUAGE.items() if dj == wanted), "zh-Hant")


def _choice(key: str, value: object) -> Stage | Instrument | None:
    if key == "round" and value in ROUND_STAGES:
        return Stage(ROUND_STAGES[str(value)])
    if key == "round" and value == MERGER_ROUND:
        return Instrument.MERGER
    if key == "instrument" and value in INSTRUMENTS:
        return Instrument(str(value))
    return None


@functools.cache
def _label(choice: Stage | Instrument, language: str) -> str:
    """The catalogue's label of ``choice`` in ``language`` (labels are fixed: cached)."""
    with translation.override(DJANGO_LANGUAGE[language]):
        return str(choice.label)


@functools.cache
def reference_names(language: str) -> dict[str, str]:
    """The reference names in ``language`` (core code), read once per process."""
    return names_in(DJANGO_LANGUAGE[language])


def relabel(reason: Reason) -> dict[str, object]:
    """One reason as stored: round/instrument parameters in the catalogue's words and
    reference names in each language."""
    texts = dict(reason.texts)
    choices = {}
    if reason.code in RELABELLED:
        choices = {k: _choice(k, reason.params.get(k)) for k in ("round", "instrument")}
    names = any(reason.params.get(key) for key in NAME_PARAMS)
    if names or any(choices.values()):
        for language in LANGUAGES:
            params = dict(reason.params)
            for key, choice in choices.items():
                if choice is not None:
                    params[key] = _label(choice, language)
            texts[language] = render(reason.code, params, language, reference_names(language))
    return {"code": reason.code, "params": dict(reason.params), "texts": texts}


def localised_reasons(reasons: Iterable[Reason]) -> list[dict[str, object]]:
    """Every reason of a recommendation as stored (see :func:`relabel`)."""
    return [relabel(r) for r in reasons]


def reason_texts(reasons: list[dict[str, object]], django_language: str | None) -> list[str]:
    """The stored reasons' sentences in the reader's language."""
    language = reason_language(django_language)
    out = []
    for reason in reasons:
        texts = reason.get("texts") or {}
        if isinstance(texts, dict):
            out.append(str(texts.get(language) or texts.get("zh-Hant") or reason.get("code")))
    return out


TIE_CODES = frozenset({"tie_hometown", "tie_school"})
"""Reasons built from staff-only personal data (people's hometowns and schools)."""
WARM_INTRODUCTION = gettext_lazy("a warm introduction is possible through agency staff")


def has_ties(reasons: list[dict[str, object]]) -> bool:
    """Whether any of the stored reasons is a tie built from personal data."""
    return any(reason.get("code") in TIE_CODES for reason in reasons)


def ties_detail(user: Any, *, where: str, shown: bool, action: str = "view") -> bool:
    """Whether ``user`` sees ties in detail (roles that may read personal data); when
    they do and ties are ``shown``, the read is logged through the privacy boundary.
    """
    if not may_read(user):
        return False
    if shown:
        record_access(
            user=user, person_ids=(), fields=("hometown", "schools"), where=where, action=action
        )
    return True


def hide_ties(reasons: list[dict[str, object]], *, ties_detail: bool) -> list[dict[str, object]]:
    """The reasons a reader may see: without ``ties_detail`` (readers who may not see
    personal data) a tie from a hometown or school becomes "a warm introduction is
    possible through agency staff", without the place or school.
    """
    if ties_detail or not has_ties(reasons):
        return reasons
    texts = {}
    for language, django_language in DJANGO_LANGUAGE.items():
        with translation.override(django_language):
            texts[language] = str(WARM_INTRODUCTION)
    hidden = {"code": "tie_via_staff", "params": {}, "texts": texts}
    return [hidden if reason.get("code") in TIE_CODES else reason for reason in reasons]
