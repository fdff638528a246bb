"""Site suggestion: the registered factors on real rows, reasons that cite their numbers,
attaching a suggestion to a deal and showing it on the deal page."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from duijie.parks.factors import site_factors
from duijie.parks.models import SiteSuggestion
from duijie.parks.siting import SiteSubject, suggest
from duijie.parks.views_staff import default_market
from duijie.reference.models import AdminDivision, KeyIndustry
from duijie_core.siting.model import FactorScore, Reason
from tests.web.catalogue.factories import project
from tests.web.directory.factories import make_organisation
from tests.web.parks.factories import network, platform
from tests.web.pipeline.factories import make_deal

pytestmark = pytest.mark.django_db
TODAY = dt.date(2025, 9, 1)


def test_the_three_factors_of_the_app_are_registered() -> None:
    assert [f.name for f in site_factors()][:3] == ["industry", "logistics", "land"]


def test_ranking_by_industry_logistics_and_land() -> None:
    network()
    fit = platform("fit", division="4302", keys=("new-energy",), hectares="50")
    far = platform("far", division="4312", keys=("new-energy",), hectares="100")
    other = platform("other", division="4301", keys=("big-health",), hectares=None)
    subject = SiteSubject(label="x", key_industries=("new-energy",), market="81")
    found = suggest(subject=subject, today=TODAY)
    ranked = {r.platform: r for r in found.ranked}
    # No firm in the directory: a shared key industry scores 0.6 (no cluster on record).
    # Logistics: fit (16 h) is within a day of the fastest, other (15 h): both 1. far has
    # no route from Huaihua and other no land figure: each counts as the factor's worst
    # judged score (logistics 1, land 0.5), never lifted above the judged platforms.
    assert [r.platform for r in found.ranked] == [far.pk, fit.pk, other.pk]
    assert ranked[fit.pk].score == pytest.approx((2 * 0.6 + 1 + 0.5) / 4)
    assert ranked[fit.pk].coverage == 1.0
    assert ranked[far.pk].factors["logistics"].score is None
    assert ranked[far.pk].score == pytest.approx((2 * 0.6 + 1 + 1) / 4)
    assert ranked[far.pk].coverage == pytest.approx(3 / 4)
    assert ranked[other.pk].factors["land"].score is None
    assert ranked[other.pk].factors["industry"].score == 0.0
    assert ranked[other.pk].score == pytest.approx((0 + 1 + 0.5) / 4)
    assert [r.code for r in ranked[fit.pk].factors["logistics"].reasons] == [
        "hours_to_market",
        "hours_over_fastest",
    ]


def test_industry_fit_counts_the_firms_of_the_industry_in_the_platforms_city() -> None:
    zhuzhou = platform("zz", division="4302", keys=("new-energy", "big-health"))
    changsha = platform("cs", division="4301", keys=("new-energy",))
    new_energy = KeyIndustry.objects.get(code="new-energy")
    for n, where in enumerate(("430202", "430203", "430211", "430102")):
        org = make_organisation(f"企業{n}", hq_division=AdminDivision.objects.get(code=where))
        org.key_industries.add(new_energy)
    health = make_organisation("健康", hq_division=AdminDivision.objects.get(code="430202"))
    health.key_industries.add(KeyIndustry.objects.get(code="big-health"))
    make_organisation("無地址").key_industries.add(new_energy)  # no head office: not counted
    subject = SiteSubject(label="x", key_industries=("new-energy",))
    found = {r.platform: r for r in suggest(subject=subject, today=TODAY).ranked}
    assert [r.platform for r in suggest(subject=subject, today=TODAY).ranked][:2] == [
        zhuzhou.pk,
        changsha.pk,
    ]
    assert found[zhuzhou.pk].factors["industry"] == FactorScore(
        0.6 + 0.4 * 3 / 6,
        (
            Reason(
                "key_industry_firms",
                {"industry": "new-energy", "firms": 3, "all": 4, "share": 75},
            ),
        ),
    )
    assert found[changsha.pk].factors["industry"].score == pytest.approx(0.6 + 0.4 * 1 / 4)


def test_suggest_page_reasons_in_three_languages_cite_the_numbers(
    client_for, organiser, edition
) -> None:  # type: ignore[no-untyped-def]
    network()
    platform("fit", division="4302", keys=("new-energy",), hectares="50", sample_fields=["land"])
    made = project(edition, name_en="Storage Plant", name_hant="儲能電站", name_hans="储能电站")
    client = client_for(organiser)
    names = {"zh-hant": "儲能電站", "zh-hans": "储能电站", "en": "Storage Plant"}
    expected = {
        "zh-hant": [
            "主導產業包括「新能源」，但所在城市未有其主導產業企業的紀錄",
            "經最快路線約 16 小時到香港特別行政區",
            "可供土地 50 公頃",
            "土地數字為示例",
        ],
        "zh-hans": [
            "主导产业包括“新能源”，但所在城市没有其主导产业企业的记录",
            "经最快线路约 16 小时到香港特别行政区",
            "可供土地 50 公顷",
            "土地数字为示例",
        ],
        "en": [
            "“New energy” is one of its leading industries; no firm of its leading "
            "industries on record in the city",
            "about 16 hours to Hong Kong by the fastest route",
            "50 ha of land available",
            "the land figure is a sample",
        ],
    }
    for language, sentences in expected.items():
        client.post(reverse("accounts:set_language"), {"language": language})
        response = client.get(reverse("parks:suggest_project", args=[made.pk]))
        (row,) = response.context["rows"]
        assert response.context["subject"].label == names[language]  # the reader's language
        assert [s for _n, _score, found in row["factors"] for s in found] == sentences
        joined = {"en": "; "}.get(language, "；").join(sentences[-2:])
        assert joined in response.content.decode()


def test_attach_snapshots_the_reasons_on_the_deal(client_for, organiser, edition) -> None:  # type: ignore[no-untyped-def]
    network()
    fit = platform("fit", division="4302", keys=("new-energy",), hectares="50")
    made = project(edition)
    deal = make_deal(organiser, project=made)
    client = client_for(organiser)
    response = client.post(
        reverse("parks:attach", args=["project", made.pk]),
        {"deal": deal.pk, "platform": [fit.pk], "market": "81"},
    )
    assert response.status_code == 302
    saved = SiteSuggestion.objects.get()
    assert (saved.deal, saved.platform, saved.rank) == (deal, fit, 1)
    assert saved.reasons["land"] == {
        "score": 0.5,
        "reasons": [{"code": "land_hectares", "params": {"hectares": 50.0}}],
    }
    assert saved.sentences["en"][-1] == "50 ha of land available"
    page = client.get(reverse("pipeline:deal_detail", args=[deal.pk])).content.decode()
    assert "fit園" in page and "可供土地 50 公頃" in page


def test_attach_without_a_deal_or_platform_is_explained(client_for, organiser, edition) -> None:  # type: ignore[no-untyped-def]
    made = project(edition)
    client = client_for(organiser)
    response = client.post(
        reverse("parks:attach", args=["project", made.pk]), {"deal": "x"}, follow=True
    )
    assert (
        "Choose a deal and at least one platform"
        in str([str(m) for m in response.context["messages"]])
        or "選擇" in response.content.decode()
    )
    assert not SiteSuggestion.objects.exists()


def _suggest_page(client, edition, language: str):  # type: ignore[no-untyped-def]
    """A one-platform world; the reader in `language`; the project's suggestion page URL."""
    network()
    platform("fit", division="4302", keys=("new-energy",), hectares="50")
    client.post(reverse("accounts:set_language"), {"language": language})
    return reverse("parks:suggest_project", args=[project(edition).pk])


