"""Erasure is complete: after it, no table and no stored file holds the person's name,
phone, e-mail or school (searched in every column of every table, found by introspection).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse

from duijie.accounts.models import PersonalDataAccess
from duijie.accounts.roles import Role
from duijie.directory.consent import change_consent
from duijie.directory.erasure import erase_person
from duijie.directory.models import (
    Campaign,
    ImportBatch,
    Interaction,
    IntroductionPath,
    Person,
    PersonDuplicate,
    Segment,
)
from duijie.directory.services import record_interaction
from duijie.interchange.models import PendingUpload
from duijie.interchange.services import receive_upload
from duijie.matchmaking.models import Recommendation
from duijie.matchmaking.services import record_introduction
from tests.web.interchange.confirmed import confirmed_job
from tests.web.matchmaking.factories import investor, project, run_with

from .factories import csv_bytes, make_organisation, make_person

NAME = "閔知遙"
PHONE = "+852 6789 0123"
EMAIL = "min.zhiyao@erasure.test"
SCHOOL = "長沙明德遙知書院"
NEEDLES = (NAME, PHONE, EMAIL, SCHOOL)
OWNER_ORG = "湖南星沙儲能科技有限公司"


def _as_text(value: object) -> str:
    """A stored value as text; JSON with its escapes undone (SQLite stores ``\\u9594``)."""
    if isinstance(value, memoryview):
        value = value.tobytes()
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    text = "" if value is None else str(value)
    try:
        return text + json.dumps(json.loads(text), ensure_ascii=False)
    except ValueError:
        return text


def database_mentions() -> dict[str, list[str]]:
    """Every table and column whose stored text contains one of the needles."""
    found: dict[str, list[str]] = {}
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            columns = connection.introspection.get_table_description(cursor, table)
            names = [c.name for c in columns]
            cursor.execute(f"SELECT {', '.join(quote(n) for n in names)} FROM {quote(table)}")
            for row in cursor.fetchall():
                for name, value in zip(names, row, strict=True):
                    text = _as_text(value)
                    if any(needle in text for needle in NEEDLES):
                        found.setdefault(table, []).append(name)
    return found


def media_mentions(root: Path) -> list[str]:
    """Every file under MEDIA_ROOT whose bytes contain one of the needles."""
    needles = [n.encode() for n in NEEDLES]
    files = [p for p in root.rglob("*") if p.is_file()] if root.exists() else []
    return [str(p) for p in files if any(n in p.read_bytes() for n in needles)]


def _upload(client, rows: list[list[str]], confirm: bool) -> None:  # type: ignore[no-untyped-def]
    upload = SimpleUploadedFile("people.csv", csv_bytes(rows), content_type="text/csv")
    response = client.post(reverse("directory:import"), {"kind": "people", "file": upload})
    assert response.status_code == 302, response.content.decode()[:500]
    if confirm:
        pending = response["Location"].rsplit("upload=", 1)[1]
        confirmed = client.post(reverse("directory:import"), {"upload": pending, "confirm": ""})
        assert confirmed_job(confirmed).is_successful


def _everywhere(client, staff, edition, settings, tmp_path: Path) -> Person:  # type: ignore[no-untyped-def]
    """Put the person in imports, campaigns, introductions, meetings, reasons and history."""
    owner = make_organisation(OWNER_ORG)
    header = ["name", "phone", "email", "schools", "hometown", "organisation", "title"]
    row = [NAME, PHONE, EMAIL, SCHOOL, "430703", OWNER_ORG, "總經理"]
    _upload(client, [header, row], confirm=True)  # kept: the confirmed upload
    _upload(client, [header, row, ["李四", "", "", "", "", "", ""]], confirm=False)  # pending
    person = Person.objects.get(name=NAME)
    assert person.schools.get().school == SCHOOL and person.affiliations.get().organisation == owner
    change_consent(person=person, user=staff, consent="given", on=dt.date(2025, 4, 1),
                   source=f"{NAME}的電郵 {EMAIL}")  # fmt: skip
    segment = Segment.objects.create(name="常德鄉親", filters={"hometown": "4307"})
    campaign = Campaign.objects.create(name="港洽周邀請", segment=segment)
    record_interaction(person=person, kind="invited", happened_on=dt.date(2025, 5, 1), user=staff,
                       campaign=campaign, notes=f"致電{PHONE}邀請{NAME}")  # fmt: skip
    record_interaction(person=person, kind="met", happened_on=dt.date(2025, 5, 20), user=staff,
                       notes=f"港洽周會面：{NAME}")  # fmt: skip
    lead = investor("香港維港創投")
    IntroductionPath.objects.create(person=person, organisation=lead, relationship=f"{NAME}同學")
    tie = {"code": "tie_school", "params": {"school": SCHOOL},
           "texts": {"zh-Hant": f"同為{SCHOOL}校友", "zh-Hans": f"同为{SCHOOL}校友",
                     "en": f"fellow alumni of {SCHOOL}"}}  # fmt: skip
    run = run_with(edition, [{"project": project(edition, owner), "organisation": lead,
                              "candidate_name": lead.name, "reasons": [tie]}])  # fmt: skip
    record_introduction(recommendation=run.recommendations.get(), person=person, user=staff)
    evidence = [{"rule": "phone", "params": {"phone": PHONE, "name": NAME}}]
    PersonDuplicate.objects.create(a=make_person("張三"), b=person, score=0.6, evidence=evidence)
    client.get(reverse("directory:person", args=[person.pk]))  # the access log
    client.get(reverse("directory:people"), {"hometown": "4307"})
    admin_edit = reverse("admin:directory_person_change", args=[person.pk])
    client.get(admin_edit)  # the admin's own change history (LogEntry) comes next
    from django.contrib.admin.models import CHANGE, LogEntry
    from django.contrib.contenttypes.models import ContentType

    LogEntry.objects.create(
        user=staff, content_type=ContentType.objects.get_for_model(Person),
        object_id=str(person.pk), object_repr=str(person), action_flag=CHANGE,
        change_message=f"changed phone to {PHONE}",
    )  # fmt: skip
    (tmp_path / "media").mkdir(exist_ok=True)
    settings.MEDIA_ROOT = tmp_path / "media"
    return person


@pytest.mark.django_db
def test_erasure_leaves_no_trace_in_the_database_or_media(
    client, django_user_model, edition, settings, tmp_path: Path
) -> None:
    staff = django_user_model.objects.create_user(
        "admin@example.test", "pw", role=Role.ADMIN, is_staff=True, is_superuser=True
    )
    client.force_login(staff)
    person = _everywhere(client, staff, edition, settings, tmp_path)
    before = database_mentions()
    for table in ("directory_person", "interchange_pendingupload", "directory_interaction",
                  "directory_introductionpath", "directory_schoolattended",
                  "matchmaking_recommendation", "django_admin_log",
                  "directory_personduplicate"):  # fmt: skip
        assert table in before, table
    pk = person.pk
    url = reverse("directory:person_erase", args=[pk])
    refused = client.post(url, {"reason": f"{NAME}本人要求"})  # the log keeps the reason
    assert "請勿在原因中填寫此人的姓名或聯絡資料" in refused.content.decode()
    assert Person.objects.filter(pk=pk).exists()

    response = client.post(reverse("directory:person_erase", args=[pk]), {"reason": "本人要求"})

    assert response.status_code == 302
    assert database_mentions() == {}
    assert media_mentions(Path(settings.MEDIA_ROOT)) == []
    assert PendingUpload.objects.count() == 0  # the pending upload named the person
    assert ImportBatch.objects.count() == 1  # the confirmed one kept only its counts
    kinds = sorted(Interaction.objects.values_list("kind", "person_label", "notes"))
    assert kinds == [("introduced", "—", ""), ("invited", "—", ""), ("met", "—", "")]
    assert Campaign.objects.get().interactions.count() == 1
    assert Recommendation.objects.get().reasons == []
    erasure = PersonalDataAccess.objects.get(action="erase")
    assert (erasure.purpose, list(erasure.people.values_list("person_id", flat=True))) == (
        "本人要求",
        [pk],
    )
    assert (
        PersonalDataAccess.objects.filter(people__person_id=pk).count() == 6
    )  # + the pending upload's preview of them


@pytest.mark.django_db
def test_uploads_that_do_not_mention_the_person_are_kept(organiser) -> None:
    receive_upload(owner=organiser, kind="directory", filename="a.csv", size=12,
                   chunks=[csv_bytes([["name"], ["李四"]])])  # fmt: skip
    ImportBatch.objects.create(kind="people", filename="a.csv", created_by=organiser,
                               summary={"created": 1})  # fmt: skip
    person = make_person(NAME, phone=PHONE)
    erase_person(person=person, user=organiser, reason="本人要求")
    assert (PendingUpload.objects.count(), ImportBatch.objects.count()) == (1, 1)
