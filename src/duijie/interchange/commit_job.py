"""The background job that commits a confirmed upload (``interchange.import``).

Confirming an import queues this job; a worker makes the importer's plan again from
the pending upload's file and, in **one transaction**, checks that its preview is
still the one the person confirmed, commits it and deletes the upload. Any error rolls
all of it back. A retry (after an error, or after the worker died) is safe: an attempt
that committed also deleted the upload in the same transaction, so the next attempt
finds nothing waiting and refuses, changing nothing.
"""

from __future__ import annotations

from django.db import transaction
from django.urls import get_resolver
from django.utils import translation
from django.utils.translation import gettext_lazy

from duijie.interchange.models import PendingUpload
from duijie.interchange.preview import Preview
from duijie.interchange.services import finish_upload
from duijie.interchange.views import IMPORT_JOB, IMPORTERS, LANGUAGE, ImportView
from duijie.jobs.models import Job
from duijie.jobs.phrases import Phrase, phrase
from duijie.jobs.registry import JobRefused, ProgressReporter, job


@job(IMPORT_JOB, label=gettext_lazy("Spreadsheet import"), retries=1, time_limit=1800)
def commit_import(row: Job, report_progress: ProgressReporter) -> None:
    """Commit the upload ``row.params["upload"]`` as its importer's preview showed it.

    Side effects: the importer's writes and the upload's deletion, in one transaction;
    on a refusal, the new preview kept (data changed) or the upload dropped (problems).
    """
    page = str(row.params.get("page", ""))
    pending = PendingUpload.objects.select_related("owner").filter(pk=row.params["upload"]).first()
    if pending is None:
        raise JobRefused(phrase("interchange.gone"), page)
    with translation.override(pending.params.get(LANGUAGE)):
        view = importer_for(pending.kind).for_upload(pending, page)
        report_progress(10, phrase("interchange.checking"))
        with transaction.atomic():  # a second confirmation waits here, then finds it gone
            if not PendingUpload.objects.select_for_update().filter(pk=pending.pk).values("pk"):
                raise JobRefused(phrase("interchange.gone"), page)
            confirmation = view.commit_checked(pending)
        if not confirmation.committed:
            refuse(view, pending, confirmation.said, confirmation.new_preview)
        report_progress(100, confirmation.said)
        Job.objects.filter(pk=row.pk).update(result_url=view.finished_url())


def refuse(
    view: ImportView, pending: PendingUpload, said: Phrase | str, preview: Preview | None
) -> None:
    """Keep the new preview to check (or drop an upload that now has problems); raise."""
    if preview is None:
        finish_upload(pending)
        raise JobRefused(said, view.page)
    view.keep(pending, preview)
    raise JobRefused(said, f"{view.page}?upload={pending.pk}")


def importer_for(kind: str) -> type[ImportView]:
    """The importer of ``kind``; a worker imports the site's views (URLconf) to know them."""
    if kind not in IMPORTERS:
        get_resolver().url_patterns  # noqa: B018 - importing the URLconf imports every importer
    return IMPORTERS[kind]
