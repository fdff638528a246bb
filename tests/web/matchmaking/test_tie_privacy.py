"""Warm-introduction reasons built from people's hometowns and schools (staff-only data):
project owners see only that agency staff can introduce them; staff see the detail, logged."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from duijie.accounts.models import PersonalDataAccess
from duijie.matchmaking.labels import hide_ties, reason_texts
from tests.web.matchmaking.factories import reason, run_with

pytestmark = pytest.mark.django_db

SCHOOL = "湖南大學"
TIE = {
    "code": "tie_school",
    "params": {"school": SCHOOL},
    "texts": {"zh-Hant": f"同為{SCHOOL}校友", "zh-Hans": "同为湖南大学校友", "en": "fellow alumni"},
}
HIDDEN = {
    "zh-hant": "可經招商人員引薦",
    "zh-hans": "可经招商人员引荐",
    "en": "a warm introduction is possible through agency staff",
}


@pytest.fixture
def tie_run(world):  # type: ignore[no-untyped-def]
    row = {"project": world.project, "organisation": world.lead,
           "candidate_name": world.lead.name, "reasons": [reason("popular"), TIE]}  # fmt: skip
    return run_with(world.edition, [row])


@pytest.mark.parametrize("language", ["zh-hant", "zh-hans", "en"])
def test_hidden_ties_read_in_every_language(language: str) -> None:
    reasons = [reason("popular"), TIE]
    with translation.override(language):
        shown = reason_texts(hide_ties(reasons, ties_detail=False), language)
    assert shown[1] == HIDDEN[language]
    assert SCHOOL not in " ".join(shown)
    assert hide_ties(reasons, ties_detail=True) == reasons


def test_the_owner_sees_no_school(client_for, world, tie_run) -> None:
    url = reverse("matchmaking:project_suggestions", args=[world.project.pk])
    page = client_for(world.owner).get(url).content.decode()
    assert HIDDEN["zh-hant"] in page and SCHOOL not in page
    assert PersonalDataAccess.objects.count() == 0


def test_staff_see_the_school_and_the_read_is_logged(client_for, world, tie_run, organiser) -> None:
    url = reverse("matchmaking:project_suggestions", args=[world.project.pk])
    page = client_for(organiser).get(url).content.decode()
    assert f"同為{SCHOOL}校友" in page
    access = PersonalDataAccess.objects.get()
    assert (access.user, access.fields, access.purpose) == (organiser, "hometown,schools", url)


def test_staff_pages_without_ties_write_no_record(client_for, world, organiser) -> None:
    run_with(world.edition, [{"project": world.project, "organisation": world.lead}])
    url = reverse("matchmaking:project_suggestions", args=[world.project.pk])
    assert client_for(organiser).get(url).status_code == 200
    assert PersonalDataAccess.objects.count() == 0


def test_the_run_export_is_logged(client_for, tie_run, organiser) -> None:
    response = client_for(organiser).get(reverse("matchmaking:run_export", args=[tie_run.pk]))
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    assert any(SCHOOL in str(cell.value) for row in sheet.iter_rows() for cell in row)
    assert PersonalDataAccess.objects.get().action == "export"
