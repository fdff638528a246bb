"""Pending uploads: receive within a size cap, find, finish, purge after a day.

A file is held only between an import's preview and its confirmation; no other copy
of it is kept (no file storage, no session).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

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
    content = _read_capped(chunks, max_bytes)
    return PendingUpload.objects.create(
        owner=owner, kind=kind, filename=filename[:255], content=content,
        size=len(content), params=params or {},
    )  # fmt: skip


def _read_capped(chunks: Iterable[bytes], max_bytes: int) -> bytes:
    parts, total = [], 0
    for chunk in chunks:
        total += len(chunk)
        if total > max_bytes:
            raise SheetError([problem(0, "", "file_too_large", size=total, limit=max_bytes)])
        parts.append(chunk)
    return b"".join(parts)


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
