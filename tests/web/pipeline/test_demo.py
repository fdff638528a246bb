import datetime as dt
import random

import pytest
from django.http import QueryDict

from duijie.pipeline import demo
from duijie.pipeline.dashboard import FigureContext, headline
from duijie.pipeline.filters import FigureFilter
from duijie.pipeline.models import AftercareVisit, Deal, DuplicateStatus, Stage
from duijie_core.text import normalise

pytestmark = pytest.mark.django_db


def test_demo_is_labelled_and_has_the_promised_cases(organiser, edition):
    counts = demo.populate(rng=random.Random(7), scale=1, edition=edition)
    assert counts["pipeline_deals"] == 124
    assert Deal.objects.filter(is_demo=False).count() == 0
    assert Deal.objects.filter(duplicate_status=DuplicateStatus.SUSPECT).count() == 2
    assert set(Deal.objects.values_list("edition__slug", flat=True)) == {
        "hunan-gba-2023",
        "hunan-gba-2024",
        "hunan-gba-2025",
    }
    xiangtan = Deal.objects.get(title="湖南健康醫療大數據中心（示範）")
    assert (xiangtan.stage, xiangtan.amount_cny, xiangtan.city.code) == (
        Stage.CONSTRUCTION_STARTED,
        10**9,
        "4303",
    )
    yuhu = Deal.objects.get(title="雨湖冷鏈交易中心（示範）")
    assert (yuhu.stage, yuhu.amount, yuhu.topped_out_on.year) == (Stage.TOPPED_OUT, None, 2024)
    assert AftercareVisit.objects.filter(is_demo=True).count() == counts["aftercare_visits"] == 15


def test_dashboard_signings_of_the_demo_equal_a_hand_count_with_resignings_once(organiser, edition):
    """Issue 15: the dashboard's signings for the demo equal a count by hand that treats
    a re-signing (the same deal announced again in the other script) as one."""
    demo.populate(rng=random.Random(7), scale=1, edition=edition)
    signed = Deal.objects.filter(signed_on__isnull=False)
    by_hand = {(d.investor_id, normalise(d.title), d.city_id) for d in signed}
    assert signed.count() - len(by_hand) == 2  # the two demo re-signings
    every_edition = FigureFilter(QueryDict("edition="))
    figures = headline(FigureContext(every_edition, "edition", dt.date.today()))
    assert figures["group"].counts.signed == len(by_hand)
    assert figures["suspects"] == 2
