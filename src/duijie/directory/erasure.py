"""Erasure of a person (right to erasure): nothing that names or reaches them survives.

* Interactions stay (campaign counts) without person, name or notes.
* Every row that references the person and is not needed is deleted, found generically:
  foreign keys to the person in any app (schools, affiliations, introduction paths,
  duplicate pairs, and the history tables django-simple-history adds, whose foreign keys
  do not cascade), history models of the person (``instance_type``), and rows pointing at
  the person or their deleted rows through a generic foreign key (the admin's log).
* Merge records the person was kept by go too (found like the rest): their snapshots
  hold the merged record's personal data, so there is nothing left to undo. The change
  history of the records merged into the person goes as the person's own does, and the
  merged records' names and contacts count among the person's traces.
* Retained uploads that mention the person are deleted (:func:`scrub_uploads`).
* Other apps remove what they derived from the person by receiving :data:`person_erased`
  (matchmaking drops warm-introduction reasons built from their schools and hometown).
* The access log is append-only and keeps only ids: its records of the person stay as
  written, naming the person's id, and so do its records of the people merged into them
  (reads of a merged person name that person's id; the log follows merges through
  :func:`~duijie.directory.privacy.logged_ids`, not by changing rows). The erasure itself is
  logged with its reason, listing every one of those ids: once the merge records are gone
  it is what says that the merged ids were erased with the person.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.dispatch import Signal

from duijie.directory.models import CONTACT_FIELDS, ImportBatch, Interaction, Person
from duijie.directory.privacy import logged_ids, record_access
from duijie.interchange.models import PendingUpload
from duijie.interchange.reader import SheetError, read_table

ERASED_LABEL = "—"

person_erased = Signal()
"""Sent inside the erasure's transaction, before the person is deleted: ``traces``."""


@dataclass(frozen=True)
class Traces:
    """What identifies an erased person in other records."""

    person_id: int
    texts: tuple[str, ...]  # names and contacts, as written
    schools: tuple[str, ...]
    hometowns: tuple[str, ...]  # the division, and its city for a county
    organisation_ids: tuple[int, ...]  # organisations they were affiliated with


def traces_of(person: Person) -> Traces:
    """The person's names, contacts, schools, hometown and organisations."""
    names = [person.name, person.name_en, *person.other_names]
    texts = [t.strip() for t in [*names, *(getattr(person, f) for f in CONTACT_FIELDS)]]
    for merged in person.merges.values_list("snapshot", flat=True):
        texts += [str(merged.get(f) or "").strip() for f in ("name", "name_en", *CONTACT_FIELDS)]
    orgs = person.affiliations.exclude(organisation=None).values_list("organisation_id", flat=True)
    return Traces(
        person_id=person.pk,
        texts=tuple(t for t in dict.fromkeys(texts) if len(t) >= 2),
        schools=tuple(person.schools.values_list("school", flat=True)),
        hometowns=_places(person),
        organisation_ids=tuple(sorted(set(orgs))),
    )


def _places(person: Person) -> tuple[str, ...]:
    home = person.hometown
    if home is None:
        return ()
    return (home.name, home.parent.name) if home.parent_id and home.level == 3 else (home.name,)


def mentions(text: str, traces: Traces) -> bool:
    """Whether ``text`` contains one of the person's names or contacts."""
    return any(t in text for t in traces.texts)


def scrub_uploads(traces: Traces) -> int:
    """Delete every upload still pending whose cells or preview mention the person, and
    every import batch whose summary does.

    Side effect: deletes ``PendingUpload`` and ``ImportBatch`` rows. Returns how many.
    (Confirmed uploads keep no content: the interchange layer purges it.)
    """
    uploads = [u.pk for u in PendingUpload.objects.all() if _upload_mentions(u, traces)]
    PendingUpload.objects.filter(pk__in=uploads).delete()
    batches = [
        b.pk for b in ImportBatch.objects.only("pk", "summary") if mentions(str(b.summary), traces)
    ]
    ImportBatch.objects.filter(pk__in=batches).delete()
    return len(uploads) + len(batches)


def _upload_mentions(upload: PendingUpload, traces: Traces) -> bool:
    if mentions(str(upload.preview), traces):
        return True
    content = bytes(upload.content)
    try:
        table = read_table(content, upload.filename, max_bytes=len(content) + 1)
    except (SheetError, ValueError, OSError):
        return mentions(content.decode("utf-8", "replace"), traces)
    cells = [*table.headers, *(cell for _n, row in table.rows for cell in row)]
    return any(mentions(cell, traces) for cell in cells)


