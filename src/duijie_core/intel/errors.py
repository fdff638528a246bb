"""The one error type of news intelligence: a :class:`~duijie_core.problems.Problem` raised."""

from __future__ import annotations

from duijie_core.problems import ParamValue, Problem


class IntelError(ValueError):
    """A document or input the reader refuses; ``problem`` becomes a sentence at the edge."""

    def __init__(self, code: str, /, **params: ParamValue) -> None:
        super().__init__(f"{code}: {params}")
        self.problem = Problem(code, params)
