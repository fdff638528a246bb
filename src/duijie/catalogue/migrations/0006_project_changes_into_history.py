"""Fold the bespoke project change log (ProjectChange) into the one change history.

Each ProjectChange held the fields that changed (before/after, by attribute name). Walking
a project's changes back from its current values gives its values after every change,
which is what a historical row holds; the user, time and comment (as the change reason)
carry over. Attachment entries become "created" rows of the attachment. Imports and demo
entries get the reason codes of ``duijie.history.records``.
"""

from django.db import migrations

from duijie.history.records import write_baseline

CREATED = {"created", "carried_over", "imported"}


def _reason(change):
    if change.action == "imported":
        return "import"
    if change.action == "created" and change.comment == "demo":
        return "demo"
    return change.comment or ""


def _states(project, changes, attnames):
    """The tracked values after each of ``changes`` (oldest first)."""
    state = {name: getattr(project, name) for name in attnames}
    states = []
    for change in reversed(changes):
        states.append(dict(state))
        for name, pair in change.changes.items():
            if name in state and isinstance(pair, list) and len(pair) == 2:
                state[name] = pair[0]
    return list(reversed(states))


def _attachment_row(apps, change):
    Attachment = apps.get_model("catalogue", "ProjectAttachment")
    Historical = apps.get_model("catalogue", "HistoricalProjectAttachment")
    name = (change.changes.get("attachment") or [None, None])[1]
    attachment = Attachment.objects.filter(project_id=change.project_id, file=name).first()
    if attachment is None:
        return None
    values = {f.attname: getattr(attachment, f.attname) for f in _tracked(Historical)}
    return Historical(
        **values, history_date=change.at, history_user_id=change.user_id, history_type="+",
        history_change_reason="",
    )


def _tracked(historical):
    return [f for f in historical._meta.concrete_fields if not f.name.startswith("history_")]


def forwards(apps, schema_editor):
    Project = apps.get_model("catalogue", "Project")
    Change = apps.get_model("catalogue", "ProjectChange")
    Historical = apps.get_model("catalogue", "HistoricalProject")
    attnames = [f.attname for f in _tracked(Historical)]
    by_project = {}
    for change in Change.objects.order_by("at", "id").iterator():
        by_project.setdefault(change.project_id, []).append(change)
    rows, attachments = [], []
    for project in Project.objects.filter(pk__in=list(by_project)).iterator():
        changes = [c for c in by_project[project.pk] if c.action != "attachment"]
        attachments += [c for c in by_project[project.pk] if c.action == "attachment"]
        states = _states(project, changes, attnames)
        for index, (change, values) in enumerate(zip(changes, states, strict=True)):
            kind = "+" if index == 0 and change.action in CREATED else "~"
            rows.append(Historical(
                **values, history_date=change.at, history_user_id=change.user_id,
                history_type=kind, history_change_reason=_reason(change),
            ))
    Historical.objects.bulk_create(rows, batch_size=1000)
    attachment_rows = [row for row in (_attachment_row(apps, c) for c in attachments) if row]
    apps.get_model("catalogue", "HistoricalProjectAttachment").objects.bulk_create(attachment_rows)


def baseline(apps, schema_editor):
    """Rows never changed before get a baseline row (their values now), see write_baseline."""
    write_baseline(apps, 'catalogue', 'Project', 'ProjectAttachment')


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0005_project_history")]

    operations = [
        migrations.RunPython(forwards, migrations.RunPython.noop),
        migrations.RunPython(baseline, migrations.RunPython.noop),
    ]
