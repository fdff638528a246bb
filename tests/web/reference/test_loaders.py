"""Reference data: shipped files load completely and loading twice changes nothing."""

from __future__ import annotations

import pytest

from duijie.reference.loaders import division_rows, industry_rows, load_all
from duijie.reference.models import AdminDivision, Industry, KeyIndustry, PromotionMethod

pytestmark = pytest.mark.django_db


def test_division_rows_cover_mainland_and_the_sars():
    rows = division_rows()
    codes = {code for code, *_ in rows}
    assert {"43", "4301", "430102", "81", "82"} <= codes
    assert ("81", "香港特别行政区", 1, None) in rows
    assert len(codes) == len(rows)


def test_hunan_has_fourteen_prefecture_level_cities():
    hunan = AdminDivision.objects.get(code="43")
    assert hunan.name == "湖南省"
    assert hunan.children.count() == 14
    assert AdminDivision.objects.get(code="4301").name == "长沙市"
    assert AdminDivision.objects.get(code="4301").display_name("zh-hant") == "長沙市"


def test_hong_kong_districts_hang_under_hong_kong():
    hk = AdminDivision.objects.get(code="81")
    district = AdminDivision.objects.get(name="湾仔区")
    assert district.parent.parent == hk


def test_industry_tree_and_repeated_code_in_source():
    rows = industry_rows()
    assert len({r[0] for r in rows}) == len(rows)
    assert Industry.objects.get(code="374").name == "航空、航天器及设备制造"
    assert Industry.objects.get(code="3711").parent.code == "371"
    assert Industry.objects.get(code="37").parent.code == "C"


def test_key_industries_and_methods():
    assert KeyIndustry.objects.count() == 10
    new_energy = KeyIndustry.objects.get(code="new-energy")
    assert (new_energy.display_name("zh-hant"), new_energy.display_name("en")) == (
        "新能源",
        "New energy",
    )
    assert new_energy.industries.filter(code="44").exists()
    assert set(PromotionMethod.objects.values_list("code", flat=True)) == {
        "industry-chain",
        "supply-chain",
        "order-based",
        "ecosystem",
        "scenario",
        "hometown",
    }


def test_loading_twice_creates_nothing_new():
    before = (AdminDivision.objects.count(), Industry.objects.count(), KeyIndustry.objects.count())
    counts = load_all()
    after = (AdminDivision.objects.count(), Industry.objects.count(), KeyIndustry.objects.count())
    assert before == after
    assert counts == {
        "divisions": before[0],
        "industries": before[1],
        "key_industries": 10,
        "promotion_methods": 6,
    }


def test_staff_added_method_survives_reload():
    PromotionMethod.objects.create(
        code="fund", name="基金招商", name_hant="基金招商", name_en="Fund promotion"
    )
    load_all()
    assert PromotionMethod.objects.filter(code="fund").exists()


def test_division_options_partial(client):
    response = client.get("/reference/divisions/?parent=43")
    assert response.status_code == 200
    assert response.text.count("<option") == 15
    assert '<option value="4301">長沙市</option>' in response.text
