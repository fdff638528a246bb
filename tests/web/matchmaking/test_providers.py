"""The providers through which the trade week and the pipeline hand facts down to matching."""

from __future__ import annotations

import pytest

from duijie.matchmaking import providers
from duijie.matchmaking.outcomes import all_outcomes
from duijie.pipeline.services import signed_deal_outcomes
from duijie.tradeweek.matching import PROVIDER, meeting_outcomes

pytestmark = pytest.mark.django_db


def test_the_apps_above_register_their_providers_at_start_up():
    assert providers.trade_week() is PROVIDER
    assert providers._outcome_providers == {
        "tradeweek.meetings": meeting_outcomes,
        "pipeline.signed_deals": signed_deal_outcomes,
    }


@pytest.fixture
def restore_providers():  # type: ignore[no-untyped-def]
    outcomes, week = dict(providers._outcome_providers), list(providers._trade_week)
    yield
    providers._outcome_providers.clear()
    providers._outcome_providers.update(outcomes)
    providers._trade_week[:] = week


def test_a_broken_outcome_provider_fails_loudly(restore_providers):
    def broken() -> list[providers.OutcomeRecord]:
        raise LookupError("no such table")

    providers.register_outcomes("broken", broken)
    with pytest.raises(LookupError, match="no such table"):
        all_outcomes()


def test_without_a_trade_week_there_are_no_participants_nor_meetings(restore_providers, world):
    providers._trade_week.clear()
    assert providers.participant_organisations(world.edition) == set()
    assert providers.met_organisations(world.edition) == {}
    assert providers.meeting_targets(world.edition, world.owner, [world.lead.pk]) == {}