def test_suggest_page_first_view_ranks_for_hong_kong_and_says_so_without_a_stray_space(
    client_for, organiser, edition
) -> None:  # type: ignore[no-untyped-def]
    client = client_for(organiser)
    url = _suggest_page(client, edition, "zh-hant")
    for query in ("", "?w_industry=3"):  # first view, and a link setting only a weight
        response = client.get(url + query)
        assert response.context["form"]["market"].value() == "81"
        assert response.context["market_name"] == "香港特別行政區"
        (row,) = response.context["rows"]
        assert row["factors"][1][0] == "logistics"
        assert row["factors"][1][2][0] == "經最快路線約 16 小時到香港特別行政區"
    page = response.content.decode()
    assert "列出最佳的 1 個平台。各平台按其各因素的加權平均排序。" in page
    assert "。 " not in page


def test_a_wrong_weight_keeps_the_market_chosen(client_for, organiser, edition) -> None:  # type: ignore[no-untyped-def]
    client = client_for(organiser)
    url = _suggest_page(client, edition, "en")
    response = client.get(url, {"market": "port-nansha", "w_industry": "11"})
    assert list(response.context["form"].errors) == ["w_industry"]
    assert "Ensure this value is less than or equal to 10." in response.content.decode()
    assert response.context["market_name"] == "Nansha"


def test_default_market_is_hong_kong_else_the_first_destination() -> None:
    assert default_market(["port-nansha", "81", "port-klang"]) == "81"
    assert default_market(["port-nansha", "port-klang"]) == "port-nansha"
    assert default_market([]) == ""
