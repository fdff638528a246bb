"""People merges a person can check (issue 15): preview side by side, a value chosen per
conflicting field, what moved, the old address, undo or the reason why not, erasure."""

from __future__ import annotations

import pytest
from django.urls import reverse

from duijie.accounts.models import PersonalDataAccess
from duijie.directory.erasure import erase_person
from duijie.directory.merging_people import merge_people
from duijie.directory.models import (
    AccessedPerson,
    Affiliation,
    Interaction,
    IntroductionPath,
    MergeRecord,
    Person,
    PersonDuplicate,
    SchoolAttended,
)
from duijie.directory.privacy import access_history, logged_ids, read_people, read_person
from duijie.directory.unmerging import UnmergeRefused, unmerge
from duijie.reference.models import AdminDivision, KeyIndustry

from .factories import make_organisation, make_person
from .test_erasure import database_mentions

pytestmark = pytest.mark.django_db

PHONE = "+852 6789 0123"  # needles of database_mentions
EMAIL = "min.zhiyao@erasure.test"


def _pair():  # type: ignore[no-untyped-def]
    """劉建華 (kept) and "Lau Kin Wah" (merged), each with links of their own."""
    changde = AdminDivision.objects.get(code="430703")
    keep = make_person("劉建華", phone="+852 9123 4567", hometown=changde, birth_year=1968)
    other = make_person("Lau Kin Wah", phone=PHONE, email=EMAIL, name_en="Kin-wah Lau",
                        hometown=AdminDivision.objects.get(code="430102"))  # fmt: skip
    firm = make_organisation("香港瀟湘資本", kind="vc_pe")
    Affiliation.objects.create(person=other, organisation=firm, organisation_name=firm.name)
    IntroductionPath.objects.create(person=other, organisation=make_organisation("甲公司"))
    SchoolAttended.objects.create(person=other, school="湖南大學")
    industry = KeyIndustry.objects.first()
    other.key_industries.add(industry)
    pair = PersonDuplicate.objects.create(a=keep, b=other, score=0.8, evidence=[])
    return keep, other, pair


def _english(user):  # type: ignore[no-untyped-def]
    user.language = "en"
    user.save(update_fields=["language"])


def test_bug_one_click_merge_now_shows_a_preview_and_changes_nothing(client_for, organiser):
    """Issue 15: people were merged in one click, with no confirmation and no choice."""
    keep, other, pair = _pair()
    _english(organiser)
    before = PersonalDataAccess.objects.count()
    page = client_for(organiser).get(
        reverse("directory:person_duplicate_merge", args=[pair.pk]), {"keep": "a"}
    )
    assert page.status_code == 200
    rows = {row.field: (row.kept, row.other, row.conflict) for row in page.context["rows"]}
    assert rows["name"] == ("劉建華", "Lau Kin Wah", True)
    assert rows["phone"] == ("+852 9123 4567", PHONE, True)
    assert rows["email"] == ("", EMAIL, False)
    assert rows["name_en"] == ("", "Kin-wah Lau", False)
    assert rows["hometown"][2] is True and "birth_year" in rows
    moves = dict(page.context["moves"])
    assert (moves["Affiliations"], moves["Introduction paths"], moves["Schools attended"]) == (
        1, 1, 1
    )  # fmt: skip
    html = page.content.decode()
    assert 'name="choose_phone" value="other"' in html and "Confirm the merge" in html
    assert "choose_consent" not in html  # shown, not chosen: consent follows its own rules
    assert Person.objects.count() == 2 and MergeRecord.objects.count() == 0
    access = PersonalDataAccess.objects.order_by("pk")[before:]
    assert [(a.action, sorted(a.people.values_list("person_id", flat=True))) for a in access] == [
        ("view", sorted([keep.pk, other.pk]))
    ]
    assert "phone" in access[0].fields


def test_preview_keeping_the_other_side(client_for, organiser):
    keep, other, pair = _pair()
    page = client_for(organiser).get(
        reverse("directory:person_duplicate_merge", args=[pair.pk]), {"keep": "b"}
    )
    assert (page.context["keep"], page.context["other"]) == (other, keep)
    assert 'name="keep" value="b"' in page.content.decode()


