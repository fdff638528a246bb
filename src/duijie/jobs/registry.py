"""The registry of job kinds: ``@job("catalogue.booklet", label=..., retries=2) def build(...)``.

A job function receives the :class:`~duijie.jobs.models.Job` row and a
``report_progress(percent, message="")`` callable (``message``: a
:class:`~duijie.jobs.phrases.Phrase`, shown in the reader's language); it returns ``None`` or a
:class:`JobResult` (a file to attach to the job). Apps register their functions
in ``AppConfig.ready`` (by importing the module that holds them).

Each kind has a label (what staff read on the page of recent tasks) and says
how often it may be tried again after a failure (``retries``: only for work
that can safely run twice) and how long one attempt may take (``time_limit``,
seconds).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils.functional import Promise

from duijie.jobs.phrases import Phrase

if TYPE_CHECKING:
    from duijie.jobs.models import Job


class JobRefused(Exception):
    """The work refused to act, for a reason the person who started it can act on.

    Nothing was changed. The job ends FAILED (``Failure.REFUSED``, not retried) with
    ``message`` (a :class:`~duijie.jobs.phrases.Phrase`, or text) shown to that person
    and ``url`` the page where they can go on.
    """

    def __init__(self, message: str | Phrase, url: str = "") -> None:
        super().__init__(message.code if isinstance(message, Phrase) else message)
        self.message, self.url = message, url


@dataclass(frozen=True)
class JobResult:
    """A finished job's file: its name for the download and its bytes."""

    filename: str
    content: bytes


ProgressReporter = Callable[[int, str | Phrase], None]
JobFunction = Callable[["Job", ProgressReporter], "JobResult | None"]

DEFAULT_TIME_LIMIT = 600


@dataclass(frozen=True)
class JobKind:
    """A registered kind of job: its function, its retries and its time limit per attempt."""

    name: str
    label: str | Promise
    function: JobFunction
    retries: int = 0
    time_limit: int = DEFAULT_TIME_LIMIT


_REGISTRY: dict[str, JobKind] = {}


def job(
    kind: str,
    *,
    label: str | Promise,
    retries: int = 0,
    time_limit: int = DEFAULT_TIME_LIMIT,
) -> Callable[[JobFunction], JobFunction]:
    """Register the decorated function as the runner of jobs of ``kind``."""

    def register(function: JobFunction) -> JobFunction:
        _REGISTRY[kind] = JobKind(kind, label, function, retries=retries, time_limit=time_limit)
        return function

    return register


def kind_named(kind: str) -> JobKind:
    """The registered kind called ``kind``; ``KeyError`` if none."""
    return _REGISTRY[kind]


def function_for(kind: str) -> JobFunction:
    """The function registered for ``kind``; ``KeyError`` if none."""
    return _REGISTRY[kind].function


def label_of(kind: str) -> str | Promise:
    """What staff read for ``kind`` (the kind itself if it is no longer registered)."""
    spec = _REGISTRY.get(kind)
    return spec.label if spec is not None else kind


def registered_kinds() -> list[str]:
    """Every registered kind, sorted."""
    return sorted(_REGISTRY)
