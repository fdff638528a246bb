"""The registry of job functions: ``@job("catalogue.booklet") def build(job, report_progress)``.

A job function receives the :class:`~duijie.jobs.models.Job` row and a
``report_progress(percent, message="")`` callable; it returns ``None`` or a
:class:`JobResult` (a file to attach to the job). Apps register their functions
in ``AppConfig.ready`` (by importing the module that holds them).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from duijie.jobs.models import Job


@dataclass(frozen=True)
class JobResult:
    """A finished job's file: its name for the download and its bytes."""

    filename: str
    content: bytes


ProgressReporter = Callable[[int, str], None]
JobFunction = Callable[["Job", ProgressReporter], "JobResult | None"]

_REGISTRY: dict[str, JobFunction] = {}


def job(kind: str) -> Callable[[JobFunction], JobFunction]:
    """Register the decorated function as the runner of jobs of ``kind``."""

    def register(function: JobFunction) -> JobFunction:
        _REGISTRY[kind] = function
        return function

    return register


def function_for(kind: str) -> JobFunction:
    """The function registered for ``kind``; ``KeyError`` if none."""
    return _REGISTRY[kind]


def registered_kinds() -> list[str]:
    """Every registered kind, sorted."""
    return sorted(_REGISTRY)
