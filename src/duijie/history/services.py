"""One change history for every object a person edits, read as sentences.

Every tracked model carries ``history = HistoricalRecords(...)`` (django-simple-history):
each create, save and delete writes a historical row with who (the request's user, set
by ``HistoryRequestMiddleware``), when and the values after the change; bulk writes
record through :mod:`duijie.history.records`.

:func:`history_sentences` turns the rows of an object (and of its close kin, see
:data:`KIN`) into sentences in the reader's language — field labels are the fields'
verbose names, values are shown as users see them (choice labels, related names, dates)
and personal fields are left out for readers who may not see them
(:func:`hidden_fields`).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import models
from django.utils import timezone, translation
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from duijie import localised
from duijie.history.records import BASELINE, IMPORTED, REASON_CODES
from duijie_core import locale

LIMIT = 100

# Registered by the apps that own the models (``AppConfig.ready``), so that this app, low in
# the layers, imports none of them.
KIN: dict[type[models.Model], list[tuple[type[models.Model], str, str]]] = defaultdict(list)
"""The close kin whose changes are shown on an object's page: (model, field pointing at the
object, field that names the kin in a sentence; read from the row, so no query per row)."""
PERSONAL_FIELDS: set[str] = set()
"""Names of personal fields (people's contacts, hometown, schools …): hidden from readers
who may not see personal data."""


def register_kin(model: type[models.Model], *kin: tuple[type[models.Model], str, str]) -> None:
    """Show the changes of each (kin model, field pointing at the object, field naming the
    kin) on ``model``'s pages."""
    KIN[model].extend(k for k in kin if k not in KIN[model])


def register_personal_fields(names: Iterable[str]) -> None:
    """Declare ``names`` personal: left out of histories for readers without the right."""
    PERSONAL_FIELDS.update(names)


@dataclass(frozen=True)
class Sentence:
    """One thing that happened to an object, as a sentence in the reader's language."""

    at: dt.datetime
    text: str
    row: int = 0  # the history row's id: orders changes saved in the same instant


def hidden_fields(*, user: Any, personal_fields: Iterable[str] | None = None) -> frozenset[str]:
    """The field names ``user`` may not read in a history: ``personal_fields`` (default:
    those registered) unless allowed."""
    if user.has_perm("accounts.see_personal_data"):
        return frozenset()
    return frozenset(PERSONAL_FIELDS if personal_fields is None else personal_fields)


def history_sentences(obj: models.Model, *, user: Any, language: str) -> list[Sentence]:
    """What happened to ``obj`` and its close kin, newest first, as sentences for ``user``."""
    hidden = hidden_fields(user=user)
    groups = [("", type(obj).history.filter(id=obj.pk))]  # type: ignore[attr-defined]
    for model, link, name in KIN.get(type(obj), ()):
        if not hidden.intersection(f.name for f in model._meta.concrete_fields):
            groups.append((name, model.history.filter(**{link: obj.pk})))  # type: ignore[attr-defined]
    rows = [
        (kin, list(qs.select_related("history_user").order_by("history_date", "history_id")))
        for kin, qs in groups
    ]
    with translation.override(language):
        names = _related_names(row for _kin, records in rows for row in records)
        sentences = [
            sentence
            for kin, records in rows
            for sentence in _record_sentences(records, _Reading(kin, hidden, names))
        ]
    sentences.sort(key=lambda s: (s.at, s.row), reverse=True)
    return sentences[:LIMIT]


def _tracked(record: Any) -> list[models.Field[Any, Any]]:
    model = record.instance_type
    return [
        model._meta.get_field(f.name)
        for f in record.tracked_fields
        if f.editable and f.name != model._meta.pk.name
    ]


def _related_names(records: Iterable[Any]) -> dict[tuple[Any, object], str]:
    wanted: dict[Any, set[object]] = defaultdict(set)
    for record in records:
        for field in _tracked(record):
            value = getattr(record, field.attname)
            if field.is_relation and value is not None:
                wanted[field.related_model].add(value)
    return {
        (model, pk): str(related)
        for model, pks in wanted.items()
        for pk, related in model._default_manager.in_bulk(pks).items()
    }


@dataclass(frozen=True)
class _Reading:
    """What the sentences of one history table need besides the rows."""

    kin_name: str  # the field naming a kin row; empty for the object's own rows
    hidden: frozenset[str]
    names: dict[tuple[Any, object], str]


def _record_sentences(records: list[Any], reading: _Reading) -> list[Sentence]:
    sentences: list[Sentence] = []
    previous: dict[object, Any] = {}
    for record in records:
        words = {
            "who": str(record.history_user or _("The system")),
            "date": localised.day(timezone.localtime(record.history_date).date()),
            "thing": _thing(record, reading),
        }
        texts = _texts(record, previous.get(record.id), reading, words)
        sentences.extend(Sentence(record.history_date, text, record.history_id) for text in texts)
        previous[record.id] = record
    return sentences


def _thing(record: Any, reading: _Reading) -> str:
    label = str(record.instance_type._meta.verbose_name)
    if not reading.kin_name:
        return label
    field = record.instance_type._meta.get_field(reading.kin_name)
    name = _shown(field, getattr(record, field.attname), reading.names)
    return _("%(thing)s “%(name)s”") % {"thing": label, "name": name} if name else label


def _texts(record: Any, before: Any, reading: _Reading, words: dict[str, str]) -> list[str]:
    reason = record.history_change_reason or ""
    if reason == BASELINE:
        return []
    if record.history_type == "+":
        template = (
            _("%(who)s imported the %(thing)s on %(date)s.")
            if reason == IMPORTED
            else _("%(who)s created the %(thing)s on %(date)s.")
        )
        texts = [template % words]
    elif record.history_type == "-":
        texts = [_("%(who)s deleted the %(thing)s on %(date)s.") % words]
    elif before is None:  # the first row of an object saved before it had a history
        texts = [_("%(who)s edited the %(thing)s on %(date)s.") % words]
    else:
        texts = _changes(record, before, reading, words)
    if reason and reason not in REASON_CODES:
        texts.append(_("%(who)s noted on %(date)s: %(note)s") % {**words, "note": reason})
    return texts


def _changes(record: Any, before: Any, reading: _Reading, words: dict[str, str]) -> list[str]:
    texts = []
    for field in _tracked(record):
        old, new = getattr(before, field.attname), getattr(record, field.attname)
        if old == new or field.name in reading.hidden:
            continue
        label = str(field.verbose_name)
        if reading.kin_name:
            label = _("%(field)s of the %(thing)s") % {"field": label, "thing": words["thing"]}
        shown = {
            **words,
            "field": label,
            "old": _shown(field, old, reading.names),
            "new": _shown(field, new, reading.names),
        }
        texts.append(_sentence_for(old, new) % shown)
    return texts


def _sentence_for(old: object, new: object) -> str:
    if _is_empty(old):
        return _("%(who)s set the %(field)s to %(new)s on %(date)s.")
    if _is_empty(new):
        return _("%(who)s cleared the %(field)s on %(date)s.")
    return _("%(who)s changed the %(field)s from %(old)s to %(new)s on %(date)s.")


def _is_empty(value: object) -> bool:
    return value is None or value == "" or value == [] or value == {}


def _shown(
    field: models.Field[Any, Any],
    value: object,
    names: dict[tuple[Any, object], str],
) -> str:
    """``value`` of ``field`` as users see it on pages (labels, names, local dates)."""
    if _is_empty(value):
        return ""
    if field.is_relation:
        return names.get((field.related_model, value), _("a deleted record"))
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, dt.datetime):
        return localised.moment(value)
    if isinstance(value, dt.date):
        return localised.day(value)
    if isinstance(value, Decimal):
        return localised.number(_plain_decimal(value))
    if isinstance(value, list):
        return locale.list_separator(localised.reader_language()).join(str(item) for item in value)
    return Truncator(str(value)).chars(60)


def _plain_decimal(value: Decimal) -> Decimal:
    return value.quantize(Decimal(1)) if value == value.to_integral() else value.normalize()
