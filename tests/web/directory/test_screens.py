"""Mandates and buying needs pages, introduction paths, people duplicates, admin."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from duijie.accounts.models import PersonalDataAccess
from duijie.directory.importers import apply_plan, plan_import
from duijie.directory.models import (
    Affiliation,
    BuyingNeed,
    DuplicateStatus,
    Interaction,
    IntroductionPath,
    Mandate,
    Person,
    PersonDuplicate,
    SuspectedDuplicate,
)
from duijie.directory.resolution import refresh_duplicates
from duijie.directory.services import link_user

from .factories import csv_bytes, make_organisation, make_person

MEMBER_PAGES = ["mandate_create", "need_create"]
ITEM_PAGES = ["mandate_edit", "mandate_delete"]
NEED_PAGES = ["need_edit", "need_delete"]
STAFF_POSTS = ["introduction_add", "person_duplicate_merge", "person_duplicate_dismiss"]


def _pages(org, mandate, need, person, pair) -> list[str]:  # type: ignore[no-untyped-def]
    return (
        [reverse(f"directory:{n}", args=[org.pk]) for n in MEMBER_PAGES]
        + [reverse(f"directory:{n}", args=[mandate.pk]) for n in ITEM_PAGES]
        + [reverse(f"directory:{n}", args=[need.pk]) for n in NEED_PAGES]
        + [reverse("directory:person_duplicates")]
        + [reverse(f"directory:{n}", args=[person.pk if n == STAFF_POSTS[0] else pair.pk])
           for n in STAFF_POSTS]
    )  # fmt: skip


@pytest.fixture
def records(db):  # type: ignore[no-untyped-def]
    org = make_organisation("香港瀟湘資本", kind="vc_pe")
    mandate = Mandate.objects.create(organisation=org, title="甲")
    need = BuyingNeed.objects.create(organisation=org, title="乙")
    a, b = make_person("王偉"), make_person("王偉")
    pair = PersonDuplicate.objects.create(a=a, b=b, score=0.75)
    return org, mandate, need, a, pair


def test_outsiders_are_sent_to_login_or_refused(client, client_for, investor, records) -> None:
    pages = _pages(*records)
    for index, url in enumerate(pages):
        response = client.get(url) if index < 7 else client.post(url)
        assert (response.status_code, response.url.split("?")[0]) == (
            302,
            reverse("accounts:login"),
        ), url
    outsider = client_for(investor)  # not a member of the organisation
    assert [outsider.get(url).status_code for url in pages[:6]] == [403] * 6
    assert [outsider.post(url).status_code for url in pages[6:]] == [403] * 4
    assert (
        Mandate.objects.count(),
        BuyingNeed.objects.count(),
        PersonDuplicate.objects.count(),
    ) == (1, 1, 1)


def test_leadership_cannot_review_people_or_add_paths(client_for, leadership, records) -> None:
    pages = _pages(*records)[6:]
    client = client_for(leadership)
    assert client.get(pages[0]).status_code == 403
    assert [client.post(url).status_code for url in pages[1:]] == [403] * 3


@pytest.mark.django_db
def test_member_adds_edits_and_deletes_several_mandates(client_for, investor) -> None:
    org = make_organisation("香港瀟湘資本", kind="vc_pe")
    link_user(user=investor, organisation=org)
    client = client_for(investor)
    create = reverse("directory:mandate_create", args=[org.pk])
    for title, instruments in (("股權基金", ["equity", "merger"]), ("貸款", ["debt", "ppp"])):
        data = {"title": title, "currency": "CNY", "ticket_min": "10000000",
                "ticket_max": "500000000", "instruments": instruments}  # fmt: skip
        assert client.post(create, data).status_code == 302
    mandates = list(org.mandates.order_by("pk"))
    assert [(m.title, m.instruments) for m in mandates] == [
        ("股權基金", ["equity", "merger"]),
        ("貸款", ["debt", "ppp"]),
    ]
    bad = {"title": "x", "currency": "CNY", "ticket_min": "5", "ticket_max": "1"}
    response = client.post(reverse("directory:mandate_edit", args=[mandates[0].pk]), bad)
    assert set(response.context["form"].errors) == {"ticket_max"}
    edit = {"title": "股權", "currency": "HKD", "ticket_min": "1", "ticket_max": "2"}
    client.post(reverse("directory:mandate_edit", args=[mandates[0].pk]), edit)
    client.post(reverse("directory:mandate_delete", args=[mandates[1].pk]))
    assert list(org.mandates.values_list("title", "currency", "ticket_max")) == [
        ("股權", "HKD", Decimal("2.00"))
    ]
    page = client.get(reverse("directory:organisation", args=[org.pk])).content.decode()
    assert reverse("directory:mandate_edit", args=[mandates[0].pk]) in page


@pytest.mark.django_db
def test_staff_edit_buying_needs(client_for, organiser) -> None:
    org = make_organisation("香港維港生鮮連鎖", kind="buyer")
    client = client_for(organiser)
    data = {"title": "年度採購", "product_categories": "蔬菜；柑橘\n生薑", "seasons": ["1", "12"],
            "certifications_required": ["gap", "haccp"], "max_delivery_hours": "7",
            "volume_unit": "t", "monthly_volume": "40", "needs_cold_chain": "on",
            "annual_volume": "500", "is_active": "on"}  # fmt: skip
    client.post(reverse("directory:need_create", args=[org.pk]), data)
    need = org.buying_needs.get()
    assert (need.product_categories, need.seasons, need.certifications_required) == (
        ["蔬菜", "柑橘", "生薑"],
        [1, 12],
        ["gap", "haccp"],  # codes of the one certification list
    )
    assert (need.monthly_volume, need.needs_cold_chain) == (40, True)
    refused = client.post(
        reverse("directory:need_create", args=[org.pk]), data | {"certifications_required": "GAP?"}
    )
    assert refused.status_code == 200 and org.buying_needs.count() == 1
    form = client.get(reverse("directory:need_edit", args=[need.pk])).context["form"]
    assert form["product_categories"].value() == "蔬菜\n柑橘\n生薑"
    client.post(reverse("directory:need_edit", args=[need.pk]), data | {"seasons": []})
    need.refresh_from_db()
    assert need.seasons == []


@pytest.mark.django_db
def test_introduction_paths_and_introduced_organisation(client_for, organiser) -> None:
    org = make_organisation("湖南华联瓷业股份有限公司")
    person = make_person("王偉")
    client = client_for(organiser)
    add = reverse("directory:introduction_add", args=[person.pk])
    client.post(
        add, {"organisation": "湖南華聯瓷業股份有限公司", "relationship": "同鄉", "strength": "3"}
    )
    assert list(IntroductionPath.objects.values_list("person", "organisation", "strength")) == [
        (person.pk, org.pk, 3)
    ]
    make_organisation("同名公司")
    make_organisation("同名公司")
    client.post(add, {"organisation": "同名公司", "strength": "2"})
    assert IntroductionPath.objects.count() == 1
    interaction = reverse("directory:person_interaction", args=[person.pk])
    client.post(interaction, {"kind": "introduced", "happened_on": "2025-05-14",
                              "organisation": f"#{org.pk}"})  # fmt: skip
    assert list(Interaction.objects.values_list("organisation", flat=True)) == [org.pk]
    page = client.get(reverse("directory:person", args=[person.pk])).content.decode()
    assert page.count(reverse("directory:organisation", args=[org.pk])) == 2
    path = IntroductionPath.objects.get()
    client.post(reverse("directory:introduction_delete", args=[path.pk]))
    assert IntroductionPath.objects.count() == 0


def _import_people(rows: list[list[str]]) -> dict[str, int]:
    header = ["姓名", "出生年份", "籍貫", "單位"]
    plan = plan_import("people", csv_bytes([header, *rows]), "p.csv")
    assert plan.errors == []
    return apply_plan(plan)


@pytest.mark.django_db
def test_unsure_people_go_to_review_then_merge(
    client_for, organiser, django_assert_max_num_queries
) -> None:
    make_organisation("香港瀟湘資本", kind="vc_pe")
    _import_people([["王偉", "1970", "常德市", "香港瀟湘資本"]])
    counts = _import_people([["王偉", "", "", "香港瀟湘資本"]])
    assert (counts["created"], counts["review"]) == (1, 1)
    pair = PersonDuplicate.objects.get()
    client = client_for(organiser)
    client.get(reverse("directory:person_duplicates"))  # the process's reference-name cache
    with django_assert_max_num_queries(12):  # + the access record (4)
        page = client.get(reverse("directory:person_duplicates"))
    assert [p.pk for p in page.context["page"].object_list] == [pair.pk]
    assert len(page.context["page"].object_list[0].sentences) >= 1
    keep = pair.a
    IntroductionPath.objects.create(person=pair.b, organisation=make_organisation("甲公司"))
    client.post(reverse("directory:person_duplicate_merge", args=[pair.pk]), {"keep": "a"})
    assert list(Person.objects.values_list("pk", flat=True)) == [keep.pk]
    assert Affiliation.objects.filter(person=keep).count() == 2
    assert IntroductionPath.objects.get().person_id == keep.pk
    assert PersonalDataAccess.objects.filter(action="merge").count() == 1


@pytest.mark.django_db
def test_dismissed_people_pairs_stay_dismissed(client_for, organiser) -> None:
    make_organisation("香港瀟湘資本", kind="vc_pe")
    _import_people([["王偉", "1970", "常德市", "香港瀟湘資本"]])
    _import_people([["王偉", "", "", "香港瀟湘資本"]])
    pair = PersonDuplicate.objects.get()
    client = client_for(organiser)
    client.post(reverse("directory:person_duplicate_dismiss", args=[pair.pk]))
    client.post(reverse("directory:person_duplicates_refresh"))
    assert list(PersonDuplicate.objects.values_list("pk", "status")) == [(pair.pk, "dismissed")]
    assert refresh_duplicates(model=PersonDuplicate) == 0


@pytest.mark.django_db
def test_admin_lists_directory_models(client, agency_admin) -> None:
    agency_admin.is_staff = agency_admin.is_superuser = True
    agency_admin.save()
    client.force_login(agency_admin)
    make_organisation("香港瀟湘資本", kind="vc_pe")
    names = ["organisation", "mandate", "buyingneed", "person", "personduplicate",
             "suspectedduplicate", "introductionpath", "interaction"]  # fmt: skip
    codes = [client.get(reverse(f"admin:directory_{n}_changelist")).status_code for n in names]
    assert codes == [200] * len(names)
    org_id = make_organisation("別家").pk
    change = reverse("admin:directory_organisation_change", args=[org_id])
    assert client.get(change).status_code == 200
    bad = {"kind": "enterprise", "name": "別家", "credit_code": "91430100MA4L000000"}
    response = client.post(change, bad)
    assert response.status_code == 200
    assert set(response.context["adminform"].form.errors) == {"credit_code"}


@pytest.mark.django_db
@pytest.mark.parametrize("pairs", [1, 4])
def test_person_duplicates_query_count(
    client_for, organiser, django_assert_max_num_queries, pairs: int
) -> None:
    for i in range(pairs):
        a, b = make_person(f"王偉{i}"), make_person(f"王偉{i}")
        PersonDuplicate.objects.create(a=a, b=b, score=0.75, evidence=[
            {"rule": "same_affiliation", "weight": 0.7, "params": {"affiliation": "瀟湘"}}
        ])  # fmt: skip
    client = client_for(organiser)
    with django_assert_max_num_queries(10):  # + the access record (4)
        page = client.get(reverse("directory:person_duplicates"))
    assert len(page.context["page"].object_list) == pairs


@pytest.mark.django_db
def test_staff_dismiss_an_organisation_pair_through_the_service(client_for, organiser) -> None:
    a, b = make_organisation("瀟湘資本"), make_organisation("潇湘资本")
    pair = SuspectedDuplicate.objects.create(a=a, b=b, score=0.8)
    client = client_for(organiser)
    response = client.post(reverse("directory:duplicate_dismiss", args=[pair.pk]))
    assert response.status_code == 302
    assert SuspectedDuplicate.objects.get().status == DuplicateStatus.DISMISSED
    assert (
        client.post(reverse("directory:duplicate_dismiss", args=[pair.pk + 1])).status_code == 404
    )


@pytest.mark.django_db
def test_outsiders_cannot_dismiss_an_organisation_pair(client_for, investor) -> None:
    a, b = make_organisation("瀟湘資本"), make_organisation("潇湘资本")
    pair = SuspectedDuplicate.objects.create(a=a, b=b, score=0.8)
    response = client_for(investor).post(reverse("directory:duplicate_dismiss", args=[pair.pk]))
    assert response.status_code == 403
    assert SuspectedDuplicate.objects.get().status == DuplicateStatus.OPEN


@pytest.mark.django_db
def test_a_bad_interaction_shows_the_profile_again_with_the_input_and_the_field_error(
    client_for, organiser
) -> None:
    person = make_person("王偉")
    organiser.language = "en"
    organiser.save()
    response = client_for(organiser).post(
        reverse("directory:person_interaction", args=[person.pk]),
        {"kind": "met", "happened_on": "2025-02-30", "notes": "在長沙見面"},
    )
    page = response.content.decode()
    assert (response.status_code, Interaction.objects.count()) == (200, 0)
    assert '<label for="id_happened_on">Date:</label>' in page
    assert (
        '<ul class="errorlist" id="id_happened_on_error"><li>Enter a valid date.</li></ul>' in page
    )
    assert 'name="happened_on" value="2025-02-30"' in page
    assert "在長沙見面</textarea>" in page
    assert '<label for="id_campaign">Campaign:</label>' in page
