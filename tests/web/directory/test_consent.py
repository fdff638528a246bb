"""Consent as a rule, and the person's edit and consent pages."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from duijie.accounts.models import PersonalDataAccess
from duijie.directory.consent import ConsentWithheld, Reach, campaign_reach
from duijie.directory.models import Campaign, Interaction, Person, Segment
from duijie.directory.services import record_interaction
from duijie.reference.models import AdminDivision

from .factories import make_person

PHONE = "+852 6000 1234"
EMAIL = "chan@example.test"


@pytest.fixture
def campaign(db):  # type: ignore[no-untyped-def]
    segment = Segment.objects.create(name="常德鄉親", filters={"hometown": "4307"})
    return Campaign.objects.create(name="港洽周邀請", segment=segment)


def _changde(name: str, consent: str) -> Person:
    home = AdminDivision.objects.get(code="430703")
    return make_person(name, hometown=home, consent=consent, phone=PHONE, email=EMAIL)


@pytest.mark.django_db
@pytest.mark.parametrize("consent", ["refused", "withdrawn"])
def test_people_who_refused_are_not_invited_or_added_to_campaigns(
    organiser, campaign, consent: str
) -> None:
    person = _changde("陳大文", consent)
    day = dt.date(2025, 5, 1)
    with pytest.raises(ConsentWithheld) as refused:
        record_interaction(person=person, kind="met", happened_on=day, user=organiser,
                           campaign=campaign)  # fmt: skip
    with pytest.raises(ConsentWithheld):
        record_interaction(person=person, kind="invited", happened_on=day, user=organiser)
    assert "陳大文" in str(refused.value)
    assert Interaction.objects.count() == 0
    met = record_interaction(person=person, kind="met", happened_on=day, user=organiser)
    assert met.campaign is None


@pytest.mark.django_db
def test_the_page_refuses_an_invitation_in_the_readers_language(
    client_for, organiser, campaign
) -> None:
    person = _changde("陳大文", "refused")
    client = client_for(organiser)
    url = reverse("directory:person_interaction", args=[person.pk])
    for kind, in_campaign in (("invited", ""), ("met", campaign.pk)):
        data = {"kind": kind, "happened_on": "2025-05-01", "campaign": in_campaign}
        html = client.post(url, data, follow=True).content.decode()
        assert (
            "陳大文的同意狀態為「已拒絕」：不會邀請或加入推廣活動。" in html
        )  # the field or the form says why
    assert Interaction.objects.count() == 0


@pytest.mark.django_db
def test_the_interaction_form_says_why_for_a_person_who_refused(client_for, organiser) -> None:
    person = _changde("陳大文", "refused")
    page = client_for(organiser).get(reverse("directory:person", args=[person.pk]))
    html = page.content.decode()
    assert html.count("已拒絕或撤回同意：不會邀請此人或將其加入推廣活動。") == 2  # kind, campaign


@pytest.mark.django_db
def test_a_refusing_persons_contacts_are_not_shown(client_for, organiser) -> None:
    person = _changde("陳大文", "refused")
    html = client_for(organiser).get(reverse("directory:person", args=[person.pk])).content.decode()
    assert PHONE not in html and EMAIL not in html
    assert "同意：已拒絕" in html
    access = PersonalDataAccess.objects.get()
    assert "phone" not in access.fields.split(",")


@pytest.mark.django_db
def test_campaign_counts_leave_out_people_who_refused(client_for, organiser, campaign) -> None:
    for i, consent in enumerate(["given", "given", "unknown", "refused", "withdrawn", "refused"]):
        _changde(f"鄉親{i}", consent)
    assert campaign_reach(campaign) == Reach(contactable=3, excluded=3)
    html = client_for(organiser).get(reverse("directory:campaign", args=[campaign.pk]))
    text = html.content.decode()
    assert "可聯絡 3 人" in text and "3 人未計入" in text


@pytest.mark.django_db
def test_consent_is_recorded_with_date_and_source(client_for, organiser) -> None:
    person = _changde("陳大文", "unknown")
    data = {"consent": "withdrawn", "consent_on": "2025-06-02", "consent_source": "電話",
            "consent_purpose": ""}  # fmt: skip
    url = reverse("directory:person_consent", args=[person.pk])
    assert client_for(organiser).post(url, data).status_code == 302
    person.refresh_from_db()
    assert (person.consent, person.consent_on, person.consent_source) == (
        "withdrawn", dt.date(2025, 6, 2), "電話",
    )  # fmt: skip
    change = PersonalDataAccess.objects.get(action="consent")
    assert change.purpose == "unknown → withdrawn (2025-06-02)"  # codes only: no free text


@pytest.mark.django_db
def test_consent_needs_a_date_and_a_source(client_for, organiser) -> None:
    person = _changde("陳大文", "unknown")
    url = reverse("directory:person_consent", args=[person.pk])
    response = client_for(organiser).post(url, {"consent": "given"})
    assert response.status_code == 400
    assert "請填寫答覆日期" in response.content.decode()
    person.refresh_from_db()
    assert person.consent == "unknown"
    assert not PersonalDataAccess.objects.filter(action="consent").exists()


@pytest.mark.django_db
def test_staff_edit_a_person(client_for, organiser) -> None:
    person = _changde("陳大文", "given")
    data = {"name": "陳大雯", "name_en": "Chan Tai-man", "other_names": "", "birth_year": "1980",
            "hometown": "430721", "location": "81", "languages": "粵語\n英語",
            "phone": PHONE, "email": EMAIL, "wechat": "", "address": "", "notes": "",
            "schools": "湖南大學\n香港大學"}  # fmt: skip
    url = reverse("directory:person_edit", args=[person.pk])
    assert client_for(organiser).post(url, data).status_code == 302
    person.refresh_from_db()
    assert (person.name, person.hometown.code, person.location.code, person.birth_year) == (
        "陳大雯", "430721", "81", 1980,
    )  # fmt: skip
    assert person.languages == ["粵語", "英語"]
    assert sorted(person.schools.values_list("school", flat=True)) == ["湖南大學", "香港大學"]
    assert person.match_key != ""


@pytest.mark.django_db
def test_the_edit_form_keeps_a_district_it_does_not_list(client_for, organiser) -> None:
    district = AdminDivision.objects.filter(code__startswith="81", level=3).first()
    person = make_person("陳大文", hometown=AdminDivision.objects.get(code="430703"),
                         location=district)  # fmt: skip
    html = client_for(organiser).get(reverse("directory:person_edit", args=[person.pk]))
    text = html.content.decode()
    assert '<option value="430703" selected>' in text
    assert f'<option value="{district.code}" selected>' in text


@pytest.mark.django_db
def test_a_bad_edit_writes_nothing(client_for, organiser) -> None:
    person = _changde("陳大文", "given")
    data = {"name": "", "email": "not-an-address", "schools": "湖南大學"}
    response = client_for(organiser).post(reverse("directory:person_edit", args=[person.pk]), data)
    assert response.status_code == 200
    assert "請輸入有效的電子郵件地址" in response.content.decode()
    person.refresh_from_db()
    assert (person.name, person.schools.count()) == ("陳大文", 0)


@pytest.mark.django_db
def test_the_edit_form_has_no_contacts_for_a_person_who_refused(client_for, organiser) -> None:
    person = _changde("陳大文", "refused")
    url = reverse("directory:person_edit", args=[person.pk])
    html = client_for(organiser).get(url).content.decode()
    assert 'name="phone"' not in html and PHONE not in html


@pytest.mark.django_db
def test_only_staff_edit_people(client_for, leadership, investor) -> None:
    person = _changde("陳大文", "given")
    for user in (leadership, investor):
        client = client_for(user)
        assert client.get(reverse("directory:person_edit", args=[person.pk])).status_code == 403
        url = reverse("directory:person_consent", args=[person.pk])
        assert client.post(url, {"consent": "refused"}).status_code == 403
