"""The one error type of chain analysis: a :class:`~duijie_core.problems.Problem` raised."""

from __future__ import annotations

from duijie_core.problems import ParamValue, Problem


class ChainError(ValueError):
    """Input the chain analysis refuses; ``problem`` becomes a sentence at the edge (`phrases`)."""

    def __init__(self, code: str, /, **params: ParamValue) -> None:
        super().__init__(f"{code}: {params}")
        self.problem = Problem(code, params)
