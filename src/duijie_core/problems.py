"""The one problem type of the core: a stable code and its parameters.

Scheduling rules, matching input, identifiers, entity resolution and pipeline
stage rules all report what is wrong as a :class:`Problem`; sentences in the
reader's language are made at the edge from the code and the parameters.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

ParamValue = str | int | float


@dataclass(frozen=True)
class Problem:
    """Something wrong (bad input, a broken rule): ``code`` plus ``params``."""

    code: str
    params: Mapping[str, ParamValue] = field(default_factory=dict)

    def __hash__(self) -> int:
        return hash((self.code, tuple(sorted((k, str(v)) for k, v in self.params.items()))))

    def param(self, name: str) -> str:
        """The value of parameter ``name`` as text ('' when absent)."""
        return str(self.params.get(name, ""))


def problem(code: str, /, **params: ParamValue) -> Problem:
    """A :class:`Problem` from keyword parameters."""
    return Problem(code, params)
