"""The one error type of the cost model."""

from __future__ import annotations


class CostError(ValueError):
    """Input the cost model refuses; `code` and `params` become text at the edge (`phrases`)."""

    def __init__(self, code: str, **params: str) -> None:
        super().__init__(f"{code}: {params}")
        self.code = code
        self.params = params
