"""Which ranker ranked a run, trained on what, why it fell back, and what of the deal
history was left out, in the reader's words.

The runner records codes and counts (``MatchRun.ranker``, see
``runner.ranker_summary``; ``MatchRun.counts["history"]``, see
``adapters.checked_history``); this module turns them into sentences at the edge
(the run page), the history's problem codes through the project's problem messages
(``interchange.problems.message``).
"""

from __future__ import annotations

import datetime as dt

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, ngettext_lazy

from duijie.interchange.problems import message
from duijie.localised import day, listing, number, percent
from duijie.matchmaking.models import MatchRun

# The problem codes of ``duijie_core.matching.history_checks`` a web run can meet
# (``count``: the number shown, ``n``: the same number choosing the plural form).
HISTORY_MESSAGES: dict[str, Promise] = {
    "future_deal": ngettext_lazy(
        "%(count)s financing event dated after the run's date was left out: %(examples)s",
        "%(count)s financing events dated after the run's date were left out: %(examples)s",
        "n",
    ),
    "duplicate_deal": ngettext_lazy(
        "%(count)s financing event repeats an earlier one (same date, company, round and"
        " investors) and was left out: %(examples)s",
        "%(count)s financing events repeat an earlier one (same date, company, round and"
        " investors) and were left out: %(examples)s",
        "n",
    ),
    "no_investors": ngettext_lazy(
        "%(count)s financing event names no investor: it is kept, but counts for no"
        " investor: %(examples)s",
        "%(count)s financing events name no investor: they are kept, but count for no"
        " investor: %(examples)s",
        "n",
    ),
    "unreadable_amount": ngettext_lazy(
        "%(count)s financing event has an amount that could not be read: it is kept, with"
        " the amount unknown: %(examples)s",
        "%(count)s financing events have an amount that could not be read: they are kept,"
        " with the amount unknown: %(examples)s",
        "n",
    ),
}


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


def history_sentences(run: MatchRun) -> list[str]:
    """What the run's history checks left out or counted, one sentence per kind with a
    few of the events (company and date); none when the history was clean."""
    found = (run.counts or {}).get("history") or {}
    return [
        message(code, _history_params(found[code]), HISTORY_MESSAGES)
        for code in HISTORY_MESSAGES
        if code in found
    ]


def _history_params(entry: dict[str, object]) -> dict[str, object]:
    count = int(entry.get("count") or 0)  # type: ignore[call-overload]
    shown = list(entry.get("examples") or [])  # type: ignore[call-overload]
    examples = [f"{e['company']} {day(dt.date.fromisoformat(e['date']))}" for e in shown]
    if count > len(shown):
        examples.append("…")
    return {"n": count, "count": number(count), "examples": listing(examples)}
