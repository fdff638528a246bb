"""Which ranker ranked a run, trained on what, and why it fell back, in the reader's words.

The runner records codes and counts (``MatchRun.ranker``, see
``runner.ranker_summary``); this module turns them into sentences at the edge
(the run page).
"""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from duijie.localised import day, number, percent
from duijie.matchmaking.models import MatchRun


def learned(run: MatchRun) -> bool:
    """Did the learned ranker rank the run's project ↔ investor pairs?"""
    return (run.ranker or {}).get("used") == "learned"


def with_owner_side(run: MatchRun | None) -> bool:
    """Does the run's score weigh the project owner's side (reciprocity)?"""
    return run is not None and bool((run.ranker or {}).get("reciprocity"))


def _trained_on(ranker: dict[str, object]) -> dict[str, str]:
    before = ranker.get("trained_before")
    return {
        "queries": number(int(ranker.get("train_queries") or 0)),  # type: ignore[call-overload]
        "deals": number(int(ranker.get("deals") or 0)),  # type: ignore[call-overload]
        "date": day(dt.date.fromisoformat(str(before))) if before else "—",
        "minimum": number(int(ranker.get("min_queries") or 0)),  # type: ignore[call-overload]
        "rounds": number(int(ranker.get("rounds") or 0)),  # type: ignore[call-overload]
        "share": percent(float(ranker.get("validation_share") or 0.0)),  # type: ignore[arg-type]
    }


def ranker_sentences(run: MatchRun) -> list[str]:
    """What ranked the run's project ↔ investor pairs, as sentences (first: which ranker)."""
    ranker = run.ranker or {}
    values = _trained_on(ranker)
    used, why = ranker.get("used"), ranker.get("why")
    if not ranker:
        return [
            _(
                "Ranked by the matching engine (weighted signals): this run was made before"
                " the learned ranker."
            )
        ]
    if used == "learned":
        found = [
            _(
                "Ranked by the learned ranker: candidates from the deal history, re-ranked by a"
                " model trained on %(queries)s past deals as queries (of the %(deals)s financing"
                " events dated before %(date)s); it kept %(rounds)s boosting rounds."
            )
            % values
        ]
        if ranker.get("reciprocity"):
            found.append(
                _(
                    "The project owner's side counts too (strategic or financial investor,"
                    " currency, location, the investor's follow-on record): the score is the"
                    " harmonic mean of the investor's and the owner's interest."
                )
            )
        cold = int(ranker.get("cold_projects") or 0)  # type: ignore[call-overload]
        if cold:
            found.append(
                ngettext(
                    "%(n)s project has few comparable deals in the history: its investors are"
                    " ranked by mandate fit, and its reasons say so.",
                    "%(n)s projects have few comparable deals in the history: their investors"
                    " are ranked by mandate fit, and their reasons say so.",
                    cold,
                )
                % {"n": number(cold)}
            )
        return found
    first = _("Ranked by the matching engine (weighted signals).")
    if why == "too_few_training_queries":
        return [
            first,
            _(
                "The learned ranker was not used: only %(queries)s past deals with an investor"
                " seen earlier could train it (at least %(minimum)s are needed), among the"
                " %(deals)s financing events dated before %(date)s."
            )
            % values,
        ]
    if why == "no_round_kept":
        return [
            first,
            _(
                "The learned ranker was trained on %(queries)s past deals as queries (financing"
                " events dated before %(date)s), but on the latest %(share)s of them no boosting"
                " round ranked better than the engine's own order, so it kept no model."
            )
            % values,
        ]
    return [first, _("The learned ranker was not asked for in this run.")]