def test_confirmed_merge_takes_the_chosen_values_and_moves_the_links(client_for, organiser):
    keep, other, pair = _pair()
    gone = other.pk
    client = client_for(organiser)
    response = client.post(
        reverse("directory:person_duplicate_merge", args=[pair.pk]),
        {"keep": "a", "choose_phone": "other", "choose_hometown": "keep", "choose_name": "keep"},
    )
    assert response.url == reverse("directory:person", args=[keep.pk])
    keep.refresh_from_db()
    assert (keep.name, keep.phone, keep.email, keep.name_en, keep.hometown.code) == (
        "劉建華", PHONE, EMAIL, "Kin-wah Lau", "430703",
    )  # fmt: skip
    assert keep.other_names == ["Lau Kin Wah"]
    assert not Person.objects.filter(pk=gone).exists()
    assert Affiliation.objects.get().person_id == keep.pk
    assert IntroductionPath.objects.get().person_id == keep.pk
    assert SchoolAttended.objects.get().person_id == keep.pk
    assert keep.key_industries.count() == 1
    record = MergeRecord.objects.get()
    assert (record.kept_person_id, record.kept_id, record.merged_pk) == (keep.pk, None, gone)
    assert record.chosen == ["phone"]
    assert record.moved["directory.affiliation.person"] == 1
    assert keep.history.latest("history_date").history_user == organiser
    assert PersonalDataAccess.objects.filter(action="merge").count() == 1
    _english(organiser)
    survivor = client.get(response.url).content.decode()
    assert "Merged from “Lau Kin Wah” on" in survivor
    assert "Affiliations: 1 moved here" in survivor
    assert "Schools attended: 1 moved here" in survivor
    assert "Undo this merge" in survivor


def test_a_chosen_name_keeps_the_old_one_as_another_name(organiser):
    keep, other, _ = _pair()
    merge_people(keep=keep, other=other, user=organiser, take=["name", "unknown"])
    keep.refresh_from_db()
    assert (keep.name, keep.other_names) == ("Lau Kin Wah", ["劉建華"])
    assert MergeRecord.objects.get().chosen == ["name"]


def test_a_link_the_kept_person_already_has_is_dropped_and_counted(organiser):
    keep, other, _ = _pair()
    keep.key_industries.add(*other.key_industries.all())
    record = merge_people(keep=keep, other=other, user=organiser)
    assert sum(record.dropped.values()) == 1
    assert keep.key_industries.count() == 1


def test_bug_old_address_of_a_merged_person_leads_to_the_survivor(client_for, organiser):
    """Issue 15: the merged record's old URL gave a bare 404."""
    keep, other, _ = _pair()
    gone = other.pk
    old = reverse("directory:person", args=[gone])
    merge_people(keep=keep, other=other, user=organiser)
    client = client_for(organiser)
    response = client.get(old)
    assert (response.status_code, response.url) == (
        302, reverse("directory:person", args=[keep.pk])
    )  # fmt: skip
    assert client.get(reverse("directory:person", args=[gone + 999])).status_code == 404


def test_person_and_organisation_merges_do_not_share_addresses(client_for, organiser):
    keep, other = make_person("劉建華"), make_person("劉建华", pk=4242)
    merge_people(keep=keep, other=other, user=organiser)
    org_page = reverse("directory:organisation", args=[4242])
    assert client_for(organiser).get(org_page).status_code == 404


def test_address_follows_a_chain_of_merges(client_for, organiser):
    keep, other, _ = _pair()
    gone = other.pk
    third = make_person("劉建华")
    merge_people(keep=keep, other=other, user=organiser)
    merge_people(keep=third, other=keep, user=organiser)
    response = client_for(organiser).get(reverse("directory:person", args=[gone]))
    assert response.url == reverse("directory:person", args=[third.pk])


