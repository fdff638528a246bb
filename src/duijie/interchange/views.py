"""The one upload → preview → confirm flow (NetBox's BulkImportView is the model).

An importer subclasses :class:`ImportView`, names its ``kind``, its upload form (any
fields besides ``file``), its ``done`` sentence, and three hooks:
:meth:`~ImportView.make_plan` (read and resolve a pending upload; writes nothing),
:meth:`~ImportView.make_preview` (what the plan would do, row by row) and
:meth:`~ImportView.commit` (write the plan; return the parameters of ``done``). The flow
holds the file as a :class:`~duijie.interchange.models.PendingUpload` of the user.
Confirming queues a background job (``interchange.import``,
:mod:`duijie.interchange.commit_job`) and shows its progress: the job makes the plan
again and writes it, in one transaction, only if its preview is still the one the
user saw; otherwise it keeps the new preview for the user to check and writes nothing.
The hooks therefore run both in the request and in a worker: they read the person
importing from :attr:`ImportView.user`, not from the request.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render, resolve_url
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy
from django.views import View

from duijie.interchange.models import PendingUpload
from duijie.interchange.preview import Preview
from duijie.interchange.problems import problem_text
from duijie.interchange.reader import MAX_BYTES, SheetError
from duijie.interchange.services import finish_upload, pending_upload, receive_upload
from duijie.jobs.models import FINISHED, Job
from duijie.jobs.phrases import Phrase, phrase, register_phrases
from duijie.jobs.services import enqueue
from duijie.jobs.views import job_id_in
from duijie_core.problems import ParamValue

LANGUAGE = "_language"  # the language the preview was made in (its sentences are in it)
IMPORT_JOB = "interchange.import"  # the job kind that commits a confirmed upload
IMPORTERS: dict[str, type[ImportView]] = {}  # every ImportView subclass, by its kind

register_phrases(
    {
        "interchange.checking": gettext_lazy(
            "Reading the file and checking it against the preview."
        ),
        "interchange.changed": gettext_lazy(
            "The data changed since the preview: nothing was imported. "
            "Check the new preview and confirm again."
        ),
        "interchange.gone": gettext_lazy(
            "This upload is no longer waiting: it was imported, cancelled, or is older than a day."
        ),
    }
)


@dataclass(frozen=True)
class Confirmation:
    """What confirming an upload did: committed (``said`` says what) or refused (why)."""

    said: Phrase | str  # the preview's problems are sentences already (the uploader's)
    committed: bool
    new_preview: Preview | None = None  # the preview to check again when the data changed


class UploadForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("File (.xlsx or .csv)"))


class ImportView(View):
    """Upload (GET shows the form) → preview (``?upload=pk``) → confirm or cancel (POST)."""

    kind = ""
    form_class: type[forms.Form] = UploadForm
    template_name = "interchange/import.html"
    title: Promise | str = ""
    intro: Promise | str = ""
    done: Promise | str = ""  # what a commit did, with the parameters :meth:`commit` returns
    success_url = "/"  # a URL or a URL name
    max_bytes = MAX_BYTES
    user: Any = None  # who imports: the request's user, or the upload's owner in the job
    page = ""  # the import page's path
    in_request = False  # False when the hooks run in the background job

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if cls.kind:
            IMPORTERS[cls.kind] = cls
            if cls.done:
                register_phrases({cls.done_code(): cls.done})  # type: ignore[dict-item]

    @classmethod
    def done_code(cls) -> str:
        """The phrase code of the importer's ``done`` sentence."""
        return f"interchange.done.{cls.kind}"

    def setup(self, request: HttpRequest, *args: Any, **kwargs: Any) -> None:
        super().setup(request, *args, **kwargs)
        self.user, self.page, self.in_request = request.user, request.path, True

    @classmethod
    def for_upload(cls, pending: PendingUpload, page: str) -> ImportView:
        """The importer as the background job runs it, for ``pending``'s owner."""
        view = cls()
        view.user, view.page = pending.owner, page
        return view

    # --- hooks -------------------------------------------------------------------------

    def initial(self) -> dict[str, Any]:
        """Initial values of the upload form."""
        return {}

    def upload_params(self, form: forms.Form) -> dict[str, Any]:
        """JSON-able choices of the upload form kept with the file (besides the file)."""
        return {}

    def make_plan(self, pending: PendingUpload) -> Any:
        """Read, validate and resolve the file; write nothing."""
        raise NotImplementedError

    def make_preview(self, plan: Any) -> Preview:
        """The plan's outcome per row, or its problems."""
        raise NotImplementedError

    def commit(self, plan: Any, pending: PendingUpload) -> dict[str, ParamValue]:
        """Write the plan (in one transaction); return the parameters of ``done``."""
        raise NotImplementedError

    # --- the flow ------------------------------------------------------------------------

    def get(self, request: HttpRequest) -> HttpResponse:
        pending = self._pending(request, request.GET.get("upload", ""), required=False)
        return self._page(request, self.form_class(initial=self.initial()), pending=pending)

    def post(self, request: HttpRequest) -> HttpResponse:
        if "upload" in request.POST:
            pending = self._pending(request, request.POST["upload"], required=True)
            if "cancel" in request.POST:
                finish_upload(pending)
                return redirect(request.path)
            return self._confirm(request, pending)
        form = self.form_class(request.POST, request.FILES)
        if not form.is_valid():
            return self._page(request, form)
        return self._upload(request, form)

    def _upload(self, request: HttpRequest, form: forms.Form) -> HttpResponse:
        upload = form.cleaned_data["file"]
        try:
            pending = receive_upload(
                owner=request.user, kind=self.kind, filename=upload.name or "",
                size=upload.size or 0, chunks=upload.chunks(),
                params=self.upload_params(form) | {LANGUAGE: translation.get_language()},
                max_bytes=self.max_bytes,
            )  # fmt: skip
        except SheetError as error:
            return self._page(request, form, problems=[problem_text(p) for p in error.problems])
        preview = self.make_preview(self.make_plan(pending))
        if preview.problems:
            finish_upload(pending)
            return self._page(request, form, problems=list(preview.problems))
        self.keep(pending, preview)
        return redirect(f"{request.path}?upload={pending.pk}")

    def _confirm(self, request: HttpRequest, pending: PendingUpload) -> HttpResponse:
        """Queue the commit (once per upload) and show its progress on this page."""
        job = Job.objects.filter(kind=IMPORT_JOB, params__upload=pending.pk).exclude(
            status__in=FINISHED
        ).first() or enqueue(
            kind=IMPORT_JOB, user=request.user,
            params={"upload": pending.pk, "importer": self.kind, "file": pending.filename,
                    "page": request.path},
        )  # fmt: skip
        return redirect(f"{request.path}?job={job.pk}")

    def commit_checked(self, pending: PendingUpload) -> Confirmation:
        """Plan again and commit if the preview is unchanged (call it in one transaction).

        Side effects: those of :meth:`commit`; the upload is finished once committed.
        """
        plan = self.make_plan(pending)
        preview = self.make_preview(plan)
        if preview.problems:
            return Confirmation(" ".join(preview.problems), committed=False)
        if preview.fingerprint != pending.fingerprint:
            changed = phrase("interchange.changed")
            return Confirmation(changed, committed=False, new_preview=preview)
        done = Phrase(self.done_code(), self.commit(plan, pending))
        finish_upload(pending)
        return Confirmation(done, committed=True)

    def finished_url(self) -> str:
        """Where the person goes after a successful import."""
        return resolve_url(self.success_url)

    def keep(self, pending: PendingUpload, preview: Preview) -> None:
        pending.preview, pending.fingerprint = preview.shown(), preview.fingerprint
        pending.save(update_fields=["preview", "fingerprint"])

    def _pending(self, request: HttpRequest, pk: str, *, required: bool) -> PendingUpload | None:
        found = pk.isdigit() and pending_upload(owner=request.user, kind=self.kind, pk=int(pk))
        if not found and (required or pk):
            raise Http404
        return found or None

    def _page(
        self,
        request: HttpRequest,
        form: forms.Form,
        *,
        pending: PendingUpload | None = None,
        problems: list[str] | None = None,
    ) -> HttpResponse:
        job = Job.objects.filter(pk=job_id_in(request), kind=IMPORT_JOB, created_by=request.user)
        context = {
            "form": form, "pending": pending, "problems": problems or [],
            "preview": pending.preview if pending else None, "view": self,
            "job": job.first() if pending is None else None,
        }  # fmt: skip
        return render(request, self.template_name, context)
