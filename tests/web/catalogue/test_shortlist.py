"""The investor's shortlist (issue 13): add and remove a project from its page, the
"my shortlist" page with the way to ask its owner for a meeting, and outsiders."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from duijie.catalogue.models import ShortlistEntry, Status
from duijie.tradeweek.models import ParticipantKind
from duijie.tradeweek.services.participants import enrol
from tests.web.matchmaking.factories import organisation, project, user

pytestmark = pytest.mark.django_db


def _get(client, user, url: str) -> str:  # type: ignore[no-untyped-def]
    user.language = "en"
    user.save(update_fields=["language"])
    client.force_login(user)
    with translation.override("en"):
        response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_an_investor_keeps_and_drops_a_project(client, investor, edition) -> None:  # type: ignore[no-untyped-def]
    plant = project(edition, organisation("Xiang River Energy"), name_en="Storage Plant")
    detail = reverse("catalogue:detail", args=[edition.slug, plant.code])
    toggle = reverse("catalogue:shortlist_toggle", args=[plant.pk])
    assert "Add to my shortlist" in _get(client, investor, detail)
    client.post(toggle)
    client.post(toggle)  # twice: still one entry
    assert ShortlistEntry.objects.filter(user=investor, project=plant).count() == 1
    assert "Remove from my shortlist" in _get(client, investor, detail)
    page = _get(client, investor, reverse("catalogue:shortlist"))
    assert "Storage Plant" in page and detail in page
    client.post(toggle, {"keep": "0"})
    assert not ShortlistEntry.objects.exists()
    assert "Your shortlist is empty" in _get(client, investor, reverse("catalogue:shortlist"))


def test_the_shortlist_asks_the_owner_during_the_week(client, investor, edition) -> None:  # type: ignore[no-untyped-def]
    plant = project(edition, organisation("Xiang River Energy"))
    owner = enrol(
        edition=edition,
        user=user("project_owner", "owner"),
        kind=ParticipantKind.PROJECT_OWNER,
        project=plant,
    )
    enrol(edition=edition, user=investor, kind=ParticipantKind.INVESTOR)
    ShortlistEntry.objects.create(user=investor, project=plant)
    page = _get(client, investor, reverse("catalogue:shortlist"))
    assert reverse("tradeweek:request_new", args=[owner.pk]) in page


def test_only_investors_keep_a_shortlist_and_only_of_published_projects(
    client, project_owner, investor, edition
) -> None:  # type: ignore[no-untyped-def]
    draft = project(edition, organisation("Draft Co"), status=Status.DRAFT)
    client.force_login(project_owner)
    assert client.get(reverse("catalogue:shortlist")).status_code == 403
    client.force_login(investor)
    response = client.post(reverse("catalogue:shortlist_toggle", args=[draft.pk]))
    assert response.status_code == 404
    assert not ShortlistEntry.objects.exists()
