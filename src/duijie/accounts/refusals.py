"""Domain errors shown as a refusal page (409) in the reader's language, never as a 500.

Each app registers its error classes with the sentences they carry
(``register_refusal(TradeWeekError, lambda e: [str(e)])``, in its ``AppConfig.ready``);
:class:`RefusalMiddleware` turns any registered error that a view did not handle into
the page. Views still handle the errors they expect, next to the form concerned; this
is the net under them.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from duijie.accounts.redirects import page_before

Sentences = Callable[[Exception], list[str]]
REFUSALS: dict[type[Exception], Sentences] = {}
logger = logging.getLogger("duijie.refusals")


def register_refusal(error: type[Exception], sentences: Sentences | None = None) -> None:
    """Show ``error`` as a refusal; ``sentences`` says what went wrong (else a general one)."""
    REFUSALS[error] = sentences or (lambda _error: [])


def refusal_sentences(error: Exception) -> list[str] | None:
    """The sentences of a registered error, or None when ``error`` is not a domain error."""
    for kind in type(error).__mro__:
        if kind in REFUSALS:
            try:
                found = [str(s) for s in REFUSALS[kind](error)]
            except (KeyError, AttributeError, TypeError, ValueError):
                found = []
            return found or [_("This action is not possible now.")]
    return None


class RefusalMiddleware:
    """Answers a registered domain error with the refusal page (status 409)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        sentences = refusal_sentences(exception)
        if sentences is None:
            return None
        logger.info("refused %s %s: %r", request.method, request.path, exception)
        context = {"sentences": sentences, "back": page_before(request)}
        return render(request, "refused.html", context, status=409)
