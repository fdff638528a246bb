"""Every <input type=date> carries its value as ISO yyyy-mm-dd in every language (issue #11).

Chromium discards any other value (2026/12/07), shows the field empty and blocks the save,
so an edit form would lose its stored date. The format lives in one place (duijie.formats);
these tests render each form that has a date, in each language.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django import forms
from django.utils import translation

from duijie.catalogue.forms import RoadshowForm
from duijie.directory.forms import CampaignForm, InteractionForm
from duijie.pipeline.forms import (
    ArrivalForm,
    DealForm,
    EventEditForm,
    IssueForm,
    MoveForm,
    ResolveForm,
    VisitForm,
)
from duijie.tradeweek.planning_forms import EventForm

pytestmark = pytest.mark.django_db

STORED = dt.date(2026, 12, 7)
LANGUAGES = ("zh-hant", "zh-hans", "en")
FORMS = [
    (DealForm, "opened_on"),
    (MoveForm, "on"),
    (EventEditForm, "occurred_on"),
    (ArrivalForm, "arrived_on"),
    (VisitForm, "visited_on"),
    (IssueForm, "raised_on"),
    (ResolveForm, "resolved_on"),
    (CampaignForm, "starts_on"),
    (InteractionForm, "happened_on"),
    (RoadshowForm, "held_on"),
]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(("form_class", "name"), FORMS)
def test_a_stored_date_is_iso_in_the_input(
    form_class: type[forms.BaseForm], name: str, language: str
) -> None:
    with translation.override(language):
        html = str(form_class(initial={name: STORED})[name])
    assert 'type="date"' in html
    assert 'value="2026-12-07"' in html


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_trade_week_event_form_keeps_its_day(language: str, edition) -> None:  # type: ignore[no-untyped-def]
    with translation.override(language):
        html = str(EventForm(edition=edition, initial={"day": STORED})["day"])
    assert 'value="2026-12-07"' in html


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("typed", ["2026-12-07", "2026/12/07"])
def test_what_the_browser_sends_is_read_back_in_every_language(language: str, typed: str) -> None:
    data = {"resolved_on": typed, "resolution": "done"}
    with translation.override(language):
        form = ResolveForm(data=data)
        assert form.is_valid(), form.errors
    assert form.cleaned_data["resolved_on"] == STORED
