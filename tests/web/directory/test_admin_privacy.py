"""The Django admin goes through the privacy boundary and the erasure routine."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from duijie.accounts.models import PersonalDataAccess
from duijie.accounts.roles import Role
from duijie.directory.merging_people import merge_people
from duijie.directory.models import Interaction, Person
from duijie.directory.privacy import record_access
from duijie.directory.services import record_interaction
from duijie.directory.unmerging import unmerge

from .factories import make_person

PHONE = "+852 9876 5432"


def _admin_user(django_user_model, role: str = Role.ADMIN):  # type: ignore[no-untyped-def]
    return django_user_model.objects.create_user(
        f"{role}-admin@example.test", "pw", role=role, is_staff=True, is_superuser=True
    )


@pytest.mark.django_db
def test_admin_list_and_form_are_logged(client, django_user_model) -> None:
    admin = _admin_user(django_user_model)
    person = make_person("黃志強", phone=PHONE, birth_year=1970)
    client.force_login(admin)
    listing = client.get(reverse("admin:directory_person_changelist"))
    assert listing.status_code == 200 and "1970" in listing.content.decode()
    form = client.get(reverse("admin:directory_person_change", args=[person.pk]))
    assert PHONE in form.content.decode()
    first, second = PersonalDataAccess.objects.order_by("pk")
    assert first.fields == "birth_year,hometown,location"
    assert "phone" in second.fields.split(",")
    assert [list(a.people.values_list("person_id", flat=True)) for a in (first, second)] == [
        [person.pk],
        [person.pk],
    ]


@pytest.mark.django_db
def test_a_superuser_without_a_staff_role_cannot_see_people(client, django_user_model) -> None:
    make_person("黃志強", phone=PHONE)
    client.force_login(_admin_user(django_user_model, role=Role.INVESTOR))
    assert client.get(reverse("admin:directory_person_changelist")).status_code == 403
    assert PersonalDataAccess.objects.count() == 0


@pytest.mark.django_db
def test_admin_form_hides_contacts_of_people_who_refused(client, django_user_model) -> None:
    person = make_person("黃志強", phone=PHONE, consent="withdrawn")
    client.force_login(_admin_user(django_user_model))
    page = client.get(reverse("admin:directory_person_change", args=[person.pk])).content.decode()
    assert PHONE not in page and 'name="phone"' not in page


@pytest.mark.django_db
@pytest.mark.parametrize("bulk", [False, True])
def test_admin_deletion_is_the_erasure(client, django_user_model, bulk: bool) -> None:
    admin = _admin_user(django_user_model)
    person = make_person("黃志強", phone=PHONE)
    record_interaction(person=person, kind="met", happened_on=dt.date(2025, 5, 1), user=admin)
    client.force_login(admin)
    if bulk:
        data = {"action": "delete_selected", "_selected_action": [person.pk], "post": "yes"}
        response = client.post(reverse("admin:directory_person_changelist"), data)
    else:
        url = reverse("admin:directory_person_delete", args=[person.pk])
        response = client.post(url, {"post": "yes"})
    assert response.status_code == 302
    assert Person.objects.count() == 0
    assert Interaction.objects.get().person_label == "—"
    erasure = PersonalDataAccess.objects.get(action="erase")
    assert list(erasure.people.values_list("person_id", flat=True)) == [person.pk]


@pytest.mark.django_db
def test_the_access_log_is_read_only_in_the_admin(client, django_user_model) -> None:
    admin = _admin_user(django_user_model)
    person = make_person("黃志強")
    access = record_access(user=admin, person_ids=[person.pk], fields=("phone",), where="x")
    client.force_login(admin)
    change = client.get(reverse("admin:accounts_personaldataaccess_change", args=[access.pk]))
    assert change.status_code == 200 and 'name="_save"' not in change.content.decode()
    delete = reverse("admin:accounts_personaldataaccess_delete", args=[access.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    changelist = reverse("admin:accounts_personaldataaccess_changelist")
    data = {"action": "delete_selected", "_selected_action": [access.pk], "post": "yes"}
    client.post(changelist, data)
    assert client.get(reverse("admin:accounts_personaldataaccess_add")).status_code == 403
    assert PersonalDataAccess.objects.filter(pk=access.pk).exists()


@pytest.mark.django_db
def test_admin_search_by_person_id_follows_merges(client, django_user_model) -> None:
    admin = _admin_user(django_user_model)
    keep, other = make_person("黃志強"), make_person("黄志强")
    mine = record_access(user=admin, person_ids=[keep.pk], fields=("phone",), where="/a/")
    theirs = record_access(user=admin, person_ids=[other.pk], fields=("phone",), where="/b/")
    other_pk = other.pk
    record = merge_people(keep=keep, other=other, user=admin)
    client.force_login(admin)
    url = reverse("admin:directory_accessedperson_changelist")

    def found(term: str) -> list[tuple[int, int]]:
        page = client.get(url, {"q": term})
        return sorted((r.access_id, r.person_id) for r in page.context["cl"].result_list)

    merge = PersonalDataAccess.objects.get(action="merge").pk
    assert found(str(keep.pk)) == [
        (mine.pk, keep.pk), (theirs.pk, other_pk), (merge, keep.pk), (merge, other_pk),
    ]  # fmt: skip
    assert found("黃志強") == []
    unmerge(record=record, user=admin)
    assert found(str(keep.pk)) == [(mine.pk, keep.pk), (merge, keep.pk)]
    assert found(str(other_pk)) == [(theirs.pk, other_pk), (merge, other_pk)]


@pytest.mark.django_db
def test_the_people_accessed_list_names_its_columns_in_the_reader_language(
    client, django_user_model
) -> None:
    admin = _admin_user(django_user_model)
    record_access(user=admin, person_ids=[make_person("黃志強").pk], fields=("phone",), where="x")
    client.force_login(admin)
    url = reverse("admin:directory_accessedperson_changelist")
    headers = {
        "zh-hant": ("個人資料查閱記錄", "人員編號"),
        "en": ("Personal data access", "Person id"),
    }
    for language, names in headers.items():
        client.post(reverse("accounts:set_language"), {"language": language})
        html = client.get(url).content.decode()
        assert all(f">{name}<" in html for name in names), language
