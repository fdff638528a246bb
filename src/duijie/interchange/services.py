"""Pending uploads: receive within a size cap, find, finish, purge after a day.

A file is held only between an import's preview and its confirmation; no other copy
of it is kept (no file storage, no session).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from pathlib import Path

from django.core.files import File
from django.db import transaction
from django.utils import timezone

from duijie.interchange.models import PendingUpload
from duijie.interchange.reader import MAX_BYTES, SheetError, problem

KEEP_FOR = dt.timedelta(days=1)


def receive_upload(
    *,
    owner: object,
    kind: str,
    filename: str,
    size: int,
    chunks: Iterable[bytes],
    params: dict[str, object] | None = None,
    max_bytes: int = MAX_BYTES,
) -> PendingUpload:
    """Store an upload for preview, refusing it before reading when it is over ``max_bytes``.

    ``size`` is the size the upload declared; ``chunks`` are read only while the total
    stays within the cap (a lying size is caught too). Raises SheetError
    (``file_too_large``). Side effects: purges expired uploads; creates a PendingUpload.
    """
    purge_expired()
    if size > max_bytes:
        raise SheetError([problem(0, "", "file_too_large", size=size, limit=max_bytes)])
    pending = PendingUpload(owner=owner, kind=kind, filename=filename[:255], params=params or {})
    stream, storage = CappedChunks(chunks, max_bytes), pending.file.storage
    name = pending.file.field.generate_filename(pending, Path(filename).name)
    try:
        pending.file.name = storage.save(name, stream)
    except SheetError:
        storage.delete(name)  # what was written before the cap was passed
        raise
    pending.size = stream.size
    pending.save()
    return pending


class CappedChunks(File):  # type: ignore[type-arg]
    """The upload's chunks as a file for the storage to write, stopped past ``max_bytes``.

    Raises SheetError (``file_too_large``) while writing, so a lying declared size
    never puts more than the cap on disk.
    """

    def __init__(self, chunks: Iterable[bytes], max_bytes: int) -> None:
        super().__init__(None, name="upload")
        self._chunks, self.max_bytes, self.size = chunks, max_bytes, 0

    def chunks(self, chunk_size: int | None = None) -> Iterator[bytes]:
        for chunk in self._chunks:
            self.size += len(chunk)
            if self.size > self.max_bytes:
                limit = self.max_bytes
                raise SheetError([problem(0, "", "file_too_large", size=self.size, limit=limit)])
            yield chunk


def pending_upload(*, owner: object, kind: str, pk: int) -> PendingUpload | None:
    """The owner's unexpired upload of this kind, or None."""
    fresh = PendingUpload.objects.filter(created_at__gte=timezone.now() - KEEP_FOR)
    return fresh.filter(owner=owner, kind=kind, pk=pk).first()


def finish_upload(upload: PendingUpload) -> None:
    """Drop an upload after it was confirmed or cancelled. Side effect: deletes its row."""
    PendingUpload.objects.filter(pk=upload.pk).delete()


def purge_expired(*, now: dt.datetime | None = None) -> int:
    """Delete uploads older than a day; returns how many. Side effect: deletes rows."""
    cutoff = (now or timezone.now()) - KEEP_FOR
    with transaction.atomic():
        deleted, _by_model = PendingUpload.objects.filter(created_at__lt=cutoff).delete()
    return deleted