def history_models(model: type[models.Model]) -> list[type[models.Model]]:
    """Models recording the history of ``model`` (django-simple-history's ``instance_type``)."""
    return [m for m in apps.get_models() if getattr(m, "instance_type", None) is model]


def _foreign_keys_to(model: type[models.Model]) -> Iterable[models.ForeignKey[Any, Any]]:
    for candidate in apps.get_models():
        for f in candidate._meta.concrete_fields:
            if isinstance(f, models.ForeignKey) and f.related_model is model:
                yield f


def delete_references(person: Person) -> None:
    """Delete every row referencing ``person`` that erasure does not keep (see module doc).

    Rows whose reference is set to null on deletion (interactions) are kept; the rest go.
    """
    children: list[models.Model] = [person]
    for fk in _foreign_keys_to(Person):
        on_delete = fk.remote_field.on_delete
        if on_delete is models.SET_NULL:
            continue
        if on_delete is not models.DO_NOTHING:  # history tables: see delete_history
            children.extend(fk.model._base_manager.filter(**{fk.name: person.pk}))
    delete_history(person.pk)
    _delete_generic_references(children)


def delete_history(person_id: int) -> None:
    """Delete the history rows of the person and of every row that pointed at them.

    Called before and after the person is deleted: the deletion itself (and its cascade
    to schools and affiliations) writes history rows of its own.
    """
    for fk in _foreign_keys_to(Person):
        if fk.remote_field.on_delete is models.DO_NOTHING:  # the database does not cascade
            fk.model._base_manager.filter(**{fk.attname: person_id}).delete()
    for history in history_models(Person):
        history._base_manager.filter(id=person_id).delete()


def _generic_keys(model: type[models.Model]) -> list[tuple[str, str]]:
    """(content type field, object id field) pairs of ``model``: its generic foreign keys,
    or a content-type foreign key next to an ``object_id`` / ``object_pk`` column (the
    admin's ``LogEntry`` declares no generic foreign key).
    """
    keys = [
        (f.ct_field, f.fk_field)
        for f in model._meta.private_fields
        if isinstance(f, GenericForeignKey)
    ]
    if keys:
        return keys
    names = {f.name for f in model._meta.concrete_fields}
    id_field = next((n for n in ("object_id", "object_pk") if n in names), None)
    types = [
        f.name
        for f in model._meta.concrete_fields
        if isinstance(f, models.ForeignKey) and f.related_model is ContentType
    ]
    return [(types[0], id_field)] if id_field and len(types) == 1 else []


def _delete_generic_references(objects: list[models.Model]) -> None:
    """Rows pointing at ``objects`` through a generic key (e.g. the admin's change log)."""
    by_type: dict[int, list[str]] = {}
    for obj in objects:
        by_type.setdefault(ContentType.objects.get_for_model(obj).pk, []).append(str(obj.pk))
    for model in apps.get_models():
        for ct_field, id_field in _generic_keys(model):
            for type_id, ids in by_type.items():
                model._base_manager.filter(
                    **{f"{ct_field}_id": type_id, f"{id_field}__in": ids}
                ).delete()


@transaction.atomic
def erase_person(*, person: Person, user: Any, reason: str = "") -> int:
    """Erase ``person`` completely (see the module docstring).

    Side effects: anonymises their interactions, deletes their uploads, references and
    history (and that of the people merged into them), tells other apps
    (:data:`person_erased`), deletes the person and logs the erasure (access record with
    the reason, listing the person's id and the ids of the people merged into them).
    Leaves every existing access record as it is. Returns how many interactions were
    anonymised.
    """
    traces = traces_of(person)
    ids = logged_ids(person.pk)
    anonymised = Interaction.objects.filter(person=person).update(
        person=None, person_label=ERASED_LABEL, notes=""
    )
    scrub_uploads(traces)
    person_erased.send(sender=Person, traces=traces)
    delete_references(person)
    Person.objects.filter(pk=person.pk).delete()
    for person_id in ids:
        delete_history(person_id)
    record_access(user=user, person_ids=ids, fields=(), where=reason, action="erase")
    return anonymised
