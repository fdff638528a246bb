"""Fold the stage-event revision log (StageEventRevision) into the one change history.

A revision held the edited fields' values before and after (as text). For each corrected
event: a "created" row by whoever confirmed it, with the values before the first
correction, then one "changed" row per revision by its author. Stage events themselves
stay: they are domain data (a deal moving stage on a date, with evidence), not a log.
"""

import datetime as dt

from django.db import migrations

from duijie.history.records import write_baseline

FIELDS = ("occurred_on", "evidence_link", "evidence_note", "reason", "evidence_file")


def _value(name, text):
    return dt.date.fromisoformat(text) if name == "occurred_on" else text


def forwards(apps, schema_editor):
    Event = apps.get_model("pipeline", "StageEvent")
    Revision = apps.get_model("pipeline", "StageEventRevision")
    Historical = apps.get_model("pipeline", "HistoricalStageEvent")
    tracked = [f.attname for f in Historical._meta.concrete_fields if not f.name.startswith("history_")]
    by_event = {}
    for revision in Revision.objects.order_by("changed_at", "id").iterator():
        by_event.setdefault(revision.event_id, []).append(revision)
    rows = []
    for event in Event.objects.filter(pk__in=list(by_event)).iterator():
        revisions = by_event[event.pk]
        state = {name: getattr(event, name) for name in tracked}
        states = []
        for revision in reversed(revisions):
            states.append(dict(state))
            state.update({k: _value(k, v) for k, v in revision.before.items() if k in FIELDS})
        rows.append(Historical(
            **state, history_date=event.created_at, history_user_id=event.confirmed_by_id,
            history_type="+", history_change_reason="",
        ))
        for revision, values in zip(revisions, reversed(states), strict=True):
            rows.append(Historical(
                **values, history_date=revision.changed_at, history_user_id=revision.changed_by_id,
                history_type="~", history_change_reason="",
            ))
    Historical.objects.bulk_create(rows, batch_size=1000)


def baseline(apps, schema_editor):
    """Rows never changed before get a baseline row (their values now), see write_baseline."""
    write_baseline(apps, 'pipeline', 'Deal', 'StageEvent', 'CapitalArrival', 'AftercareVisit', 'AftercareIssue')


class Migration(migrations.Migration):
    dependencies = [("pipeline", "0005_deal_history")]

    operations = [
        migrations.RunPython(forwards, migrations.RunPython.noop),
        migrations.RunPython(baseline, migrations.RunPython.noop),
    ]
