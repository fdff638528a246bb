"""The registry of site factors: each app that can judge a platform adds its factor here.

``register_site_factor(name, label, compute, weight=1.0, options=…, names=…,
option_label=…)`` in ``AppConfig.ready``;
``compute(*, platforms, subject, today)`` returns, for each platform id, a
:class:`~duijie_core.siting.model.FactorScore` or None (cannot be judged). The parks app
registers ``industry``, ``logistics`` and ``land`` (``parks/siting.py``); the cost factor
is registered by the ``environment`` app (``environment/siting.py``: the yearly cost of
the operation profile the reader chooses, at each platform's place), which this app does
not import.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from duijie_core.siting.model import FactorScore

if TYPE_CHECKING:
    from duijie.parks.models import Platform


class Compute(Protocol):
    def __call__(
        self, *, platforms: Sequence[Platform], subject: Any, today: dt.date
    ) -> Mapping[int, FactorScore | None]: ...


@dataclass(frozen=True)
class SiteFactor:
    """A named factor, its label on screen, its scorer and its default weight."""

    name: str
    label: Any
    compute: Compute | Callable[..., Mapping[int, FactorScore | None]]
    weight: float = 1.0
    options: Callable[[], list[tuple[str, str]]] | None = None
    """What the reader chooses for this factor (e.g. the operation profile a cost is
    computed for), as (code, label) pairs; the choice reaches ``compute`` in
    ``subject.choices[name]``."""
    names: Callable[[str], dict[str, str]] | None = None
    """Display names (code → name) in a Django language code for the codes this factor's
    reasons cite."""
    option_label: Any = None
    """The label of the choice field (e.g. "Operation to price"); the factor's label when None.
    The weight field is labelled "Weight: <label>", so the two never read the same."""


_FACTORS: dict[str, SiteFactor] = {}


def register_site_factor(
    name: str,
    label: Any,
    compute: Callable[..., Mapping[int, FactorScore | None]],
    *,
    weight: float = 1.0,
    options: Callable[[], list[tuple[str, str]]] | None = None,
    names: Callable[[str], dict[str, str]] | None = None,
    option_label: Any = None,
) -> None:
    """Add (or replace) the factor ``name``; ``options`` lists what a reader may choose
    (under ``option_label``), ``names`` names the codes its reasons cite."""
    _FACTORS[name] = SiteFactor(name, label, compute, weight, options, names, option_label)


def site_factors() -> list[SiteFactor]:
    """Every registered factor, in registration order."""
    return list(_FACTORS.values())
