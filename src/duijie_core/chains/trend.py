"""A link's trend in a region, year by year, from dated events of the firms on it.

The directory has no founding dates, so a link's trend is read from what is dated: financing
rounds of the firms on the link (the deal history: momentum) and pipeline leads opened with
them (the agency's own activity). Each event is counted in its year as local, elsewhere or of
no known region (the firm's headquarters, as for link strength; never counted as elsewhere).
Years without an event are kept, as zeros, between the first and the last year asked for.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

FINANCING, LEAD = "financing", "lead"


@dataclass(frozen=True)
class Event:
    """Something dated that happened to a firm on a link."""

    kind: str  # financing or lead
    year: int
    local: bool | None  # inside the region, outside it, or cannot be told


@dataclass(frozen=True)
class Year:
    """One year of a link's trend in a region."""

    year: int
    local_rounds: int
    elsewhere_rounds: int
    no_region_rounds: int
    leads: int

    @property
    def local_share(self) -> float | None:
        """The region's share of the rounds of firms with a known region (None without any)."""
        known = self.local_rounds + self.elsewhere_rounds
        return self.local_rounds / known if known else None


def yearly(events: Iterable[Event], *, first: int, last: int) -> tuple[Year, ...]:
    """The events counted per year from `first` to `last` (both included); others ignored."""
    rounds: Counter[tuple[int, bool | None]] = Counter()
    leads: Counter[int] = Counter()
    for event in events:
        if not first <= event.year <= last:
            continue
        if event.kind == FINANCING:
            rounds[event.year, event.local] += 1
        elif event.kind == LEAD:
            leads[event.year] += 1
    return tuple(
        Year(year, rounds[year, True], rounds[year, False], rounds[year, None], leads[year])
        for year in range(first, last + 1)
    )


def direction(years: tuple[Year, ...]) -> str:
    """``rising``, ``falling`` or ``flat``: local rounds of the later half against the earlier
    half of the years (``none`` when no local round at all)."""
    local = [y.local_rounds for y in years]
    if not any(local):
        return "none"
    half = len(local) // 2
    earlier, later = sum(local[:half]), sum(local[len(local) - half :])
    if later > earlier:
        return "rising"
    return "falling" if later < earlier else "flat"


@dataclass(frozen=True)
class Listed:
    """Listed firms on a link by the end of one year: a firm counts from the year its shares
    were first listed on, where it is headquartered (as for link strength)."""

    year: int
    local: int
    elsewhere: int
    no_region: int

    @property
    def total(self) -> int:
        """All listed firms on the link by the end of the year."""
        return self.local + self.elsewhere + self.no_region


def listed_by_year(
    firms: Iterable[tuple[int, bool | None]], *, first: int, last: int
) -> tuple[Listed, ...]:
    """Firms on a link by the end of each year from `first` to `last`, from (listing year,
    inside the region) pairs — one pair per firm: a firm listed in or before a year counts in
    that year (firms listed before `first` count in every year)."""
    listed: Counter[tuple[int, bool | None]] = Counter()
    for year, local in firms:
        listed[min(max(year, first), last + 1), local] += 1
    result = []
    running = {True: 0, False: 0, None: 0}
    for year in range(first, last + 1):
        for local in running:
            running[local] += listed[year, local]
        result.append(Listed(year, running[True], running[False], running[None]))
    return tuple(result)
