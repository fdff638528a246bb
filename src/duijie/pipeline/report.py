"""The edition report: the week's results as a PDF in zh-Hant, zh-Hans or English.

Headline figures, charts (SVG), the top signed deals and, when the trade-week app
records them, meeting outcomes. The ``edition_report`` command and the dashboard
button both call :func:`edition_report_pdf`; the button goes through the jobs app.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.apps import apps
from django.db.models import Count, Sum
from django.http import QueryDict
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from duijie.jobs.registry import JobResult, job
from duijie.pdf import render_template_pdf
from duijie.pipeline import activity
from duijie.pipeline.dashboard import (
    FigureContext,
    amounts_chart,
    headline,
    rates_chart,
    speed_chart,
    stages_chart,
    trend_chart,
)
from duijie.pipeline.exporters import display_rows, headline_rows, svg_data_uri
from duijie.pipeline.filters import FigureFilter, counted_deals
from duijie.reference.models import Edition

JOB_KIND = "pipeline.edition_report"
LANGUAGES = ("zh-hant", "zh-hans", "en")
TOP_DEALS = 10


def filename(edition: Edition, language: str) -> str:
    return f"{edition.slug}-report-{language}.pdf"


def _context(edition: Edition, by: str, today: dt.date) -> FigureContext:
    form = FigureFilter(QueryDict(f"edition={edition.pk}"))
    return FigureContext(form=form, by=by, today=today)


def report_charts(edition: Edition, today: dt.date) -> list[tuple[object, str]]:
    """The report's charts with their SVG data URIs."""
    charts = [
        stages_chart(_context(edition, "edition", today)),
        rates_chart(_context(edition, "city", today)),
        amounts_chart(_context(edition, "industry", today)),
        amounts_chart(_context(edition, "method", today)),
        speed_chart(_context(edition, "edition", today)),
        trend_chart(_context(edition, "edition", today)),
    ]
    return [(chart, svg_data_uri(chart.as_svg())) for chart in charts]


def top_deals(edition: Edition) -> list[object]:
    """The largest signed, counted deals of the edition (by CNY amount)."""
    deals = counted_deals(_context(edition, "edition", dt.date.today()).form.q())
    deals = deals.filter(signed_on__isnull=False, amount_cny__isnull=False)
    return list(deals.select_related("investor", "city").order_by("-amount_cny", "pk")[:TOP_DEALS])


def signed_by_event(edition: Edition) -> list[tuple[str, int, object]]:
    """Counted deals signed at each event of the edition: (event, deals, CNY amount).

    A linked trade-week event is named by its title; otherwise the free-text event
    name as written; deals with neither come last as "not recorded" (one query).
    """
    deals = counted_deals(_context(edition, "edition", dt.date.today()).form.q())
    rows = (
        deals.filter(signed_on__isnull=False)
        .values("event__title", "event_name")
        .annotate(n=Count("pk"), amount=Sum("amount_cny"))
        .order_by("event__title", "event_name")
    )
    merged: dict[str, list] = {}  # type: ignore[type-arg]
    for row in rows:
        name = row["event__title"] or row["event_name"] or ""
        entry = merged.setdefault(name, [0, Decimal(0)])
        entry[0] += row["n"]
        entry[1] += row["amount"] or 0
    ordered = sorted(merged.items(), key=lambda item: (item[0] == "", -item[1][0], item[0]))
    return [(name or _("Not recorded"), n, amount) for name, (n, amount) in ordered]


def edition_report_pdf(*, edition: Edition, language: str, today: dt.date) -> bytes:
    """The report PDF. Side effects: none (reads only)."""
    with translation.override(language):
        ctx = _context(edition, "edition", today)
        outcomes = activity.meeting_outcomes(edition.pk)
        context = {
            "edition": edition,
            "edition_name": edition.display_name(language),
            "rows": display_rows(headline_rows(headline(ctx))),
            "charts": report_charts(edition, today),
            "deals": top_deals(edition),
            "by_event": signed_by_event(edition),
            "outcomes": outcomes,
            "today": today,
            "title": _("Results of the week"),
        }
        return render_template_pdf("pipeline/pdf/report.html", context, language=language)


# Safe to run twice: it only reads, and each attempt writes its own file.
@job(JOB_KIND, label=gettext_lazy("Results report (PDF)"), retries=2, time_limit=600)
def build_edition_report(job_row, report_progress) -> JobResult:  # type: ignore[no-untyped-def]
    """Job runner: the edition report as the job's file."""
    edition = Edition.objects.get(pk=job_row.params["edition"])
    language = str(job_row.params["language"])
    report_progress(10, "")
    content = edition_report_pdf(edition=edition, language=language, today=dt.date.today())
    return JobResult(filename=filename(edition, language), content=content)


def enqueue_report(*, edition: Edition, language: str, user: object) -> str | None:
    """Queue the report in the jobs app; the dashboard URL showing its status.

    None when the jobs app is not installed (the caller then renders synchronously).
    """
    if not apps.is_installed("duijie.jobs"):
        return None
    from duijie.jobs.services import enqueue

    queued = enqueue(kind=JOB_KIND, params={"edition": edition.pk, "language": language}, user=user)
    return f"{reverse('pipeline:dashboard')}?edition={edition.pk}&job={queued.pk}"
