"""A job's messages are kept as phrase codes and shown in the reader's language."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from duijie.jobs.models import Failure, Job
from duijie.jobs.phrases import phrase, sentence
from duijie.jobs.services import enqueue
from duijie.jobs.tasks import reporter
from tests.web.jobs.kinds import DATABASE_TASKS

pytestmark = pytest.mark.django_db

CHECKING = {
    "zh-hant": "正在讀取文件並與預覽核對。",
    "en": "Reading the file and checking it against the preview.",
}
IMPORTED = {"zh-hant": "已匯入 3 條產業鏈。", "en": "Imported 3 chains."}
OTHER = {"zh-hant": "en", "en": "zh-hant"}


def status_text(client, job):  # type: ignore[no-untyped-def]
    return client.get(reverse("jobs:status", args=[job.pk])).text


def reader(user, language):  # type: ignore[no-untyped-def]
    user.language = language
    user.save()
    return user


def run_as(language, user, **params):  # type: ignore[no-untyped-def]
    with translation.override(language):
        return enqueue(kind="tests.phrased", params=params, user=user)


@pytest.mark.parametrize("uploader", ["zh-hant", "en"])
def test_progress_partial_is_in_the_readers_language(
    client_for, investor, organiser, settings, uploader
):
    settings.TASKS = DATABASE_TASKS
    queued = enqueue(kind="tests.phrased", params={}, user=investor)
    with translation.override(uploader):
        reporter(queued.pk)(40, phrase("tests.checking"))
    running = Job.objects.get(pk=queued.pk)
    assert (running.message_code, running.message, running.progress) == (
        "tests.checking", CHECKING[uploader], 40,
    )  # fmt: skip
    client = client_for(reader(organiser, OTHER[uploader]))
    text = status_text(client, running)
    assert CHECKING[OTHER[uploader]] in text and CHECKING[uploader] not in text


@pytest.mark.parametrize("uploader", ["zh-hant", "en"])
def test_success_message_is_in_the_readers_language(client_for, investor, organiser, uploader):
    done = run_as(uploader, investor)
    assert (done.is_successful, done.message_code, done.message_params) == (
        True, "tests.imported", {"count": 3},
    )  # fmt: skip
    assert done.message == IMPORTED[uploader]
    client = client_for(reader(organiser, OTHER[uploader]))
    assert IMPORTED[OTHER[uploader]] in status_text(client, done)
    recent = client.get(reverse("jobs:recent")).text
    assert IMPORTED[OTHER[uploader]] in recent and IMPORTED[uploader] not in recent


@pytest.mark.parametrize("uploader", ["zh-hant", "en"])
def test_refusal_is_in_the_readers_language(client_for, investor, organiser, uploader):
    refused = run_as(uploader, investor, refuse=True)
    assert (refused.failure, refused.message_code, refused.result_url) == (
        Failure.REFUSED, "tests.checking", "/again/",
    )  # fmt: skip
    client = client_for(reader(organiser, OTHER[uploader]))
    text = status_text(client, refused)
    assert CHECKING[OTHER[uploader]] in text and CHECKING[uploader] not in text


def test_an_older_row_with_text_only_shows_its_text(client_for, organiser):
    old = Job.objects.create(kind="tests.phrased", created_by=organiser, message="舊的訊息")
    assert "舊的訊息" in status_text(client_for(reader(organiser, "en")), old)


def test_a_code_no_app_names_any_more_shows_the_text_kept():
    assert sentence("tests.gone_away", {}, "已匯入 3 條產業鏈。") == "已匯入 3 條產業鏈。"
    with translation.override("en"):
        assert sentence("tests.imported", {"count": 3}, "已匯入 3 條產業鏈。") == IMPORTED["en"]
