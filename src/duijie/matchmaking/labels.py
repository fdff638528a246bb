"""Reasons as stored: code, parameters and a sentence per language, in the reader's words.

The adapter hands the core round labels (B轮, 并购), instrument codes (equity) and
the reference data's Simplified names of places and industries (湖南省,
电力、热力生产和供应业), which it can compare; a reader should see the catalogue's
own words ("Under construction", 股權) and the reference names in their language
(Hunan, 電力、熱力生產和供應業, Production and Supply of Electricity and Heat).
:func:`localised_reasons` renders every reason that shows such a parameter once
per language with :func:`duijie_core.matching.reasons.render`. Proper names in
parameters (companies, people) are never touched.

Figures: the one mapping from a signal, load statistic, hard-filter code or outcome
source (keys of the core and of stored runs) to the label a reader sees. Pages and
exports call :func:`figure_label`; an unknown key is shown as it is.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from duijie import localised
from duijie.catalogue.models import Instrument, Stage
from duijie.directory.privacy import may_read, record_access
from duijie.matchmaking.adapters import MERGER_ROUND, PROJECT_STAGE_ROUNDS
from duijie.reference.names import names_in
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


def reference_names(language: str) -> dict[str, str]:
    """The reference names in ``language`` (core code), read once per process."""
    return names_in(DJANGO_LANGUAGE[language])


def warm_labels() -> None:
    """Read now what :func:`relabel` reads lazily (the reference names and the catalogue's
    words in every language), so that processes forked afterwards only compute."""
    for language in LANGUAGES:
        reference_names(language)
        for choice in (*Stage, *Instrument):
            _label(choice, language)


def relabel(reason: Reason) -> dict[str, object]:
    """One reason as stored: round/instrument parameters in the catalogue's words and
    reference names in each language.

    A run relabels the same few sentences for thousands of pairs (a region, an industry),
    so the result is remembered by code, parameters and texts while the reference names
    it was rendered with are the ones in use (``load_all`` replaces them).
    """
    key = (
        reason.code,
        tuple((k, v.__class__, v) for k, v in reason.params.items()),
        tuple(reason.texts.items()),
    )
    names = reference_names(LANGUAGES[0])
    if _RELABELLED.names is not names or len(_RELABELLED.stored) >= RELABELLED_KEPT:
        _RELABELLED.names, _RELABELLED.stored = names, {}
    stored = _RELABELLED.stored.get(key)
    if stored is None:
        stored = _RELABELLED.stored[key] = _relabelled(reason)
    return {
        "code": stored["code"],
        "params": dict(stored["params"]),
        "texts": dict(stored["texts"]),
    }


@dataclass
class _Relabelled:
    names: object = None
    stored: dict[object, dict[str, Any]] = field(default_factory=dict)


_RELABELLED = _Relabelled()
RELABELLED_KEPT = 65536


def _relabelled(reason: Reason) -> dict[str, Any]:
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
WARM_INTRODUCTION = _("a warm introduction is possible through agency staff")


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


# --- figures --------------------------------------------------------------------------------

SIGNAL_LABELS: dict[str, str | Promise] = {
    "industry": _("Industry wanted by the investor"),
    "ticket": _("Amount within the investor's usual range"),
    "stage": _("Stage wanted by the investor"),
    "region": _("Region wanted by the investor"),
    "instrument": _("Type of investment wanted by the investor"),
    "thesis": _("Investor's focus shares words with the project"),
    "thesis_embedding": _("Investor's focus is close in meaning to the project"),
    "history_industry": _("Past deals in the same or related industries"),
    "history_round": _("Past deals at the same stage"),
    "history_city": _("Past deals in the same city"),
    "history_text": _("Past deals in companies described in similar words"),
    "history_embedding": _("Past deals in companies close in meaning"),
    "history_ticket": _("Usual deal size close to the amount sought"),
    "follow_on": _("Invested in this company before"),
    "co_investment": _("Invested alongside this company's investors"),
    "activity": _("Number of recent deals"),
    "owner": _("What the project owner looks for in an investor"),
    "ties": _("Hometown, school or earlier meeting in common"),
}
# The core's load statistics (duijie_core.matching.spreading.LoadStats), in the page's order.
STATISTIC_LABELS: dict[str, str | Promise] = {
    "n_recommendations": _("Suggestions in total"),
    "n_investors": _("Investors suggested at least once"),
    "max": _("Most suggestions to one investor"),
    "mean": _("Suggestions per investor, on average"),
    "p50": _("Half of the investors receive at most"),
    "p90": _("Nine in ten investors receive at most"),
    "p99": _("99 in 100 investors receive at most"),
    "top10_share": _("Share of suggestions going to the busiest tenth of investors"),
    "gini": _("Unevenness (0 = spread evenly, 1 = all to one investor)"),
}
SHARE_STATISTICS = frozenset({"top10_share"})
EXCLUSION_LABELS: dict[str, str | Promise] = {
    "excluded_industry": _("industry excluded by the investor"),
    "excluded_region": _("region excluded by the investor"),
    "excluded_ticket": _("amount outside the investor's range"),
    "excluded_instrument": _("type of investment not offered by the investor"),
    "excluded_certification": _("a certification the investor requires is missing"),
}
OUTCOME_SOURCE_LABELS: dict[str, str | Promise] = {
    "feedback": _("Feedback on suggestions"),
    "meeting_request": _("Answered meeting requests"),
    "meeting_rating": _("Meeting ratings"),
    "signed_deal": _("Signed deals"),
}
SUPPLY_SIGNAL_LABELS: dict[str, str | Promise] = {
    "product": _("Product wanted"),
    "volume": _("Volume in each month needed"),
    "season": _("Months in season"),
    "delivery": _("Delivery time to the market"),
    "price": _("Price against the buyer's target or maximum"),
    "serves": _("Supplier delivers to the buyer's market"),
    "certification": _("Certifications required"),
    "cold_chain": _("Cold chain"),
}
# Why a buyer's need got no supplier (the core's counts of supplier pairs left out).
NEED_EXCLUSION_LABELS: dict[str, str | Promise] = {
    "no_product": _("offer none of the products wanted"),
    "excluded_certification": _("lack a certification the buyer requires"),
    "excluded_cold_chain": _("have no cold chain"),
    "excluded_delivery": _("deliver too slowly to the market"),
}
FIGURE_LABELS: dict[str, str | Promise] = {
    **SIGNAL_LABELS,
    **SUPPLY_SIGNAL_LABELS,
    **STATISTIC_LABELS,
    **EXCLUSION_LABELS,
    **OUTCOME_SOURCE_LABELS,
}


def figure_label(key: str) -> str:
    """The reader's label for a signal, statistic, filter code or outcome source."""
    return str(FIGURE_LABELS.get(key, key))


def labelled(figures: dict[str, object]) -> list[tuple[str, object]]:
    """``figures`` (key → value) as (label, value) pairs, in their stored order."""
    return [(figure_label(key), value) for key, value in figures.items()]


def statistic_rows(before: dict[str, object], after: dict[str, object]) -> list[dict[str, object]]:
    """The load statistics before and after spreading, labelled; shares as percentages."""
    return [
        {
            "label": label,
            "before": _shown(key, before.get(key)),
            "after": _shown(key, after.get(key)),
            "percent": key in SHARE_STATISTICS,
        }
        for key, label in STATISTIC_LABELS.items()
    ]


def _shown(key: str, value: object) -> object:
    """A statistic in the reader's number form: shares as percentages with one decimal,
    other fractional figures with one decimal, counts as whole numbers."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return value
    if key in SHARE_STATISTICS:
        return localised.number(value * 100, 1)
    return localised.number(value, 1 if isinstance(value, float) else None)
