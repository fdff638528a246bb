"""An uploaded file held between preview and confirmation (and nowhere else)."""

from __future__ import annotations

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.utils.translation import gettext_lazy as _

from duijie.interchange.uploads import UnguessableName


def pending_storage() -> FileSystemStorage:
    """Where pending uploads wait: ``<var dir>/pending-uploads``, never served."""
    return FileSystemStorage(location=settings.VAR_DIR / "pending-uploads")


class PendingUpload(models.Model):
    """A file waiting to be confirmed; deleted on confirm, on cancel, or after a day.

    The file is streamed to disk under the var dir (never held in a database row);
    deleting the row deletes the file (``duijie.interchange.apps``).

    ``kind`` names the importer (e.g. ``catalogue.projects``); ``params`` holds what the
    upload form chose besides the file (e.g. the edition); ``preview`` is what the
    preview showed, and ``fingerprint`` the state of the records it would change, so a
    confirmation can refuse when they changed meanwhile.
    """

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="pending_uploads"
    )
    kind = models.CharField(_("kind"), max_length=60)
    filename = models.CharField(_("file name"), max_length=255)
    file = models.FileField(
        _("file"), upload_to=UnguessableName("pending"), storage=pending_storage, max_length=200
    )
    size = models.PositiveIntegerField(_("size (bytes)"))
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    preview = models.JSONField(_("preview"), default=dict, blank=True)
    fingerprint = models.CharField(_("fingerprint"), max_length=64, blank=True)
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("pending upload")
        verbose_name_plural = _("pending uploads")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.filename

    @property
    def content(self) -> bytes:
        """The file's bytes (read when an importer previews or commits it)."""
        with self.file.open("rb") as stream:
            return stream.read()
