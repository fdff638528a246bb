"""Re-signing detection on the real identity of a deal (issue 15)."""

import datetime as dt

import pytest
from django.urls import reverse

from duijie.catalogue.services import carry_into_edition
from duijie.directory.keys import fill_organisation_keys
from duijie.directory.models import Organisation, OrganisationKind
from duijie.pipeline import services
from duijie.pipeline.models import DuplicateStatus, ResignSuspicion, Stage
from duijie.reference.models import Edition
from duijie_core.text import normalise

from ..catalogue import factories as catalogue
from .factories import city, make_deal, make_org, make_rate, walk

pytestmark = pytest.mark.django_db
D = dt.date


def _next_edition() -> Edition:
    return Edition.objects.create(
        slug="hunan-gba-2026", name="2026湖南—粤港澳大湾区投资贸易洽谈周",
        name_hant="2026湖南—粵港澳大灣區投資貿易洽談周", name_en="2026 trade week",
        starts_on=D(2026, 5, 18), ends_on=D(2026, 5, 22),
    )  # fmt: skip


def _signed(owner, on, **fields):  # type: ignore[no-untyped-def]
    return walk(make_deal(owner, **fields), owner, {Stage.SIGNED: on})


def test_bug_carried_over_project_in_hkd_is_the_same_signing(organiser, edition):
    """Issue 15: same investor, same enterprise, 8億港元 ≈ CNY 744 M, the carried-over copy
    of the same catalogue project: was "No look-alike found" and counted again."""
    make_rate("HKD", "0.93", D(2025, 1, 1))
    investor, enterprise = make_org("香港卓越物流集團有限公司"), make_org("湖南卓越冷鏈有限公司")
    project = catalogue.project(edition, code="YY-01", name_hant="岳陽城陵磯冷鏈產業園")
    copy = carry_into_edition(project=project, edition=_next_edition(), user=organiser)
    first = _signed(
        organiser, D(2025, 5, 14), title="岳陽城陵磯冷鏈產業園", investor=investor,
        enterprise=enterprise, project=project, amount_text="7.44億元", city=city("4306"),
    )  # fmt: skip
    name_only = _signed(
        organiser, D(2025, 6, 1), title="岳陽城陵磯冷鏈產業園項目", amount_text="7.5億元",
        city=city("4306"),
    )  # fmt: skip
    services.confirm_distinct(deal=name_only, by=organiser)
    again = _signed(
        organiser, D(2026, 5, 20), title="岳陽城陵磯冷鏈產業園項目", investor=investor,
        enterprise=enterprise, project=copy, amount_text="8億港元", currency_code="HKD",
        city=city("4306"),
    )  # fmt: skip
    assert again.amount_cny == 744_000_000
    assert again.duplicate_status == DuplicateStatus.SUSPECT and not again.is_counted
    ranked = list(ResignSuspicion.objects.filter(deal=again).values_list("other", "score"))
    # the look-alike by name and amount was signed by another known firm: not a suspect
    assert ranked == [(first.pk, 1.0)]


def test_investor_entered_again_in_simplified_script_is_the_same_investor(organiser):
    traditional = make_org("香港華潤創業有限公司")
    simplified = Organisation.objects.create(
        kind=OrganisationKind.CORPORATE, name="华润创业有限公司", match_key=normalise("华润创业")
    )
    first = _signed(organiser, D(2024, 5, 10), title="長沙華潤萬家物流中心", investor=traditional,
                    amount_text="3億元")  # fmt: skip
    again = _signed(organiser, D(2025, 5, 14), title="长沙华润物流中心项目",
                    investor=simplified, amount_text="3.1億元")  # fmt: skip
    suspicion = ResignSuspicion.objects.get(deal=again)
    assert suspicion.other == first
    assert [r["code"] for r in suspicion.reasons] == [
        "same_investor_name", "similar_amount", "similar_name",
    ]  # fmt: skip


