import random

import pytest

from duijie.pipeline import demo
from duijie.pipeline.models import AftercareVisit, Deal, DuplicateStatus, Stage

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
