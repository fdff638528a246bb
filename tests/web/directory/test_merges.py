"""Merges a person can check: preview, chosen values, what moved, old address, undo."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from duijie.directory.merging import merge_organisations
from duijie.directory.models import Affiliation, MergeRecord, Organisation, SuspectedDuplicate
from duijie.directory.unmerging import UnmergeRefused, unmerge
from duijie.pipeline import services as pipeline
from duijie.reference.models import KeyIndustry

from .factories import make_organisation, make_person

pytestmark = pytest.mark.django_db


def _pair(organiser):  # type: ignore[no-untyped-def]
    keep = make_organisation("湖南華聯瓷業股份有限公司", website="https://hualian.example")
    other = make_organisation("华联瓷业", website="https://hlcy.example", name_en="Hualian")
    Affiliation.objects.create(person=make_person(), organisation=other, organisation_name="华联")
    deal = pipeline.create_deal(
        title="醴陵陶瓷產業園", investor=other, owner=organiser, opened_on=dt.date(2025, 1, 2)
    )
    pair = SuspectedDuplicate.objects.create(a=keep, b=other, score=0.9, evidence=[])
    return keep, other, deal, pair


def _english(user):  # type: ignore[no-untyped-def]
    user.language = "en"
    user.save(update_fields=["language"])


def test_preview_shows_both_records_the_choices_and_what_will_move(client_for, organiser):
    _keep, _other, _deal, pair = _pair(organiser)
    _english(organiser)
    page = client_for(organiser).get(
        reverse("directory:duplicate_merge", args=[pair.pk]), {"keep": "a"}
    )
    rows = {row.field: (row.kept, row.other, row.conflict) for row in page.context["rows"]}
    assert rows["name"] == ("湖南華聯瓷業股份有限公司", "华联瓷业", True)
    assert rows["website"] == ("https://hualian.example", "https://hlcy.example", True)
    assert rows["name_en"] == ("", "Hualian", False)
    assert page.context["moves"] == [("Affiliations", 1), ("Deals (investor)", 1)]
    html = page.content.decode()
    assert 'name="choose_name" value="other"' in html and "Confirm the merge" in html
    assert Organisation.objects.count() == 2  # the preview changes nothing


def test_confirmed_merge_takes_the_chosen_values_and_lists_what_moved(client_for, organiser):
    keep, _other, deal, pair = _pair(organiser)
    client = client_for(organiser)
    response = client.post(
        reverse("directory:duplicate_merge", args=[pair.pk]),
        {"keep": "a", "choose_website": "other", "choose_name": "keep"},
    )
    assert response.url == reverse("directory:organisation", args=[keep.pk])
    keep.refresh_from_db()
    deal.refresh_from_db()
    assert (keep.name, keep.website, keep.name_en) == (
        "湖南華聯瓷業股份有限公司", "https://hlcy.example", "Hualian",
    )  # fmt: skip
    assert keep.aliases == ["华联瓷业"]
    assert deal.investor_id == keep.pk
    record = MergeRecord.objects.get()
    assert (record.chosen, record.moved_rows["pipeline.deal.investor"]) == (["website"], [deal.pk])
    assert keep.history.latest("history_date").history_user == organiser
    _english(organiser)
    survivor = client.get(response.url).content.decode()
    assert "Merged from “华联瓷业” on" in survivor
    assert "Deals (investor): 1 moved here" in survivor
    assert "Affiliations: 1 moved here" in survivor


def test_chosen_name_of_the_merged_record_keeps_the_old_name_as_alias(organiser):
    keep, other, _deal, _ = _pair(organiser)
    merge_organisations(keep=keep, other=other, user=organiser, take=["name"])
    keep.refresh_from_db()
    assert (keep.name, keep.aliases) == ("华联瓷业", ["湖南華聯瓷業股份有限公司"])


def test_bug_old_address_of_a_merged_record_leads_to_the_survivor(client_for, organiser):
    """Issue 15: the merged record's old URL gave a bare 404."""
    keep, other, _deal, _ = _pair(organiser)
    gone = other.pk
    old = reverse("directory:organisation", args=[gone])
    merge_organisations(keep=keep, other=other, user=organiser)
    client = client_for(organiser)
    response = client.get(old)
    assert (response.status_code, response.url) == (
        302, reverse("directory:organisation", args=[keep.pk])
    )  # fmt: skip
    assert client.get(reverse("directory:organisation", args=[gone + 999])).status_code == 404


def test_undo_brings_the_merged_record_and_its_links_back(client_for, organiser):
    keep, other, deal, pair = _pair(organiser)
    other_pk = other.pk
    client = client_for(organiser)
    client.post(reverse("directory:duplicate_merge", args=[pair.pk]),
                {"keep": "a", "choose_website": "other"})  # fmt: skip
    record = MergeRecord.objects.get()
    response = client.post(reverse("directory:merge_undo", args=[record.pk]))
    assert response.url == reverse("directory:organisation", args=[other_pk])
    back = Organisation.objects.get(pk=other_pk)
    keep.refresh_from_db()
    deal.refresh_from_db()
    assert (back.name, back.website, back.name_en) == (
        "华联瓷业",
        "https://hlcy.example",
        "Hualian",
    )
    assert (keep.website, keep.aliases, keep.name_en) == ("https://hualian.example", [], "")
    assert deal.investor_id == other_pk
    assert Affiliation.objects.get().organisation_id == other_pk
    assert MergeRecord.objects.count() == 0


def test_undo_is_refused_where_the_data_does_not_allow_it(organiser):
    keep, other, _deal, _ = _pair(organiser)
    record = merge_organisations(keep=keep, other=other, user=organiser)
    MergeRecord.objects.filter(pk=record.pk).update(moved_rows={})  # a merge from before
    record.refresh_from_db()
    with pytest.raises(UnmergeRefused) as refused:
        unmerge(record=record, user=organiser)
    assert [p.code for p in refused.value.problems] == ["unmerge_no_rows"]
    assert Organisation.objects.count() == 1


def test_outsiders_cannot_preview_merge_or_undo(client_for, organiser, investor):
    keep, other, _deal, pair = _pair(organiser)
    record = merge_organisations(keep=keep, other=other, user=organiser)
    client = client_for(investor)
    preview = client.get(reverse("directory:duplicate_merge", args=[pair.pk]))
    undo = client.post(reverse("directory:merge_undo", args=[record.pk]))
    assert (preview.status_code, undo.status_code) == (403, 403)
    assert MergeRecord.objects.count() == 1


def test_undo_gives_the_merged_record_its_industry_links_back_once(organiser):
    """Undo re-set the merged record's industries and then moved its links back: a
    uniqueness error (500) for any merged organisation with industries."""
    keep, other, _deal, _ = _pair(organiser)
    industry = KeyIndustry.objects.first()
    other.key_industries.add(industry)
    record = merge_organisations(keep=keep, other=other, user=organiser)
    assert list(keep.key_industries.all()) == [industry]
    back = unmerge(record=record, user=organiser)
    assert (list(back.key_industries.all()), keep.key_industries.count()) == ([industry], 0)
