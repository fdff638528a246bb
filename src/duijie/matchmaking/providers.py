"""What matching learns from the apps above it, through registered providers.

Matchmaking sits below the trade week and the pipeline (see the import contract
in ``pyproject.toml``): it never imports them. They hand their facts down by
registering providers in their ``AppConfig.ready()``:

- **outcome providers** (``register_outcomes``): answered meeting requests, rated
  meetings, signed deals — each a list of :class:`OutcomeRecord`;
- **one trade-week provider** (``register_trade_week``): who takes part in an
  edition, who met whom, and which participant a reader could ask for a meeting;
- **one exchange-rate provider** (``register_rates``): the pipeline's table of rates,
  which supply–demand matching uses to compare prices in two currencies.

Without a registered provider (the app is not installed) a question has no
answer: no outcomes, no participants. A provider that fails raises — the error is
not turned into "no suggestions".
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, Protocol

from duijie.reference.models import Edition
from duijie_core.money import ExchangeRate


@dataclass(frozen=True)
class OutcomeRecord:
    """One observed answer for a (project, investor) pair; ``signals`` if already known.

    With ``buyer_id`` set (and ``project_id`` 0) the pair is a buyer organisation and the
    supplier organisation ``organisation_id``: an outcome of supply–demand matching.
    """

    project_id: int
    organisation_id: int
    positive: bool
    source: str
    signals: dict[str, float] | None = None
    buyer_id: int | None = None


OutcomeProvider = Callable[[], list[OutcomeRecord]]


@dataclass(frozen=True)
class Invitation:
    """What staff can do at the trade week about a (project, investor) suggestion whose
    two sides both take part: invite both (POST to ``invite_url``), or look at the open
    request or meeting the pair already has (``existing_url``, ``existing`` its label)."""

    names: str
    invite_url: str = ""
    existing_url: str = ""
    existing: str = ""


class TradeWeekProvider(Protocol):
    """The trade-week facts matching uses (implemented by ``duijie.tradeweek``)."""

    def participant_organisations(self, edition: Edition) -> set[int]:
        """The organisations taking part in ``edition``."""

    def met_organisations(self, edition: Edition | None) -> dict[int, set[str]]:
        """Per organisation, the names of those it met or will meet (every edition if None)."""

    def meeting_targets(
        self, edition: Edition, user: Any, organisation_ids: Iterable[int]
    ) -> dict[int, int]:
        """Organisation → its participant ``user`` could ask for a meeting (none if ``user``
        does not take part in ``edition``)."""

    def project_targets(
        self, edition: Edition, user: Any, project_ids: Iterable[int]
    ) -> dict[int, int]:
        """Project → the participant presenting it whom ``user`` could ask for a meeting."""

    def invitations(
        self, edition: Edition, user: Any, pairs: Iterable[tuple[int, int]]
    ) -> dict[tuple[int, int], Invitation]:
        """(project, investor organisation) → what ``user`` (an organiser of the week;
        nothing for anyone else) can do for the pair at the week."""


_outcome_providers: dict[str, OutcomeProvider] = {}
_trade_week: list[TradeWeekProvider] = []
_rates: list[Callable[[], list[ExchangeRate]]] = []


def register_rates(provider: Callable[[], list[ExchangeRate]]) -> None:
    """Make ``provider`` the source of exchange rates (one at a time)."""
    _rates[:] = [provider]


def exchange_rates() -> list[ExchangeRate]:
    """Every stored exchange rate (none without a provider: prices in two currencies
    then never compare)."""
    return _rates[0]() if _rates else []


def register_outcomes(name: str, provider: OutcomeProvider) -> None:
    """Add (or replace) the outcome provider called ``name``."""
    _outcome_providers[name] = provider


def registered_outcomes() -> list[OutcomeRecord]:
    """The outcomes of every registered provider, in registration order."""
    return [record for provider in _outcome_providers.values() for record in provider()]


def register_trade_week(provider: TradeWeekProvider) -> None:
    """Make ``provider`` the source of trade-week facts (one at a time)."""
    _trade_week[:] = [provider]


def trade_week() -> TradeWeekProvider | None:
    """The registered trade-week provider, if the trade week is installed."""
    return _trade_week[0] if _trade_week else None


def participant_organisations(edition: Edition | None) -> set[int]:
    """The organisations taking part in ``edition``'s trade week (none without one)."""
    provider = trade_week()
    if provider is None or edition is None:
        return set()
    return provider.participant_organisations(edition)


def met_organisations(edition: Edition | None = None) -> dict[int, set[str]]:
    """Per organisation, the names of organisations it met at the trade week."""
    provider = trade_week()
    return {} if provider is None else provider.met_organisations(edition)


def meeting_targets(edition: Edition, user: Any, organisation_ids: Iterable[int]) -> dict[int, int]:
    """Organisation → the participant ``user`` could ask for a meeting."""
    provider = trade_week()
    return {} if provider is None else provider.meeting_targets(edition, user, organisation_ids)


def project_targets(edition: Edition, user: Any, project_ids: Iterable[int]) -> dict[int, int]:
    """Project → the participant presenting it whom ``user`` could ask for a meeting."""
    provider = trade_week()
    return {} if provider is None else provider.project_targets(edition, user, project_ids)


def invitations(
    edition: Edition, user: Any, pairs: Iterable[tuple[int, int]]
) -> dict[tuple[int, int], Invitation]:
    """(project, investor organisation) → the trade week's invitation for the pair, for
    ``user`` (none when they do not organise the week, a side does not take part in
    ``edition`` or the trade week is not installed)."""
    provider = trade_week()
    return {} if provider is None else provider.invitations(edition, user, pairs)
