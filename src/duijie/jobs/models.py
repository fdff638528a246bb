"""Background jobs: one row per piece of work run outside the request (e.g. a booklet PDF).

The work itself runs as a task of Django's task framework (``duijie.jobs.tasks``);
the row is what the pages follow: who started it, its progress, its attempts and
its file. Its status uses the task framework's own list (``TaskResultStatus``). What
the work says is kept as a phrase code and parameters (:mod:`duijie.jobs.phrases`)
and shown in the reader's language; ``message`` keeps the text as it was said.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.tasks import TaskResultStatus
from django.utils.translation import gettext_lazy as _

from duijie.jobs.phrases import sentence

FINISHED = (TaskResultStatus.SUCCESSFUL, TaskResultStatus.FAILED)


class Failure(models.TextChoices):
    """Why a job failed for good (its status is FAILED)."""

    ERROR = "error", _("The work stopped with an error.")
    TIME_LIMIT = "time_limit", _("The work took longer than its time limit.")
    WORKER_LOST = "worker_lost", _("The worker running it stopped without finishing.")
    REFUSED = "refused", _("Nothing was changed.")


class Job(models.Model):
    """A unit of background work: `kind` names a registered job function, `params` its input."""

    kind = models.CharField(_("kind"), max_length=100, db_index=True)
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=TaskResultStatus.choices,
        default=TaskResultStatus.READY,
    )
    progress = models.PositiveSmallIntegerField(_("progress"), default=0)
    message = models.CharField(_("message"), max_length=300, blank=True)
    message_code = models.CharField(_("message code"), max_length=100, blank=True)
    message_params = models.JSONField(_("message parameters"), default=dict, blank=True)
    result_file = models.FileField(_("result file"), upload_to="jobs/%Y/%m/", blank=True)
    result_name = models.CharField(_("result file name"), max_length=200, blank=True)
    failure = models.CharField(
        _("failure"), max_length=12, choices=Failure.choices, blank=True, default=""
    )
    error = models.TextField(_("error"), blank=True)
    result_url = models.CharField(_("result page"), max_length=300, blank=True)
    task_id = models.CharField(_("task"), max_length=64, blank=True, db_index=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    time_limit = models.PositiveIntegerField(_("time limit (seconds)"), default=600)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="jobs",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    heartbeat_at = models.DateTimeField(_("last sign of life"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        verbose_name = _("job")
        verbose_name_plural = _("jobs")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "created_at"])]

    def __str__(self) -> str:
        return f"{self.kind} #{self.pk} ({self.status})"

    @property
    def said(self) -> str:
        """What the work last said, in the reader's language (older rows: the text kept)."""
        if not self.message_code:
            return self.message
        return sentence(self.message_code, self.message_params, self.message)

    @property
    def is_finished(self) -> bool:
        return self.status in FINISHED

    @property
    def is_waiting(self) -> bool:
        return self.status == TaskResultStatus.READY

    @property
    def is_successful(self) -> bool:
        return self.status == TaskResultStatus.SUCCESSFUL

    @property
    def is_failed(self) -> bool:
        return self.status == TaskResultStatus.FAILED

    @property
    def is_refused(self) -> bool:
        return self.failure == Failure.REFUSED
