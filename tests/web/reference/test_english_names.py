"""English and Traditional names of the reference data (issue #11)."""

from __future__ import annotations

import pytest
from django.utils import translation

from duijie.reference.loaders import load_divisions, load_industries
from duijie.reference.models import AdminDivision, Industry
from duijie.reference.romanise import romanise_division

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("name", "english"),
    [
        ("长沙市", "Changsha"),
        ("张家界市", "Zhangjiajie"),
        ("岳麓区", "Yuelu District"),
        ("长沙县", "Changsha County"),
        ("湘西土家族苗族自治州", "Xiangxi Tujia and Miao Autonomous Prefecture"),
        ("城步苗族自治县", "Chengbu Miao Autonomous County"),
        ("西安市", "Xi'an"),
        ("市辖区", "City Districts"),
    ],
)
def test_romanisation_translates_the_suffix_and_romanises_the_name(name, english):
    assert romanise_division(name) == english


def test_published_english_names_win_over_pinyin():
    hunan = AdminDivision.objects.get(code="43")
    assert (hunan.name_en, hunan.name_en_romanised) == ("Hunan", False)
    shaanxi = AdminDivision.objects.get(code="61")
    assert shaanxi.name_en == "Shaanxi"
    tuen_mun = AdminDivision.objects.get(name="屯门区")
    assert (tuen_mun.name_en, tuen_mun.name_en_romanised) == ("Tuen Mun", False)
    assert AdminDivision.objects.get(code="81").display_name("en") == "Hong Kong"


def test_every_division_has_an_english_name_and_romanised_ones_are_flagged():
    assert not AdminDivision.objects.filter(name_en="").exists()
    changsha = AdminDivision.objects.get(code="4301")
    assert (changsha.name_en, changsha.name_en_romanised) == ("Changsha", True)
    zhangjiajie = AdminDivision.objects.get(code="4308")
    assert zhangjiajie.display_name("en") == "Zhangjiajie"
    assert zhangjiajie.display_name("zh-hant") == "張家界市"


def test_traditional_names_are_hong_kong_traditional():
    assert AdminDivision.objects.get(code="81").name_hant == "香港特別行政區"
    assert AdminDivision.objects.get(code="4306").name_hant == "岳陽市"


def test_industry_sections_and_divisions_have_nbs_english_names():
    power = Industry.objects.get(code="44")
    assert power.display_name("en") == "Production and Supply of Electricity and Heat"
    assert power.display_name("zh-hant") == "電力、熱力生產和供應業"
    assert power.display_name("zh-hans") == "电力、热力生产和供应业"
    assert Industry.objects.get(code="C").name_en == "Manufacturing"
    sections_and_divisions = Industry.objects.filter(level__in=[1, 2])
    assert sections_and_divisions.count() == 117
    assert not sections_and_divisions.filter(name_en="").exists()
    assert Industry.objects.get(code="16").name == "烟草制品业"  # source's trailing space trimmed


def test_industry_str_follows_the_active_language():
    with translation.override("en"):
        assert str(Industry.objects.get(code="27")) == "27 Manufacture of Medicines"


def test_reloading_rewrites_a_stale_derived_name():
    AdminDivision.objects.filter(code="4301").update(name_en="", name_hant="长沙市")
    Industry.objects.filter(code="44").update(name_en="")
    load_divisions()
    load_industries()
    changsha = AdminDivision.objects.get(code="4301")
    assert (changsha.name_en, changsha.name_hant) == ("Changsha", "長沙市")
    assert Industry.objects.get(code="44").name_en.startswith("Production and Supply")


def test_division_options_in_english(client):
    client.cookies["django_language"] = "en"
    response = client.get("/reference/divisions/?parent=43")
    assert "Zhangjiajie</option>" in response.text


def test_place_filter_marks_romanised_english_names():
    from duijie.reference.templatetags.places import place

    changsha, hunan = AdminDivision.objects.get(code="4301"), AdminDivision.objects.get(code="43")
    with translation.override("en"):
        assert place(changsha) == (
            'Changsha <abbr class="romanised" title="Hanyu Pinyin romanisation: this place has'
            ' no official English name.">(Pinyin)</abbr>'
        )
        assert place(hunan) == "Hunan"
    with translation.override("zh-hant"):
        assert place(changsha) == "長沙市"
    assert place(None) == ""


def test_division_options_explain_romanised_names(client):
    client.cookies["django_language"] = "en"
    response = client.get("/reference/divisions/?parent=4308")
    assert (
        '<option value="430802" title="Hanyu Pinyin romanisation: this place has no official'
        ' English name.">Yongding District</option>'
    ) in response.text