def test_undo_brings_the_person_and_their_links_back(client_for, organiser):
    keep, other, pair = _pair()
    other_pk = other.pk
    interaction = Interaction.objects.create(person=other, kind="met", happened_on="2025-05-20")
    client = client_for(organiser)
    client.post(reverse("directory:person_duplicate_merge", args=[pair.pk]),
                {"keep": "a", "choose_phone": "other"})  # fmt: skip
    record = MergeRecord.objects.get()
    response = client.post(reverse("directory:merge_undo", args=[record.pk]))
    assert response.url == reverse("directory:person", args=[other_pk])
    back = Person.objects.get(pk=other_pk)
    keep.refresh_from_db()
    assert (back.name, back.phone, back.email, back.name_en, back.hometown.code) == (
        "Lau Kin Wah", PHONE, EMAIL, "Kin-wah Lau", "430102",
    )  # fmt: skip
    assert (keep.phone, keep.email, keep.other_names, keep.name_en) == (
        "+852 9123 4567", "", [], "",
    )  # fmt: skip
    assert Affiliation.objects.get().person_id == other_pk
    assert SchoolAttended.objects.get().person_id == other_pk
    assert IntroductionPath.objects.get().person_id == other_pk
    interaction.refresh_from_db()
    assert interaction.person_id == other_pk
    assert (back.key_industries.count(), keep.key_industries.count()) == (1, 0)
    assert MergeRecord.objects.count() == 0


def test_undo_is_refused_after_a_later_merge_and_the_page_says_why(client_for, organiser):
    keep, other, _ = _pair()
    first = merge_people(keep=keep, other=other, user=organiser)
    merge_people(keep=keep, other=make_person("劉建华"), user=organiser)
    with pytest.raises(UnmergeRefused) as refused:
        unmerge(record=first, user=organiser)
    assert [p.code for p in refused.value.problems] == ["unmerge_later_merge"]
    _english(organiser)
    client = client_for(organiser)
    response = client.post(reverse("directory:merge_undo", args=[first.pk]), follow=True)
    assert "undo the later merge first" in response.content.decode()
    assert Person.objects.count() == 1


def test_undo_is_refused_when_the_id_is_taken(organiser):
    keep, other, _ = _pair()
    record = merge_people(keep=keep, other=other, user=organiser)
    make_person("Lau Kin Wah", pk=record.merged_pk)
    with pytest.raises(UnmergeRefused) as refused:
        unmerge(record=record, user=organiser)
    assert [p.code for p in refused.value.problems] == ["unmerge_id_taken"]


def test_erasing_the_survivor_drops_the_snapshot_of_the_merged_person(organiser):
    keep, other, _ = _pair()
    merge_people(keep=keep, other=other, user=organiser)
    assert MergeRecord.objects.get().snapshot["email"] == EMAIL
    assert "directory_historicalperson" in database_mentions()  # the merged one's history
    erase_person(person=keep, user=organiser, reason="本人要求")
    assert MergeRecord.objects.count() == 0
    assert database_mentions() == {}


def test_people_without_personal_access_cannot_preview_merge_or_undo(
    client_for, organiser, investor, leadership
):
    keep, other, pair = _pair()
    url = reverse("directory:person_duplicate_merge", args=[pair.pk])
    for user in (investor, leadership):
        client = client_for(user)
        assert client.get(url).status_code == 403
        assert client.post(url, {"keep": "a"}).status_code == 403
    assert Person.objects.count() == 2
    record = merge_people(keep=keep, other=other, user=organiser)
    undo = client_for(investor).post(reverse("directory:merge_undo", args=[record.pk]))
    assert undo.status_code == 403
    assert MergeRecord.objects.count() == 1


def test_admin_leaves_a_people_merge_snapshot_out(client, django_user_model, organiser):
    keep, other, _ = _pair()
    record = merge_people(keep=keep, other=other, user=organiser)
    client.force_login(django_user_model.objects.create_user(
        "admin@example.test", "pw", role="admin", is_staff=True, is_superuser=True
    ))  # fmt: skip
    page = client.get(reverse("admin:directory_mergerecord_change", args=[record.pk]))
    assert page.status_code == 200
    assert EMAIL not in page.content.decode() and PHONE not in page.content.decode()


def _log() -> list[tuple[int, str, list[int]]]:
    """Every access record as written: (pk, subject, people listed)."""
    return [
        (a.pk, a.subject, sorted(a.people.values_list("person_id", flat=True)))
        for a in PersonalDataAccess.objects.order_by("pk")
    ]


def _history(person_id: int) -> list[tuple[str, str]]:
    """(action, where) of the person's access history, oldest first."""
    return [(a.action, a.purpose) for a in reversed(access_history(person_id))]


