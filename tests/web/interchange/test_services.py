"""Pending uploads: capped before reading, private to their owner, purged after a day."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator

import pytest
from django.core.management import call_command
from django.utils import timezone

from duijie.interchange.models import PendingUpload
from duijie.interchange.reader import SheetError, problem
from duijie.interchange.services import (
    finish_upload,
    pending_upload,
    purge_expired,
    receive_upload,
)

pytestmark = pytest.mark.django_db


def never_read() -> Iterator[bytes]:
    raise AssertionError("the body was read")
    yield b""  # pragma: no cover


def test_an_upload_over_the_cap_is_refused_before_its_body_is_read(organiser):
    with pytest.raises(SheetError) as refused:
        receive_upload(
            owner=organiser, kind="t", filename="big.csv", size=50 * 2**20, chunks=never_read(),
            max_bytes=10 * 2**20,
        )  # fmt: skip
    assert refused.value.problems == [
        problem(0, "", "file_too_large", size=50 * 2**20, limit=10 * 2**20)
    ]
    assert not PendingUpload.objects.exists()


def test_a_body_longer_than_its_declared_size_is_cut_off_at_the_cap(organiser):
    chunks = iter([b"a" * 6, b"b" * 6, b"c" * 6])
    with pytest.raises(SheetError) as refused:
        receive_upload(
            owner=organiser, kind="t", filename="x.csv", size=1, chunks=chunks, max_bytes=10
        )
    assert refused.value.problems == [problem(0, "", "file_too_large", size=12, limit=10)]
    assert next(chunks) == b"c" * 6  # the rest was never read


def test_an_upload_is_found_only_by_its_owner_and_kind_until_finished(organiser, investor):
    pending = receive_upload(
        owner=organiser, kind="t", filename="x.csv", size=3, chunks=[b"a,b"], params={"e": 1}
    )
    assert (bytes(pending.content), pending.size, pending.params) == (b"a,b", 3, {"e": 1})
    assert pending_upload(owner=organiser, kind="t", pk=pending.pk) == pending
    assert pending_upload(owner=investor, kind="t", pk=pending.pk) is None
    assert pending_upload(owner=organiser, kind="other", pk=pending.pk) is None
    finish_upload(pending)
    assert not PendingUpload.objects.exists()


def test_uploads_older_than_a_day_are_purged_by_the_command_and_on_each_upload(organiser):
    old = receive_upload(owner=organiser, kind="t", filename="o.csv", size=1, chunks=[b"a"])
    day_ago = timezone.now() - dt.timedelta(hours=25)
    PendingUpload.objects.filter(pk=old.pk).update(created_at=day_ago)
    assert pending_upload(owner=organiser, kind="t", pk=old.pk) is None
    fresh = receive_upload(owner=organiser, kind="t", filename="n.csv", size=1, chunks=[b"b"])
    assert list(PendingUpload.objects.all()) == [fresh]
    PendingUpload.objects.filter(pk=fresh.pk).update(created_at=day_ago)
    out = io.StringIO()
    call_command("purge_uploads", stdout=out)
    assert out.getvalue() == "1 pending upload(s) deleted.\n"
    assert not PendingUpload.objects.exists()
    assert purge_expired() == 0
