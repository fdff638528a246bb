"""The printed project booklet and the roadshow deck (PDF, WeasyPrint).

The booklet has a cover, a foreword, a table of contents by key industry (page
numbers through CSS ``target-counter()``), then one page per published project
with its key figures in a fixed box and a QR code (segno, SVG data URI) linking
to the project's online page (``duijie.localised.absolute_url``). Language: zh-hant (the
Hong Kong edition), zh-hans or en; fonts from :mod:`duijie.pdf`.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import groupby

import segno
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from duijie.catalogue.amounts import amount_of
from duijie.catalogue.models import Project, Roadshow, Status
from duijie.catalogue.translated import pick
from duijie.jobs.phrases import phrase, register_phrases
from duijie.jobs.registry import JobResult, ProgressReporter, job
from duijie.localised import absolute_url, number, reader_language
from duijie.pdf import render_template_pdf
from duijie.reference.models import Edition
from duijie_core.locale import format_money

LANGUAGES = ("zh-hant", "zh-hans", "en")
MONEY_LANGUAGE = {"zh-hant": "zh-Hant", "zh-hans": "zh-Hans", "en": "en"}
register_phrases(
    {
        "catalogue.booklet_pages": _("%(done)s of %(total)s project pages made."),
        "catalogue.booklet_layout": _("Laying out the booklet's pages."),
    }
)


@dataclass(frozen=True)
class ProjectPage:
    """What one project page shows, already in the booklet's language."""

    anchor: str
    code: str
    name: str
    owner: str
    industry: str
    place: str
    investment: str
    financing: str
    instrument: str
    stage: str
    expected_return: str
    payback: str
    technology: str
    market: str
    financing_needs: str
    cooperation: str
    qr_data_uri: str
    url: str
    fallback: bool


def booklet_projects(edition: Edition) -> QuerySet[Project]:
    """The published projects of ``edition`` in booklet order (key industry, then code)."""
    return (
        Project.objects.filter(edition=edition, status=Status.PUBLISHED)
        .select_related("edition", "owner_organisation", "key_industry", "city", "county")
        .order_by("key_industry__order", "key_industry__code", "code")
    )


def project_url(project: Project, site: str) -> str:
    """The project's public page, absolute (``DUIJIE_SITE_URL``, else `site`)."""
    path = reverse(
        "catalogue:detail", kwargs={"edition": project.edition.slug, "code": project.code}
    )
    return absolute_url(path, site=site)


def qr_data_uri(url: str) -> str:
    """A QR code for ``url`` as an SVG data URI."""
    return str(segno.make(url, error="m").svg_data_uri(scale=3, border=2))


def project_page(project: Project, language: str, site: str) -> ProjectPage:
    """One project's page content in ``language`` (call inside ``translation.override``)."""
    texts = {
        stem: pick(project, stem, language)
        for stem in ("name", "technology", "market", "financing_needs", "cooperation")
    }
    url = project_url(project, site)
    money = reader_language(language)
    return ProjectPage(
        anchor=f"p-{project.pk}",
        code=project.code,
        name=texts["name"].text,
        owner=project.owner_organisation.name if project.owner_organisation else "",
        industry=project.key_industry.display_name(language) if project.key_industry else "",
        place=" ".join(d.display_name(language) for d in (project.city, project.county) if d)
        + (f" {project.park}" if project.park else ""),
        investment=format_money(amount_of(project, "investment"), money),
        financing=format_money(amount_of(project, "financing"), money),
        instrument=project.get_instrument_display(),
        stage=project.get_stage_display(),
        expected_return=project.expected_return,
        payback="" if project.payback_years is None else number(project.payback_years),
        technology=texts["technology"].text,
        market=texts["market"].text,
        financing_needs=texts["financing_needs"].text,
        cooperation=texts["cooperation"].text,
        qr_data_uri=qr_data_uri(url),
        url=url,
        fallback=any(t.is_fallback for t in texts.values()),
    )


def sections(pages: list[tuple[str, ProjectPage]]) -> list[dict[str, object]]:
    """Pages grouped by industry heading, for the table of contents and the body."""
    return [
        {"industry": name, "pages": [p for _n, p in group]}
        for name, group in groupby(pages, key=lambda item: item[0])
    ]


def render_booklet(
    *,
    edition: Edition,
    language: str,
    site: str = "",
    progress: ProgressReporter | None = None,
    limit: int | None = None,
) -> bytes:
    """The booklet of ``edition`` in ``language`` as PDF bytes, reporting ``progress``;
    `site` is the base of the QR links when ``DUIJIE_SITE_URL`` is not set."""
    report = progress or (lambda percent, message: None)
    projects = list(booklet_projects(edition)[:limit] if limit else booklet_projects(edition))
    with translation.override(language):
        pages = []
        for index, project in enumerate(projects, start=1):
            pages.append(
                (
                    project.key_industry.display_name(language) if project.key_industry else "",
                    project_page(project, language, site),
                )
            )
            if index % 25 == 0:
                done = phrase("catalogue.booklet_pages", done=index, total=len(projects))
                report(5 + 25 * index // max(len(projects), 1), done)
        report(30, phrase("catalogue.booklet_layout"))
        context = {
            "edition": edition,
            "edition_name": edition.display_name(language),
            "sections": sections(pages),
            "count": len(pages),
            "language": language,
            "is_demo": any(p.is_demo for p in projects),
        }
        pdf = render_template_pdf("catalogue/pdf/booklet.html", context, language=language)
    report(100, "")
    return pdf


def render_roadshow_deck(*, roadshow: Roadshow, language: str, site: str = "") -> bytes:
    """One page per shortlisted project of ``roadshow``, in its order, as PDF bytes."""
    entries = roadshow.entries.select_related(
        "project__owner_organisation",
        "project__key_industry",
        "project__city",
        "project__county",
        "project__edition",
    )
    with translation.override(language):
        pages = [project_page(entry.project, language, site) for entry in entries]
        context = {
            "roadshow": roadshow,
            "pages": pages,
            "language": language,
            "edition_name": roadshow.edition.display_name(language),
        }
        return render_template_pdf("catalogue/pdf/roadshow.html", context, language=language)


def booklet_filename(edition: Edition, language: str) -> str:
    return f"booklet-{edition.slug}-{language}.pdf"


# Safe to run twice: it only reads, and each attempt writes its own file.
@job("catalogue.booklet", label=_("Project booklet (PDF)"), retries=2, time_limit=900)
def build_booklet(job: object, report_progress: ProgressReporter) -> JobResult:
    """Background job: params ``{"edition": slug, "language": code, "site": base URL}``."""
    params = getattr(job, "params", {})
    edition = Edition.objects.get(slug=params["edition"])
    language = params.get("language", "zh-hant")
    site = params.get("site", "")
    pdf = render_booklet(edition=edition, language=language, site=site, progress=report_progress)
    return JobResult(booklet_filename(edition, language), pdf)