def test_reads_of_the_merged_person_join_the_survivors_access_history(organiser):
    keep, other, _ = _pair()
    read_person(user=organiser, person=other, where="/directory/people/other/")
    read_people(user=organiser, people=[keep, other], where="/directory/people/")
    read_person(user=organiser, person=keep, where="/directory/people/keep/")
    keep_pk, other_pk = keep.pk, other.pk
    written = _log()
    merge_people(keep=keep, other=other, user=organiser)
    merge_where = f"merged directory.person:{other_pk} into directory.person:{keep_pk}"
    assert _log()[:3] == written  # the log is append-only: no row changed
    assert logged_ids(keep_pk) == [keep_pk, other_pk]
    assert _history(keep_pk) == [
        ("view", "/directory/people/other/"),
        ("view", "/directory/people/"),
        ("view", "/directory/people/keep/"),
        ("merge", merge_where),
    ]
    read_person(user=organiser, person=keep, where="/directory/people/keep/")
    assert _history(keep_pk)[-1] == ("view", "/directory/people/keep/")


def test_undo_makes_the_merged_persons_reads_theirs_alone_again(organiser):
    keep, other, _ = _pair()
    read_person(user=organiser, person=other, where="/directory/people/other/")
    read_person(user=organiser, person=keep, where="/directory/people/keep/")
    keep_pk, other_pk = keep.pk, other.pk
    record = merge_people(keep=keep, other=other, user=organiser)
    written = _log()
    unmerge(record=record, user=organiser)
    merge = ("merge", f"merged directory.person:{other_pk} into directory.person:{keep_pk}")
    assert _log() == written
    assert logged_ids(keep_pk) == [keep_pk]
    assert _history(keep_pk) == [("view", "/directory/people/keep/"), merge]
    assert _history(other_pk) == [("view", "/directory/people/other/"), merge]


def _chain(organiser):  # type: ignore[no-untyped-def]
    """C merged into B, then B into A, each read once before: (A, B's id, C's id)."""
    a, b, _ = _pair()
    c = make_person("劉健華")
    for person in (a, b, c):
        read_person(user=organiser, person=person, where=f"/directory/people/{person.name}/")
    b_pk, c_pk = b.pk, c.pk
    merge_people(keep=b, other=c, user=organiser)
    merge_people(keep=a, other=b, user=organiser)
    return a, b_pk, c_pk


def test_a_chain_of_merges_is_followed_and_undone_one_step_at_a_time(organiser):
    a, b_pk, c_pk = _chain(organiser)
    a_pk = a.pk
    assert logged_ids(a_pk) == [a_pk, c_pk, b_pk]
    reads = [w for action, w in _history(a_pk) if action == "view"]
    assert reads == ["/directory/people/劉建華/", "/directory/people/Lau Kin Wah/",
                     "/directory/people/劉健華/"]  # fmt: skip
    assert [action for action, _w in _history(a_pk)].count("merge") == 2
    later = MergeRecord.objects.get(merged_pk=b_pk)
    unmerge(record=later, user=organiser)
    assert logged_ids(a_pk) == [a_pk]
    assert logged_ids(b_pk) == [b_pk, c_pk]
    assert [w for action, w in _history(a_pk) if action == "view"] == ["/directory/people/劉建華/"]
    assert [w for action, w in _history(b_pk) if action == "view"] == [
        "/directory/people/Lau Kin Wah/", "/directory/people/劉健華/",
    ]  # fmt: skip


def test_erasing_the_survivor_of_a_chain_changes_no_log_row_and_logs_every_id(organiser):
    """Erasure keeps the log's records as written (ids only), the merged ids' as the
    survivor's own, and its own record lists every id the person was known by."""
    a, b_pk, c_pk = _chain(organiser)
    a_pk = a.pk
    written = _log()
    erase_person(person=a, user=organiser, reason="本人要求")
    assert _log()[:-1] == written
    erasure = PersonalDataAccess.objects.get(action="erase")
    assert (erasure.purpose, sorted(erasure.people.values_list("person_id", flat=True))) == (
        "本人要求", sorted([a_pk, b_pk, c_pk]),
    )  # fmt: skip
    for pk in (a_pk, b_pk, c_pk):  # each id: its read, the merges naming it, the erasure
        merges = ["merge", "merge"] if pk == b_pk else ["merge"]
        listed = AccessedPerson.objects.filter(person_id=pk)
        assert sorted(listed.values_list("access__action", flat=True)) == sorted(
            ["view", "erase", *merges]
        )
    assert MergeRecord.objects.count() == 0
    assert database_mentions() == {}
