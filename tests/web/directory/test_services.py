"""Merging, search, segments, erasure, events and listed companies."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from duijie.accounts.models import PersonalDataAccess
from duijie.directory.dealnames import split_investors
from duijie.directory.erasure import erase_person
from duijie.directory.events import import_events, plan_events
from duijie.directory.listed import import_listed_companies
from duijie.directory.merging import MergeRefused, merge_organisations
from duijie.directory.models import (
    Affiliation,
    FinancingEvent,
    Interaction,
    Membership,
    MergeRecord,
    Organisation,
    Person,
)
from duijie.directory.search import search_organisations
from duijie.directory.segments import segment_people
from duijie.directory.services import link_user, record_interaction
from duijie.reference.models import AdminDivision, KeyIndustry

from .factories import credit_code, csv_bytes, make_organisation, make_person


@pytest.mark.django_db
def test_merge_repoints_references_across_apps_and_keeps_history(organiser, investor) -> None:
    keep = make_organisation("湖南華聯瓷業股份有限公司", credit_code=credit_code())
    other = make_organisation("華聯瓷業", stock_code="001216.SZ")
    link_user(user=investor, organisation=other)
    link_user(user=investor, organisation=keep)
    person = make_person()
    Affiliation.objects.create(person=person, organisation=other, organisation_name="華聯瓷業")
    event = FinancingEvent.objects.create(company=other, event_key="e1")
    event.investors.add(other)
    record = merge_organisations(keep=keep, other=other, user=organiser)
    keep.refresh_from_db()
    assert Organisation.objects.count() == 1
    assert keep.aliases == ["華聯瓷業"]
    assert keep.stock_code == "001216.SZ"
    assert list(Membership.objects.values_list("organisation", flat=True)) == [keep.pk]
    assert person.affiliations.get().organisation_id == keep.pk
    assert (FinancingEvent.objects.get().company_id, list(event.investors.all())) == (
        keep.pk,
        [keep],
    )
    assert MergeRecord.objects.get() == record
    assert (record.merged_name, record.snapshot["name"]) == ("華聯瓷業", "華聯瓷業")
    assert record.moved == {
        "directory.affiliation.organisation": 1,
        "directory.financingevent.company": 1,
        "directory.financingevent_investors.organisation": 1,
    }


@pytest.mark.django_db
def test_merge_with_conflicting_credit_codes_is_refused(organiser) -> None:
    keep = make_organisation("甲公司", credit_code=credit_code("91430100MA4L00000"))
    other = make_organisation("甲公司", credit_code=credit_code("91430100MA4L00001"))
    with pytest.raises(MergeRefused) as refused:
        merge_organisations(keep=keep, other=other, user=organiser)
    assert [p.code for p in refused.value.problems] == ["merge.credit_code_conflict"]
    assert Organisation.objects.count() == 2


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["華聯", "华联", "华联瓷业", "HUALIAN", "瓷業"])
def test_search_finds_names_in_any_script_with_two_characters(query: str) -> None:
    make_organisation("湖南華聯瓷業股份有限公司", name_en="Hualian Ceramics")
    make_organisation("長沙銀行", kind="bank")
    assert [o.name for o in search_organisations(query)] == ["湖南華聯瓷業股份有限公司"]


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["changsha yinhang", "Changsha", "yinhang"])
def test_search_finds_chinese_names_by_their_pinyin(query: str) -> None:
    make_organisation("長沙銀行", kind="bank")
    make_organisation("湖南華聯瓷業股份有限公司")
    assert [o.name for o in search_organisations(query)] == ["長沙銀行"]


@pytest.mark.django_db
def test_search_filters_by_investor_kinds_and_place() -> None:
    hunan = AdminDivision.objects.get(code="43")
    make_organisation("長沙銀行", kind="bank", hq_division=AdminDivision.objects.get(code="4301"))
    make_organisation("深圳某資本", kind="vc_pe")
    make_organisation("湖南某公司", hq_division=hunan)
    assert [o.name for o in search_organisations(kind="investors")] == ["深圳某資本", "長沙銀行"]
    assert [o.name for o in search_organisations(division="43")] == ["湖南某公司", "長沙銀行"]


@pytest.mark.django_db
def test_segment_changde_born_in_hong_kong_in_new_energy() -> None:
    energy = KeyIndustry.objects.get(code="new-energy")
    hk = AdminDivision.objects.filter(code__startswith="81", level=3).first()
    match = make_person("王偉", hometown=AdminDivision.objects.get(code="430721"), location=hk)
    match.key_industries.add(energy)
    make_person("李娜", hometown=AdminDivision.objects.get(code="430721"), location=hk)
    other = make_person("張強", hometown=AdminDivision.objects.get(code="431102"), location=hk)
    other.key_industries.add(energy)
    filters = {"hometown": "4307", "location": "81", "industry": "new-energy"}
    assert list(segment_people(filters)) == [match]


@pytest.mark.django_db
def test_erasure_anonymises_interactions(organiser) -> None:
    person = make_person("王偉", phone="+852 91234567")
    record_interaction(
        person=person,
        kind="met",
        happened_on=dt.date(2025, 5, 14),
        user=organiser,
        notes="在港洽周見面",
    )
    assert erase_person(person=person, user=organiser, reason="本人要求") == 1
    interaction = Interaction.objects.get()
    assert (interaction.person, interaction.person_label, interaction.notes) == (None, "—", "")
    assert Person.objects.count() == 0
    log = PersonalDataAccess.objects.get()
    assert (log.action, log.purpose) == ("erase", "本人要求")


EVENTS = [
    ["事件资讯", "投资方", "融资方", "融资时间", "轮次", "金额"],
    [
        "邦盛科技C轮获得3.5亿人民币投资",
        "鼎珮投资集团 国投创业 Lightspeed Venture Partners Accel Partners",
        "邦盛科技",
        "2019-06-03",
        "C轮",
        "3.5亿人民币",
    ],
    ["科大智能战略融资", "银河证券、未披露机构", "科大智能", "2017-02-07", "战略融资", "未披露"],
]


@pytest.mark.django_db
def test_financing_events_link_resolved_organisations_and_import_once() -> None:
    plan = plan_events(csv_bytes(EVENTS), "events.csv")
    assert plan.errors == []
    counts = import_events(plan)
    assert (counts["events"], counts["created"]) == (2, 7)
    event = FinancingEvent.objects.get(company__name="邦盛科技")
    assert sorted(o.name for o in event.investors.all()) == [
        "Accel Partners",
        "Lightspeed Venture Partners",
        "国投创业",
        "鼎珮投资集团",
    ]
    assert (event.amount_low, event.currency, event.amount_text) == (
        Decimal("350000000"),
        "CNY",
        "3.5亿人民币",
    )
    unknown = FinancingEvent.objects.get(company__name="科大智能")
    assert (unknown.amount_low, unknown.amount_high) == (None, None)
    again = import_events(plan_events(csv_bytes(EVENTS), "events.csv"))
    assert (again["events"], again["created"]) == (0, 0)


@pytest.mark.django_db
def test_financing_event_with_unreadable_amount_is_a_row_error() -> None:
    rows = [EVENTS[0], ["x", "甲", "乙", "2019-01-01", "A轮", "很多钱"]]
    plan = plan_events(csv_bytes(rows), "events.csv")
    assert [(e.row, e.column) for e in plan.errors] == [(2, "金额")]


@pytest.mark.django_db
def test_listed_companies_derive_places_and_report_the_rest(tmp_path) -> None:
    lines = [
        {
            "name": "华瓷股份",
            "fullname": "湖南华联瓷业股份有限公司",
            "code": "001216",
            "location": "深圳证券交易所",
            "time": "2021-10-19",
        },
        {
            "name": "鸿富瀚",
            "fullname": "深圳市鸿富瀚科技股份有限公司",
            "code": "301086.SZ",
            "location": "x",
            "time": "深圳证券交易所",  # as in 86 rows of the real file: kept, undated
        },
        {
            "name": "中国铁建",
            "fullname": "中国铁建股份有限公司",
            "code": "601186",
            "location": "上海证券交易所",
        },
    ]
    path = tmp_path / "company.json"
    path.write_text(
        "\n".join(json.dumps(line, ensure_ascii=False) for line in lines), encoding="utf-8"
    )
    report = import_listed_companies(path)
    assert report.counts["created"] == 3
    assert report.without_place == ["601186.SH 中国铁建股份有限公司"]
    assert report.without_date == [
        "301086.SZ 深圳市鸿富瀚科技股份有限公司", "601186.SH 中国铁建股份有限公司",
    ]  # fmt: skip
    places = dict(Organisation.objects.values_list("stock_code", "hq_division__code"))
    assert places == {"001216.SZ": "43", "301086.SZ": "4403", "601186.SH": None}
    assert import_listed_companies(path).counts["created"] == 0
    listed = dict(Organisation.objects.values_list("stock_code", "listed_on"))
    assert listed == {"001216.SZ": dt.date(2021, 10, 19), "301086.SZ": None, "601186.SH": None}
    path.write_text(path.read_text(encoding="utf-8").replace("2021-10-19", "2021-10-20"))
    assert import_listed_companies(path).counts["updated"] == 1  # a corrected date is taken
    assert Organisation.objects.get(stock_code="001216.SZ").listed_on == dt.date(2021, 10, 20)


def test_investor_cells_split_names_with_spaces() -> None:
    assert split_investors("Lightspeed Venture Partners Accel Partners Sway Ventures") == [
        "Lightspeed Venture Partners",
        "Accel Partners",
        "Sway Ventures",
    ]
    assert split_investors("IDG资本 名信中国成长基金、Venrock 通和资本") == [
        "IDG资本",
        "名信中国成长基金",
        "Venrock",
        "通和资本",
    ]
    assert split_investors("SoftTech VC Version One Slow Ventures", {"version one"}) == [
        "SoftTech VC",
        "Version One",
        "Slow Ventures",
    ]
    assert split_investors("未披露机构") == []


@given(st.text(max_size=80))
def test_splitting_any_cell_gives_stripped_nonempty_names(cell: str) -> None:
    names = split_investors(cell)
    assert all(name and name == name.strip() for name in names)
    assert len(names) == len(set(names))
