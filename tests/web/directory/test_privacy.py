"""The privacy boundary: every URL that can show a personal field × every role.

Allowed roles (agency staff, agency administrators) get the page and exactly one access
record listing the people shown; every other role is refused and nothing is recorded.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from duijie.accounts.models import PersonalDataAccess
from duijie.accounts.roles import Role
from duijie.directory.models import AccessedPerson, PersonDuplicate
from duijie.reference.models import AdminDivision

from .factories import make_person

ROLES = [
    "anonymous",
    Role.INVESTOR,
    Role.PROJECT_OWNER,
    Role.LEADERSHIP,
    Role.ORGANISER,
    Role.ADMIN,
]
ALLOWED = {Role.ORGANISER, Role.ADMIN}
PHONE = "+852 9123 4567"


@pytest.fixture
def people(db):  # type: ignore[no-untyped-def]
    changde = AdminDivision.objects.get(code="430703")
    a = make_person("歐陽明", phone=PHONE, hometown=changde, birth_year=1975)
    b = make_person("歐陽明", hometown=changde, birth_year=1976)
    a.schools.create(school="湖南大學", school_key="湖南大学")
    PersonDuplicate.objects.create(a=a, b=b, score=0.7)
    return a, b


def _user(role: str, django_user_model):  # type: ignore[no-untyped-def]
    if role == "anonymous":
        return None
    return django_user_model.objects.create_user(f"{role}@example.test", "pw", role=role)


def _pages(a, b):  # type: ignore[no-untyped-def]
    """(url, people shown) for every page that shows a personal field."""
    people = reverse("directory:people")
    network = reverse("directory:network")
    return [
        (people, {a.pk, b.pk}),
        (people + "?hometown=4307", {a.pk, b.pk}),
        (people + "?school=湖南大學", {a.pk}),
        (network, {a.pk, b.pk}),
        (network + "?hometown=4307", {a.pk, b.pk}),
        (reverse("directory:person", args=[a.pk]), {a.pk}),
        (reverse("directory:person_edit", args=[a.pk]), {a.pk}),
        (reverse("directory:person_duplicates"), {a.pk, b.pk}),
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("page", range(8))
def test_personal_pages_by_role(client, django_user_model, people, role: str, page: int) -> None:
    url, shown = _pages(*people)[page]
    user = _user(role, django_user_model)
    if user is not None:
        client.force_login(user)
    response = client.get(url)
    if role == "anonymous":
        assert (response.status_code, response.url.split("?")[0]) == (
            302,
            reverse("accounts:login"),
        )
    elif role not in ALLOWED:
        assert response.status_code == 403
    else:
        assert response.status_code == 200
        access = PersonalDataAccess.objects.get()
        assert (access.user, access.action) == (user, "view")
        assert set(access.people.values_list("person_id", flat=True)) == shown
        assert "hometown" in access.fields.split(",")
        return
    assert PersonalDataAccess.objects.count() == AccessedPerson.objects.count() == 0


@pytest.mark.django_db
def test_person_page_logs_every_field_it_shows(client_for, organiser, people) -> None:
    a, _b = people
    page = client_for(organiser).get(reverse("directory:person", args=[a.pk])).content.decode()
    assert PHONE in page and "湖南大學" in page and "1975" in page
    access = PersonalDataAccess.objects.get()
    assert access.fields.split(",") == [
        "hometown", "location", "schools", "birth_year", "phone", "email", "wechat", "address",
    ]  # fmt: skip
    assert (access.subject, access.purpose) == (
        f"directory.person:{a.pk}",
        f"/directory/people/{a.pk}/",
    )


@pytest.mark.django_db
def test_an_empty_list_writes_no_record(client_for, organiser) -> None:
    response = client_for(organiser).get(reverse("directory:people"), {"hometown": "4307"})
    assert response.status_code == 200
    assert PersonalDataAccess.objects.count() == 0


@pytest.mark.django_db
def test_a_list_page_is_one_record_with_everyone_shown(client_for, organiser) -> None:
    ids = {make_person(f"李{i}").pk for i in range(7)}
    client_for(organiser).get(reverse("directory:people"))
    access = PersonalDataAccess.objects.get()
    assert (access.subject, set(access.people.values_list("person_id", flat=True))) == (
        "directory.people",
        ids,
    )


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_people_export_by_role(client, django_user_model, people, role: str) -> None:
    user = _user(role, django_user_model)
    if user is not None:
        client.force_login(user)
    data = {
        "what": "people",
        "file_format": "csv",
        "purpose": "港洽周邀請",
        "include_contacts": "on",
    }
    response = client.post(reverse("directory:export"), data)
    exported = response.get("Content-Disposition", "").startswith("attachment")
    assert exported == (role in ALLOWED)
    if exported:
        access = PersonalDataAccess.objects.get()
        assert (access.action, access.purpose) == ("export", "港洽周邀請")
        assert set(access.people.values_list("person_id", flat=True)) == {p.pk for p in people}
        assert PHONE in response.content.decode("utf-8-sig")
    else:
        assert PersonalDataAccess.objects.count() == 0


@pytest.mark.django_db
def test_export_leaves_out_contacts_of_people_who_refused(client_for, organiser) -> None:
    make_person("陳靜", phone="+852 5555 0000", consent="refused")
    data = {"what": "people", "file_format": "csv", "purpose": "名單", "include_contacts": "on"}
    text = client_for(organiser).post(reverse("directory:export"), data).content.decode("utf-8-sig")
    assert "陳靜" in text and "5555" not in text


@pytest.mark.django_db
def test_access_records_are_append_only(organiser, people) -> None:
    from duijie.accounts.models import AppendOnlyError
    from duijie.directory.privacy import record_access

    access = record_access(user=organiser, person_ids=[people[0].pk], fields=("phone",), where="x")
    access.purpose = "changed"
    with pytest.raises(AppendOnlyError):
        access.save()
    with pytest.raises(AppendOnlyError):
        access.delete()
    with pytest.raises(AppendOnlyError):
        PersonalDataAccess.objects.all().delete()
    with pytest.raises(AppendOnlyError):
        PersonalDataAccess.objects.update(purpose="changed")
    with pytest.raises(AppendOnlyError):
        AccessedPerson.objects.all().delete()
    assert PersonalDataAccess.objects.get().purpose == "x"


@pytest.mark.django_db
def test_the_database_refuses_changes_to_the_log_on_postgresql(organiser, people) -> None:
    from django.db import DatabaseError, connection, transaction

    from duijie.directory.privacy import record_access

    if connection.vendor != "postgresql":
        pytest.skip("the trigger exists on PostgreSQL only")
    record_access(user=organiser, person_ids=[people[0].pk], fields=("phone",), where="x")
    for sql in (
        "UPDATE accounts_personaldataaccess SET purpose = 'y'",
        "DELETE FROM directory_accessedperson",
    ):
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql)
