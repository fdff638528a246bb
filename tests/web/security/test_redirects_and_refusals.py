"""Open redirects and domain errors: ``next`` stays on this site; no domain error is a 500."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import pytest
from django.test import RequestFactory
from django.urls import reverse

import duijie
import duijie_core
from duijie.accounts.redirects import safe_next
from duijie.accounts.refusals import REFUSALS, RefusalMiddleware, refusal_sentences
from duijie.matchmaking.models import MatchFeedback, MatchRun, Side
from duijie.matchmaking.services import execute_run
from duijie.tradeweek.models import Outcome, Participant
from duijie.tradeweek.phrases import TradeWeekError
from duijie.tradeweek.services import placement
from tests.web.matchmaking.factories import TODAY, small_world
from tests.web.tradeweek.factories import make_participant, make_request, make_slots, make_venue

pytestmark = pytest.mark.django_db
EVIL = ["https://evil.example/", "//evil.example/", "/\\evil.example/", "https:evil.example"]


@pytest.mark.parametrize("target", EVIL)
def test_match_feedback_does_not_redirect_off_site(client_for, edition, organiser, target):
    world = small_world(edition)
    run = execute_run(
        run=MatchRun.objects.create(edition=world.edition, params={"top": 5}), today=TODAY
    )
    rec = run.recommendations.filter(side=Side.INVESTOR_PROJECT).first()
    url = reverse("matchmaking:feedback", args=[rec.pk])
    response = client_for(organiser).post(url, {"verdict": "good", "next": target})
    assert response.status_code == 302
    assert response["Location"] == reverse("matchmaking:mine")
    assert MatchFeedback.objects.count() == 1


@pytest.mark.parametrize("target", EVIL)
def test_language_switch_and_trade_week_back_stay_on_site(client, target):
    response = client.post(reverse("accounts:set_language"), {"language": "en", "next": target})
    assert response["Location"] == reverse("accounts:home")


def test_safe_next_keeps_local_paths_and_this_host():
    factory = RequestFactory()
    local = factory.post("/", {"next": "/week/agenda/?day=2"})
    assert safe_next(local, "accounts:home") == "/week/agenda/?day=2"
    same_host = factory.post("/", {"next": "http://testserver/projects/"})
    assert safe_next(same_host, "/") == "http://testserver/projects/"
    for target in EVIL:
        assert safe_next(factory.post("/", {"next": target}), "accounts:home") == "/"


def test_an_organiser_who_takes_part_cannot_rate_others_meeting(client_for, edition, organiser):
    """The 500 of the security review: TradeWeekError('not_yours') was not handled."""
    Participant.objects.create(edition=edition, user=organiser, kind="investor")
    slot = make_slots(edition, make_venue(edition), n=1)[0]
    a, b = make_participant(edition), make_participant(edition)
    meeting = placement.seat_meeting(request=make_request(a, b), slot=slot, table=1)
    url = reverse("tradeweek:meeting_outcome", args=[meeting.pk])
    response = client_for(organiser).post(url, {"rating": 5, "next_step": "call"})
    assert response.status_code == 200
    assert "這屬於其他人。" in response.text
    assert not Outcome.objects.exists()


def domain_error_classes() -> list[type[Exception]]:
    """Every public ``*Error`` exception class defined in the apps and the core."""
    found: dict[str, type[Exception]] = {}
    for package in (duijie, duijie_core):
        for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
            if ".migrations" in info.name or info.name.endswith(
                ("cli", "__main__", "wsgi", "asgi")
            ):
                continue
            module = importlib.import_module(info.name)
            for name, value in vars(module).items():
                if (inspect.isclass(value) and issubclass(value, Exception)
                        and value.__module__ == info.name and name.endswith("Error")
                        and not name.startswith("_")):  # fmt: skip
                    found[f"{info.name}.{name}"] = value
    return [found[key] for key in sorted(found)]


def test_every_domain_error_is_registered_as_a_refusal():
    classes = domain_error_classes()
    assert len(classes) >= 10
    missing = [c.__qualname__ for c in classes if refusal_sentences(_instance(c)) is None]
    assert missing == []


@pytest.mark.parametrize("error_class", sorted(REFUSALS, key=lambda c: c.__qualname__))
def test_a_domain_error_reaching_the_top_is_a_409_page_in_the_readers_language(
    error_class, organiser
):
    request = RequestFactory().post("/x/", HTTP_REFERER="https://evil.example/")
    request.user = organiser
    response = RefusalMiddleware(lambda r: None).process_exception(request, _instance(error_class))  # type: ignore[arg-type,return-value]
    assert response is not None and response.status_code == 409
    text = response.content.decode()
    assert "無法完成" in text
    assert '<a class="button" href="/">' in text  # back: the referer was another site


def test_the_refusal_names_the_reason():
    assert refusal_sentences(TradeWeekError("not_yours")) == [str(TradeWeekError("not_yours"))]
    assert refusal_sentences(KeyError("x")) is None


def _instance(error_class: type[Exception]) -> Exception:
    """An instance of ``error_class`` built like the apps build it (codes/problems)."""
    from duijie_core.problems import Problem

    problems = [Problem("evidence_required", {"stage": "2"})]
    for args in ((problems,), (problems[0],), ("not_yours",), ("x",), ()):
        try:
            return error_class(*args)
        except (TypeError, AttributeError):
            continue
    raise AssertionError(error_class)
