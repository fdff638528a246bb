"""Frozen dataclasses of the matching engine: what goes in and what comes out.

The web layer builds these from ORM rows (or the CLI from CSV files), calls the
engine, and reads plain values back. Nothing here holds numpy values.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from duijie_core.money import Amount, Money, UnknownAmount

LANGUAGES = ("zh-Hant", "zh-Hans", "en")
ParamValue = str | int | float
NO_AMOUNT: Amount = UnknownAmount("")


@dataclass(frozen=True)
class Reason:
    """Why a pair scores (or is excluded): a code, its parameters and the rendered text.

    ``texts`` maps each of :data:`LANGUAGES` to a sentence.
    """

    code: str
    params: dict[str, ParamValue]
    texts: dict[str, str]

    def text(self, language: str = "zh-Hant") -> str:
        """The sentence in ``language`` (zh-Hant when the language is unknown)."""
        return self.texts.get(language, self.texts["zh-Hant"])


@dataclass(frozen=True)
class Signal:
    """One soft signal for one pair: a score in [0, 1], the side it speaks for, a reason.

    ``side`` is ``"investor"`` (does the investor want the project) or ``"project"``
    (does the project owner want the investor). ``known`` is False when the input
    lacked the data; the score is then a neutral guess and the reason says so.
    """

    name: str
    score: float
    side: str
    reason: Reason | None
    known: bool = True


@dataclass(frozen=True)
class Deal:
    """One financing event of the history (one row of DEALS.csv)."""

    date: dt.date
    company: str
    investors: tuple[str, ...]
    industry: str = ""
    city: str = ""
    round: str = ""
    amount: Amount = NO_AMOUNT
    description: str = ""
    row: int = 0


@dataclass(frozen=True)
class Mandate:
    """What an investor says it will and will not do (all fields optional)."""

    industries: tuple[str, ...] = ()
    excluded_industries: tuple[str, ...] = ()
    ticket_min: Money | None = None
    ticket_max: Money | None = None
    regions: tuple[str, ...] = ()
    excluded_regions: tuple[str, ...] = ()
    stages: tuple[str, ...] = ()
    instruments: tuple[str, ...] = ()
    required_certifications: tuple[str, ...] = ()


@dataclass(frozen=True)
class Ties:
    """Personal ties used for warm introductions."""

    hometowns: tuple[str, ...] = ()
    schools: tuple[str, ...] = ()
    met: tuple[str, ...] = ()


@dataclass(frozen=True)
class InvestorProfile:
    """A candidate investor (a fund, a company or a person).

    ``kind`` is ``"strategic"``, ``"financial"`` or ``""`` (unknown); ``location``
    a city or region; ``currencies`` the currencies it invests in.
    """

    name: str
    kind: str = ""
    location: str = ""
    currencies: tuple[str, ...] = ()
    thesis: str = ""
    mandate: Mandate = Mandate()
    ties: Ties = Ties()
    capacity: int | None = None


@dataclass(frozen=True)
class ProjectQuery:
    """A project seeking investment, as the engine sees it.

    ``wants`` is the owner's preference ``"strategic"``, ``"financial"`` or ``""``;
    ``currencies`` the currencies the owner accepts; ``investor_regions`` where the
    owner would like its investor to be; ``ties`` the owner's own ties.
    """

    id: str
    date: dt.date
    company: str = ""
    industry: str = ""
    city: str = ""
    round: str = ""
    amount: Amount = NO_AMOUNT
    description: str = ""
    instrument: str = ""
    certifications: tuple[str, ...] = ()
    wants: str = ""
    currencies: tuple[str, ...] = ()
    investor_regions: tuple[str, ...] = ()
    ties: Ties = Ties()

    @classmethod
    def of_deal(cls, deal: Deal, id: str) -> ProjectQuery:
        """The query a past deal stands for (its investors hidden)."""
        return cls(
            id=id,
            date=deal.date,
            company=deal.company,
            industry=deal.industry,
            city=deal.city,
            round=deal.round,
            amount=deal.amount,
            description=deal.description,
        )


@dataclass(frozen=True)
class Exclusion:
    """A candidate removed by a hard filter, with the stated reason."""

    candidate: str
    reason: Reason


@dataclass(frozen=True)
class Recommendation:
    """One ranked candidate for one query, with its signals and top reasons."""

    query_id: str
    candidate: str
    rank: int
    score: float
    investor_interest: float
    project_interest: float
    signals: tuple[Signal, ...]
    reasons: tuple[Reason, ...]


@dataclass(frozen=True)
class Recommendations:
    """The answer for one query.

    ``exclusion_counts`` counts every candidate removed by a hard filter, by reason
    code; ``exclusions`` lists those that would otherwise have ranked in the top k.
    """

    query_id: str
    items: tuple[Recommendation, ...]
    exclusions: tuple[Exclusion, ...] = ()
    exclusion_counts: dict[str, int] = field(default_factory=dict)
    n_candidates: int = 0
