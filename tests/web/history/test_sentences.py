"""History shown as sentences: labels and values as users see them, personal fields guarded."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from duijie.directory.erasure import erase_person
from duijie.directory.models import Affiliation, Organisation, Person, SchoolAttended
from duijie.directory.services import link_user
from duijie.history.services import hidden_fields, history_sentences
from duijie.reference.models import AdminDivision
from tests.web.catalogue import factories as catalogue
from tests.web.directory.factories import make_organisation, make_person

pytestmark = pytest.mark.django_db

ON_14_MAY = timezone.make_aware(dt.datetime(2025, 5, 14, 10, 0))


def _date_history(model, pk, when=ON_14_MAY):  # type: ignore[no-untyped-def]
    model.history.filter(id=pk).update(history_date=when)


@pytest.fixture
def edited_organisation(client_for, investor):  # type: ignore[no-untyped-def]
    """The case from review: an investor renames their organisation and changes its kind."""
    org = make_organisation("深圳香江資本1號（示範）", kind="vc_pe")
    link_user(user=investor, organisation=org)
    data = {"org-kind": "enterprise", "org-name": "騰訊控股有限公司"}
    response = client_for(investor).post(
        reverse("directory:organisation_edit", args=[org.pk]), data
    )
    assert response.status_code == 302
    _date_history(Organisation, org.pk)
    return org


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "en",
            [
                "investor changed the kind from Investor: VC/PE to Enterprise on 14 May 2025.",
                "investor changed the name from 深圳香江資本1號（示範） to 騰訊控股有限公司 "
                "on 14 May 2025.",
                "The system created the organisation on 14 May 2025.",
            ],
        ),
        (
            "zh-hant",
            [
                "investor於2025年5月14日將類型由投資方：VC/PE改為企業。",
                "investor於2025年5月14日將名稱由深圳香江資本1號（示範）改為騰訊控股有限公司。",
                "系統於2025年5月14日建立了機構。",
            ],
        ),
        (
            "zh-hans",
            [
                "investor于2025年5月14日将类型由投资方：VC/PE改为企业。",
                "investor于2025年5月14日将名称由深圳香江資本1號（示範）改为騰訊控股有限公司。",
                "系统于2025年5月14日创建了机构。",
            ],
        ),
    ],
)
def test_organisation_edit_is_told_in_the_readers_language(
    edited_organisation, investor, language, expected
):
    sentences = history_sentences(edited_organisation, user=investor, language=language)
    assert [s.text for s in sentences] == expected


def test_the_organisation_page_shows_the_sentences(edited_organisation, client_for, investor):
    investor.language = "en"
    investor.save()
    page = client_for(investor).get(
        reverse("directory:organisation", args=[edited_organisation.pk])
    )
    html = page.content.decode()
    assert "investor changed the kind from Investor: VC/PE to Enterprise on 14 May 2025." in html


def test_owner_sees_project_history_as_sentences(client_for, project_owner, edition):
    project = catalogue.project(
        edition, status="draft", owner_user=project_owner, user=project_owner, park=""
    )
    client = client_for(project_owner)
    client.post(reverse("catalogue:move", args=[project.pk, "submit"]), {"comment": "請審核"})
    _date_history(type(project), project.pk)
    sentences = [s.text for s in history_sentences(project, user=project_owner, language="en")]
    assert sentences[-1] == "owner created the project on 14 May 2025."
    assert "owner changed the status from Draft to Submitted on 14 May 2025." in sentences
    assert "owner noted on 14 May 2025: 請審核" in sentences
    page = client.get(reverse("catalogue:manage", args=[project.pk])).content.decode()
    assert "owner於2025年5月14日將狀態由草稿改為已提交。" in page
    assert "edition_id" not in page and "∅" not in page


def _person_with_personal_changes():  # type: ignore[no-untyped-def]
    person = make_person("王小明", phone="")
    SchoolAttended.objects.create(person=person, school="中南大學", school_key="中南大学")
    Affiliation.objects.create(person=person, organisation_name="湖南華聯", title="董事")
    person.phone = "+852 5555 0000"
    person.hometown = AdminDivision.objects.get(code="4301")
    person.name_en = "Wang Xiaoming"
    person.save()
    return person


def test_personal_fields_are_left_out_for_those_who_may_not_see_them(organiser, investor):
    person = _person_with_personal_changes()
    assert hidden_fields(user=organiser) == frozenset()
    assert hidden_fields(user=investor, personal_fields={"phone"}) == {"phone"}
    staff = " ".join(s.text for s in history_sentences(person, user=organiser, language="en"))
    assert "+852 5555 0000" in staff and "中南大學" in staff and "hometown" in staff
    other = " ".join(s.text for s in history_sentences(person, user=investor, language="en"))
    assert "Wang Xiaoming" in other and "湖南華聯" in other
    for personal in ("+852 5555 0000", "phone", "hometown", "中南大學", "school"):
        assert personal not in other


def test_erasure_removes_the_persons_history(organiser):
    person = _person_with_personal_changes()
    keep = make_person("李四")
    pk = person.pk
    erase_person(person=person, user=organiser, reason="request")
    assert Person.history.filter(id=pk).count() == 0
    assert SchoolAttended.history.filter(person_id=pk).count() == 0
    assert Affiliation.history.filter(person_id=pk).count() == 0
    assert Person.history.filter(id=keep.pk).count() == 1


def _queries_for_event_with(registrations, edition, organiser):  # type: ignore[no-untyped-def]
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from duijie.accounts.models import User
    from duijie.tradeweek.models import Registration
    from tests.web.pipeline.factories import make_event

    event = make_event(edition, day=10 + registrations)
    for number in range(registrations):
        guest = User.objects.create_user(f"g{registrations}-{number}@example.test", None)
        Registration.objects.create(event=event, user=guest, status="pending")
    with CaptureQueriesContext(connection) as captured:
        sentences = history_sentences(event, user=organiser, language="en")
    assert len(sentences) == 1 + registrations
    return len(captured.captured_queries)


def test_sentences_cost_the_same_queries_for_one_or_several_kin_rows(edition, organiser):
    one = _queries_for_event_with(1, edition, organiser)
    assert _queries_for_event_with(5, edition, organiser) == one
