"""Home-page panels: headline numbers for leadership, stalled deals for their owners."""

from __future__ import annotations

from django.http import HttpRequest, QueryDict
from django.utils import timezone

from duijie.pipeline.dashboard import FigureContext, headline
from duijie.pipeline.filters import FigureFilter, stalled_q
from duijie.pipeline.models import Deal, DuplicateStatus
from duijie.pipeline.services import stall_days
from duijie.reference.models import Edition
from duijie_core.pipeline.figures import stall_cutoff


def headline_panel(request: HttpRequest) -> dict[str, object]:
    """The current edition's key figures."""
    edition = Edition.objects.filter(is_current=True).first()
    query = QueryDict(f"edition={edition.pk}" if edition else "")
    ctx = FigureContext(
        form=FigureFilter(query), by="edition", today=timezone.localdate(), user=request.user
    )
    return {"edition": edition, "figures": headline(ctx)}


def stalled_panel(request: HttpRequest) -> dict[str, object]:
    """The user's deals without progress for the stall period, and re-signing checks."""
    days = stall_days()
    cutoff = stall_cutoff(today=timezone.localdate(), stall_days=days)
    mine = Deal.objects.filter(owner=request.user)
    stalled = mine.filter(stalled_q(cutoff)).exclude(duplicate_status=DuplicateStatus.DUPLICATE)
    suspects = mine.filter(duplicate_status=DuplicateStatus.SUSPECT)
    return {
        "stalled": list(stalled.order_by("last_progress_on", "pk")[:10]),
        "stalled_count": stalled.count(),
        "suspects": list(suspects.order_by("pk")[:10]),
        "stall_days": days,
    }
