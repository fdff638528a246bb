"""Factor scores, reasons and ranked platforms: frozen values."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

ParamValue = str | int | float


@dataclass(frozen=True)
class Reason:
    """Why a factor scored what it did: a code and its parameters (worded in ``phrases``)."""

    code: str
    params: Mapping[str, ParamValue] = field(default_factory=dict)

    def __hash__(self) -> int:
        return hash((self.code, tuple(sorted((k, str(v)) for k, v in self.params.items()))))


@dataclass(frozen=True)
class FactorScore:
    """A score in [0, 1] and the reasons behind it.

    ``score`` is None when the factor cannot be judged (missing data): the reasons say
    what is missing, and the ranking leaves the factor out instead of counting 0 or 1.
    """

    score: float | None
    reasons: tuple[Reason, ...] = ()

    def __post_init__(self) -> None:
        if self.score is not None and not 0.0 <= self.score <= 1.0:
            raise ValueError(f"a factor score is in [0, 1], not {self.score}")


@dataclass(frozen=True)
class Ranked:
    """One platform's place in the ranking.

    ``score`` is the weighted mean over the factors that could be judged (None when none
    could); ``coverage`` the share of the total weight they carry; ``factors`` every
    factor's score, judged or not.
    """

    platform: int
    score: float | None
    coverage: float
    factors: Mapping[str, FactorScore]
