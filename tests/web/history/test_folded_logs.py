"""The bespoke logs (project changes, stage-event revisions) move into the one history."""

from __future__ import annotations

import datetime as dt
import importlib

import pytest
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.utils import timezone

from duijie.pipeline.models import Stage
from tests.web.catalogue import factories as catalogue
from tests.web.pipeline.factories import make_deal, move

pytestmark = pytest.mark.django_db

AT = timezone.make_aware(dt.datetime(2025, 5, 14, 10, 0))


def _state_with(app: str, before: str, old_model: str):  # type: ignore[no-untyped-def]
    """The models as they were before migration ``before``, with ``old_model``'s table made."""
    apps = MigrationLoader(connection).project_state((app, before)).apps
    model = apps.get_model(app, old_model)
    editor = connection.schema_editor(collect_sql=True)
    editor.deferred_sql = []  # set by entering the editor, which SQLite refuses in a transaction
    sql, params = editor.table_sql(model)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
    return apps


def _forwards(module: str):  # type: ignore[no-untyped-def]
    return importlib.import_module(module).forwards


def test_project_changes_become_history_rows(edition, organiser, project_owner):
    project = catalogue.project(edition, name_hant="新名", park="經開區")
    project.history.all().delete()
    apps = _state_with("catalogue", "0005_project_history", "ProjectChange")
    change = apps.get_model("catalogue", "ProjectChange")
    for action, user, changes, comment in [
        ("created", project_owner, {"name_hant": [None, "舊名"], "park": [None, ""]}, ""),
        ("edited", project_owner, {"name_hant": ["舊名", "新名"]}, ""),
        ("comment", organiser, {}, "請補充英文版"),
        ("edited", organiser, {"park": ["", "經開區"]}, ""),
    ]:
        change.objects.create(
            project_id=project.pk, user_id=user.pk, action=action, changes=changes,
            comment=comment, at=AT,
        )  # fmt: skip
    _forwards("duijie.catalogue.migrations.0006_project_changes_into_history")(apps, None)
    rows = project.history.order_by("history_id")
    assert [
        (r.history_type, r.history_user, r.name_hant, r.park, r.history_change_reason) for r in rows
    ] == [
        ("+", project_owner, "舊名", "", ""),
        ("~", project_owner, "新名", "", ""),
        ("~", organiser, "新名", "", "請補充英文版"),
        ("~", organiser, "新名", "經開區", ""),
    ]


def test_stage_event_revisions_become_history_rows(organiser, agency_admin):
    deal = make_deal(organiser)
    move(deal, Stage.NEGOTIATING, dt.date(2025, 6, 20), organiser, evidence_note="會議紀要")
    event = deal.events.get()
    event.history.all().delete()
    apps = _state_with("pipeline", "0005_deal_history", "StageEventRevision")
    revision = apps.get_model("pipeline", "StageEventRevision")
    revision.objects.create(
        event_id=event.pk, changed_by_id=agency_admin.pk,
        before={"occurred_on": "2025-06-01", "evidence_note": "會議紀要"},
        after={"occurred_on": "2025-06-20", "evidence_note": "會議紀要"},
    )  # fmt: skip
    _forwards("duijie.pipeline.migrations.0006_stage_event_revisions_into_history")(apps, None)
    rows = event.history.order_by("history_id")
    assert [(r.history_type, r.history_user, r.occurred_on) for r in rows] == [
        ("+", organiser, dt.date(2025, 6, 1)),
        ("~", agency_admin, dt.date(2025, 6, 20)),
    ]


def test_rows_from_before_the_history_get_a_baseline_and_their_first_edit_a_before(investor):
    from django.apps import apps

    from duijie.directory.models import Organisation
    from duijie.history.records import write_baseline
    from duijie.history.services import history_sentences
    from tests.web.directory.factories import make_organisation

    org = make_organisation("深圳香江資本1號（示範）", kind="vc_pe")
    org.history.all().delete()
    org.name = "未記錄的改名"
    org.save()
    (only,) = history_sentences(org, user=investor, language="en")
    assert only.text.startswith("The system edited the organisation on ")
    org.history.all().delete()
    write_baseline(apps, "directory", "Organisation")
    write_baseline(apps, "directory", "Organisation")  # rows with a history are left alone
    assert org.history.get().history_change_reason == "baseline"
    org.kind = "enterprise"
    org.save()
    Organisation.history.filter(id=org.pk).update(history_date=AT)
    assert [s.text for s in history_sentences(org, user=investor, language="en")] == [
        "The system changed the kind from Investor: VC/PE to Enterprise on 14 May 2025."
    ]
