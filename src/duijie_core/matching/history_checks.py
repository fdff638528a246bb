"""Checks of a deal history before a ranker learns from it: reported, never silently used.

:func:`check_history` returns the deals to learn from and a :class:`HistoryReport`:

- ``future_deal``: dated after ``today`` (left out: it would leak the future);
- ``investor_spellings``: names the directory's entity resolution
  (:class:`~duijie_core.resolution.OrgResolver`) decides are one organisation
  (红杉资本 / 紅杉資本 …); every spelling is replaced by the most frequent one;
- ``duplicate_deal``: the same date, company, round and investors (after the
  spellings are merged) as an earlier row (left out);
- ``unreadable_amount``: an amount the parser cannot read (kept as unknown,
  never as zero);
- ``no_investors``: names no investor (kept: it counts for no investor).

``spellings=False`` leaves names as they are (no ``investor_spellings``): for a
history whose investors are already resolved records (the web app's directory
organisations), where a names-only guess must not overrule that resolution.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace

from duijie_core.matching.model import Deal
from duijie_core.money import AmountError, UnknownAmount, parse_amount
from duijie_core.problems import Problem
from duijie_core.resolution import OrgRecord, OrgResolver
from duijie_core.text import normalise


@dataclass(frozen=True)
class HistoryReport:
    """What was wrong with a history, by kind (each a :class:`Problem` naming rows)."""

    future: tuple[Problem, ...] = ()
    spellings: tuple[Problem, ...] = ()
    duplicates: tuple[Problem, ...] = ()
    unreadable_amounts: tuple[Problem, ...] = ()
    no_investors: tuple[Problem, ...] = ()

    @property
    def problems(self) -> tuple[Problem, ...]:
        """All problems, in the order above."""
        return (
            *self.future,
            *self.spellings,
            *self.duplicates,
            *self.unreadable_amounts,
            *self.no_investors,
        )


def check_history(
    deals: Sequence[Deal],
    *,
    today: dt.date,
    source: str = "history",
    resolver: OrgResolver | None = None,
    spellings: bool = True,
) -> tuple[list[Deal], HistoryReport]:
    """The deals to use (future and duplicated rows out, spellings merged unless
    ``spellings`` is false) and the report.

    Every problem names the ``source`` (``file``) and, where it is one row, the ``row``.
    """
    future = [d for d in deals if d.date > today]
    current = [d for d in deals if d.date <= today]
    canonical: dict[str, str] = {}
    merged_names: list[Problem] = []
    if spellings:
        canonical, merged_names = investor_spellings(current, resolver or OrgResolver(), source)
    merged = [_respelled(d, canonical) for d in current]
    kept, duplicates = _without_duplicates(merged, source)
    report = HistoryReport(
        future=tuple(
            Problem("future_deal", {"file": source, "row": d.row, "date": d.date.isoformat()})
            for d in future
        ),
        spellings=tuple(merged_names),
        duplicates=tuple(duplicates),
        unreadable_amounts=tuple(
            Problem("unreadable_amount", {"file": source, "row": d.row, "value": _text(d)})
            for d in kept
            if _unreadable(d)
        ),
        no_investors=tuple(
            Problem("no_investors", {"file": source, "row": d.row}) for d in kept if not d.investors
        ),
    )
    return kept, report


def investor_spellings(
    deals: Sequence[Deal], resolver: OrgResolver, source: str = "history"
) -> tuple[dict[str, str], list[Problem]]:
    """Raw name → the spelling it is merged into, and one problem per merged group."""
    counts = Counter(name for d in deals for name in d.investors)
    names = sorted(counts, key=lambda n: (-counts[n], n))
    fitted = resolver.fit([OrgRecord(key=str(i), names=(n,)) for i, n in enumerate(names)])
    canonical: dict[str, str] = {}
    problems = []
    for cluster in fitted.clusters_:
        group = sorted((names[int(k)] for k in cluster.keys), key=lambda n: (-counts[n], n))
        if len({normalise(n) for n in group}) > 1:
            problems.append(
                Problem(
                    "investor_spellings",
                    {"file": source, "names": "; ".join(group), "used": group[0]},
                )
            )
        for name in group:
            canonical[name] = group[0]
    return canonical, problems


def _respelled(deal: Deal, canonical: dict[str, str]) -> Deal:
    names = tuple(dict.fromkeys(canonical.get(n, n) for n in deal.investors))
    return deal if names == deal.investors else replace(deal, investors=names)


def _without_duplicates(deals: Sequence[Deal], source: str) -> tuple[list[Deal], list[Problem]]:
    seen: dict[tuple[object, ...], int] = {}
    kept, problems = [], []
    for d in deals:
        key = (d.date, normalise(d.company), normalise(d.round), frozenset(d.investors))
        if key in seen:
            problems.append(
                Problem("duplicate_deal", {"file": source, "row": d.row, "first": seen[key]})
            )
        else:
            seen[key] = d.row
            kept.append(d)
    return kept, problems


def _text(deal: Deal) -> str:
    return deal.amount.text if isinstance(deal.amount, UnknownAmount) else ""


def _unreadable(deal: Deal) -> bool:
    """An unknown amount whose text is not a "not disclosed" word."""
    text = _text(deal).strip()
    if not text:
        return False
    try:
        parse_amount(text)
    except AmountError:
        return True
    return False