def test_suspicion_is_explained_in_sentences_in_three_languages(organiser, client_for):
    investor = make_org()
    first = _signed(organiser, D(2024, 5, 10), title="湖南健康醫療大數據中心", investor=investor)
    again = _signed(organiser, D(2025, 5, 14), title="湖南健康医疗大数据中心", investor=investor)
    client = client_for(organiser)
    expected = {
        "en": ["The investor is the same.", "The deal names are 100% alike."],
        "zh-hans": ["投资方相同。", "两项签约的名称相似度为100%。"],
        "zh-hant": ["投資方相同。", "兩項簽約的名稱相似度為100%。"],
    }
    for language, sentences in expected.items():
        organiser.language = language
        organiser.save(update_fields=["language"])
        page = client.get(reverse("pipeline:deal_detail", args=[again.pk])).content.decode()
        for sentence in sentences:
            assert sentence in page, (language, sentence)
        assert "same_investor" not in page and "similar_name" not in page
    assert first.title in page


def test_distinct_decision_is_kept_in_history_and_respected_on_edit(organiser):
    investor = make_org()
    first = _signed(organiser, D(2024, 5, 10), title="長沙冷鏈物流園", investor=investor)
    again = _signed(organiser, D(2025, 5, 14), title="長沙冷鏈物流園", investor=investor)
    services.confirm_distinct(deal=again, by=organiser)
    services.update_deal(deal=again, title="長沙冷鏈物流園", amount_text="1.05億元")
    again.refresh_from_db()
    assert again.duplicate_status == DuplicateStatus.DISTINCT
    decided = again.history.filter(duplicate_status=DuplicateStatus.DISTINCT).earliest(
        "history_date"
    )
    assert decided.history_user == organiser
    third = _signed(organiser, D(2024, 6, 1), title="湘潭冷鏈物流園", investor=investor,
                    amount_text="2億元")  # fmt: skip
    services.update_deal(deal=again, title="湘潭冷鏈物流園", amount_text="2億元")
    again.refresh_from_db()
    assert again.duplicate_status == DuplicateStatus.SUSPECT  # a deal it was never judged against
    assert sorted(again.suspicions.values_list("other", flat=True)) == sorted([first.pk, third.pk])


def _org(name: str, **fields) -> Organisation:  # type: ignore[no-untyped-def]
    org = Organisation(kind=OrganisationKind.CORPORATE, name=name, **fields)
    fill_organisation_keys(org)
    org.save()
    return org


@pytest.mark.parametrize(
    ("registered", "written"),
    [
        ("株洲中车时代电气股份有限公司", "时代电气"),  # the short name people write
        ("时代电气", "株洲中车时代电气股份有限公司"),  # and the other way round
        ("湖南三一重工有限公司", "三一重工股份有限公司"),  # place and legal form differ
        ("香港華潤創業有限公司", "华润创业"),  # Traditional / Simplified, no legal form
    ],
)
def test_resigning_with_the_investor_spelled_another_way_is_found(organiser, registered, written):
    """Issue 15: the pre-filter matched investors by exact name key, so a re-signing by an
    investor written another way (short name, script, legal form) was never compared
    unless the amount or the project matched too."""
    first = _signed(organiser, D(2024, 5, 10), title="株洲軌道交通裝備產業園",
                    investor=_org(registered), amount_text="3億元")  # fmt: skip
    again = _signed(organiser, D(2025, 5, 14), title="株洲轨道交通装备产业园项目",
                    investor=_org(written), amount_text="5億元")  # fmt: skip
    suspicion = ResignSuspicion.objects.get(deal=again)
    assert suspicion.other == first
    assert [r["code"] for r in suspicion.reasons] == ["same_investor_name", "similar_name"]
    assert again.duplicate_status == DuplicateStatus.SUSPECT


def test_two_firms_sharing_a_word_are_not_one_investor(organiser):
    _signed(organiser, D(2024, 5, 10), title="株洲軌道交通裝備產業園",
            investor=_org("株洲中车时代电气股份有限公司"), amount_text="3億元")  # fmt: skip
    again = _signed(organiser, D(2025, 5, 14), title="株洲轨道交通装备产业园项目",
                    investor=_org("时代新材料科技股份有限公司"), amount_text="5億元")  # fmt: skip
    assert not ResignSuspicion.objects.filter(deal=again).exists()
    assert again.duplicate_status == DuplicateStatus.CLEAR
