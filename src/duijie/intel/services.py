"""Reading a news document into proposed facts, and turning reviewed facts into pipeline work.

The reading itself is the pure core (:mod:`duijie_core.intel`): repair, entities, amounts,
dates, events. This layer adds what only the database knows: the directory's
organisations (a gazetteer on top of the entity model, and the entity resolution that
links a name to a record), the deals a project was already reported under (so the same
project in two articles or two years is one deal), and the reviewer's decisions.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import cache
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from duijie.catalogue.models import Project
from duijie.directory.models import Organisation
from duijie.directory.resolution import fitted_org_resolver
from duijie.intel.models import Document, Fact, FactKind, FactStatus
from duijie.pipeline.models import Deal, Evidence, Stage
from duijie.pipeline.phrases import PipelineError
from duijie.pipeline.services import create_deal, move_deal
from duijie_core.intel.errors import IntelError
from duijie_core.intel.extract import MONEY
from duijie_core.intel.ingest import Document as ReadDocument
from duijie_core.intel.ner import Entity, Gazetteer, Tagger, sentences
from duijie_core.intel.reading import Reading, read_news
from duijie_core.resolution import OrgRecord
from duijie_core.text import normalise

#: Entity types that name organisations (linked to the directory and reviewed as facts).
ORGANISATION_TYPES = ("company", "government", "organization")
#: The pipeline stage each milestone event is evidence of.
EVENT_STAGES = {
    "signed": Stage.SIGNED,
    "land_acquired": Stage.LAND_ACQUIRED,
    "construction_started": Stage.CONSTRUCTION_STARTED,
    "topped_out": Stage.TOPPED_OUT,
    "operating": Stage.OPERATING,
    "opened": Stage.OPERATING,
}
#: Two project names this alike (after script folding) are the same project.
SAME_PROJECT = 0.85


class IntelReviewError(Exception):
    """A fact that cannot be accepted as asked; ``message`` says what to do instead."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


# --- finding entities ------------------------------------------------------------------


def model_path() -> Path:
    """Where the trained entity model lives (``DUIJIE_NER_MODEL`` or var/models)."""
    return Path(settings.INTEL_NER_MODEL)


@cache
def _tagger(path: Path, stamp: float) -> Tagger:
    return Tagger(path)


def entity_model() -> Tagger | None:
    """The trained entity model, or None when none has been trained on this installation."""
    path = model_path()
    if not path.is_file():
        return None
    return _tagger(path, path.stat().st_mtime)


@dataclass
class DirectoryFinder:
    """The entity model (when trained) plus every directory organisation's name as a gazetteer."""

    model: Tagger | None
    gazetteer: Gazetteer

    def entities(self, text: str) -> list[Entity]:
        found = self.model.entities(text) if self.model is not None else []
        taken = [(e.start, e.end) for e in found]
        view = normalise_offsets(text)
        marks = self.gazetteer.marks(view)
        at = 0
        while at < len(marks):
            if marks[at].startswith("B-"):
                end = at + 1
                while end < len(marks) and marks[end].startswith("I-"):
                    end += 1
                if all(end <= s or at >= e for s, e in taken):
                    found.append(Entity(at, end, marks[at][2:], text[at:end]))
                at = end
            else:
                at += 1
        return sorted(found)


def normalise_offsets(text: str) -> str:
    """``text`` folded for matching (Simplified, casefolded) when that keeps every offset."""
    folded = normalise(text)
    return folded if len(folded) == len(text) else text


def directory_gazetteer() -> Gazetteer:
    """Directory organisation names (full and short), folded, as ``company`` names."""
    names: dict[str, str] = {}
    for name, short in Organisation.objects.values_list("name", "short_name"):
        for written in (name, short):
            if written and len(written) >= 3:
                names[normalise(written)] = "company"
    return Gazetteer.of(names)


def entity_finder() -> DirectoryFinder:
    return DirectoryFinder(entity_model(), directory_gazetteer())


# --- reading a document into a plan ----------------------------------------------------


@dataclass
class ProposedFact:
    kind: str
    label: str
    text: str
    start: int
    end: int
    value: dict[str, Any] = field(default_factory=dict)
    organisation: Organisation | None = None
    project: Project | None = None
    deal: Deal | None = None
    reported_before: Document | None = None


@dataclass
class DocumentPlan:
    """What confirming would store: the document and its proposed facts (nothing written)."""

    fields: dict[str, Any]
    reading: Reading
    facts: list[ProposedFact]
    duplicate_of: Document | None
    has_model: bool


def fingerprint(text: str) -> str:
    """The same text (whitespace and script aside) gives the same fingerprint."""
    return hashlib.sha256("".join(normalise(text).split()).encode("utf-8")).hexdigest()


def plan_document(document: ReadDocument, *, kind: str, fields: dict[str, Any]) -> DocumentPlan:
    """Repair and read ``document``; link its organisations and projects; write nothing."""
    finder = entity_finder()
    published_on = fields["published_on"]
    reading = read_news(document.text, finder, published_on)
    duplicate = Document.objects.filter(fingerprint=fingerprint(document.text)).first()
    facts = _organisation_facts(reading) + _project_facts(reading) + _other_facts(reading)
    stored = {
        **fields,
        "kind": kind,
        "encoding": document.encoding,
        "title": fields.get("title") or document.title or _first_line(reading.text),
    }
    return DocumentPlan(
        stored,
        reading,
        sorted(facts, key=lambda f: (f.start, f.kind)),
        duplicate,
        finder.model is not None,
    )


def _first_line(text: str) -> str:
    line = next((line.strip() for line in text.splitlines() if line.strip()), "")
    return line[:80]


def _organisation_facts(reading: Reading) -> list[ProposedFact]:
    named = [e for e in reading.entities if e.type in ORGANISATION_TYPES]
    if not named:
        return []
    resolutions = fitted_org_resolver().resolve(
        [OrgRecord(str(i), (e.text,)) for i, e in enumerate(named)]
    )
    ids = [int(r.existing_key) for r in resolutions if r.existing_key is not None]
    found = Organisation.objects.in_bulk(ids)
    facts = []
    for entity, resolution in zip(named, resolutions, strict=True):
        organisation = (
            found.get(int(resolution.existing_key)) if resolution.existing_key is not None else None
        )
        candidates = [c.b for c in resolution.candidates][:3]
        facts.append(
            ProposedFact(
                FactKind.ORGANISATION,
                entity.type,
                entity.text,
                entity.start,
                entity.end,
                {"candidates": candidates},
                organisation=organisation,
            )
        )
    return facts


def _project_facts(reading: Reading) -> list[ProposedFact]:
    facts = []
    for entity in (e for e in reading.entities if e.type == "project"):
        deal, before = known_project(entity.text)
        listed = catalogue_project(entity.text)
        if deal is None and listed is not None:
            deal = Deal.objects.filter(project=listed).order_by("pk").first()
        facts.append(
            ProposedFact(
                FactKind.PROJECT,
                "project",
                entity.text,
                entity.start,
                entity.end,
                project=listed,
                deal=deal,
                reported_before=before,
            )
        )
    return facts


def catalogue_project(name: str) -> Project | None:
    """The catalogue project of that name (any edition, latest first), in either script."""
    rows = Project.objects.only("pk", "name_hant", "name_hans").order_by("-pk")[:5000]
    for project in rows:
        if any(n and _same_project(n, name) for n in (project.name_hant, project.name_hans)):
            return project
    return None


def _other_facts(reading: Reading) -> list[ProposedFact]:
    facts = [
        ProposedFact(
            FactKind.AMOUNT,
            a.unit,
            a.text,
            a.start,
            a.end,
            {"value": str(a.value), "unit": a.unit, "currency": a.currency},
        )
        for a in reading.amounts
        if a.unit == MONEY
    ]
    for event in reading.events:
        deal = known_project(event.project)[0] if event.project else None
        start = event.start + event.text.find(event.trigger)
        facts.append(
            ProposedFact(
                FactKind.EVENT,
                event.type,
                event.trigger,
                start,
                start + len(event.trigger),
                {"date": event.date, "project": event.project},
                deal=deal,
            )
        )
    return facts


def _same_project(a: str, b: str) -> bool:
    key_a, key_b = normalise(a), normalise(b)
    if key_a == key_b or (min(len(key_a), len(key_b)) >= 6 and (key_a in key_b or key_b in key_a)):
        return True
    return SequenceMatcher(None, key_a, key_b).ratio() >= SAME_PROJECT


def known_project(name: str) -> tuple[Deal | None, Document | None]:
    """The deal a project was already reported under (and the document), or (None, None)."""
    earlier = Fact.objects.filter(kind=FactKind.PROJECT).exclude(status=FactStatus.REJECTED)
    for fact in earlier.select_related("deal", "document").order_by("-pk")[:500]:
        if _same_project(fact.text, name):
            return fact.deal, fact.document
    for deal in Deal.objects.only("pk", "title", "title_en").order_by("-pk")[:2000]:
        if _same_project(deal.title, name):
            return deal, None
    return None, None


@transaction.atomic
def commit_plan(
    plan: DocumentPlan, *, by: object, original: bytes = b"", filename: str = ""
) -> Document:
    """Store the document, the file it was read from (``original``, as uploaded) and its
    proposed facts (one transaction)."""
    reading = plan.reading
    document = Document.objects.create(
        **plan.fields,
        original_text=reading.repair.original,
        text=reading.text,
        edits=[_edit_json(e) for e in reading.repair.edits],
        fingerprint=fingerprint(reading.repair.original),
        added_by=by,
    )
    if original:
        document.original.save(filename or "document.bin", ContentFile(original), save=True)
    Fact.objects.bulk_create(
        Fact(
            document=document,
            kind=f.kind,
            label=f.label,
            text=f.text[:500],
            start=f.start,
            end=f.end,
            value=f.value,
            organisation=f.organisation,
            project=f.project,
            deal=f.deal,
        )
        for f in plan.facts
    )
    return document


def _edit_json(edit: Any) -> dict[str, Any]:
    return {
        "kind": edit.kind,
        "start": edit.start,
        "end": edit.end,
        "repaired_start": edit.repaired_start,
        "repaired_end": edit.repaired_end,
        "before": edit.before,
        "after": edit.after,
    }


def read_error_text(error: IntelError, language: str) -> str:
    from duijie_core.intel.phrases import describe

    return describe(error.problem.code, error.problem.params, language)


# --- the document page -----------------------------------------------------------------


def sentence_of(text: str, start: int) -> tuple[int, str]:
    """(offset, sentence) of the sentence holding ``start``."""
    for offset, sentence in sentences(text):
        if offset <= start < offset + len(sentence):
            return offset, sentence
    return 0, text


def highlighted(text: str, marks: Sequence[tuple[int, int, str, str]]) -> list[dict[str, Any]]:
    """``text`` cut into pieces, each with the mark (class, title) covering it, if any.

    ``marks`` are ``(start, end, css_class, title)``; overlapping marks keep the first.
    """
    pieces: list[dict[str, Any]] = []
    at = 0
    for start, end, css, title in sorted(marks):
        if start < at:
            continue
        if start > at:
            pieces.append({"text": text[at:start]})
        pieces.append({"text": text[start:end], "css": css, "title": title, "at": start})
        at = end
    if at < len(text):
        pieces.append({"text": text[at:]})
    return pieces


# --- review ----------------------------------------------------------------------------


def _reviewed(fact: Fact, status: str, by: object) -> Fact:
    fact.status = status
    fact.reviewed_by = by  # type: ignore[assignment]
    fact.reviewed_at = timezone.now()
    fact.save()
    return fact


@transaction.atomic
def reject_fact(fact: Fact, *, by: object) -> Fact:
    return _reviewed(fact, FactStatus.REJECTED, by)


@transaction.atomic
def accept_fact(
    fact: Fact,
    *,
    by: object,
    today: dt.date,
    link: str,
    organisation: Organisation | None = None,
    investor: Organisation | None = None,
) -> Fact:
    """Accept ``fact``: an organisation is linked, a project becomes a lead (or joins the deal
    it was reported under), a milestone becomes dated stage evidence on its project's deal.

    ``link`` is the address of the fact on the document page (the evidence's link back).
    Raises IntelReviewError with what to do when the fact cannot be accepted as it stands.
    """
    if fact.kind == FactKind.ORGANISATION and organisation is not None:
        fact.organisation = organisation
    elif fact.kind == FactKind.PROJECT and fact.deal is None:
        fact.deal = _lead_for(fact, by=by, today=today, link=link, investor=investor)
    elif fact.kind == FactKind.EVENT:
        _evidence_for(fact, by=by, today=today, link=link)
    return _reviewed(fact, FactStatus.ACCEPTED, by)


def investor_choices(fact: Fact) -> list[Organisation]:
    """Organisations of the document linked to the directory, those in the fact's sentence first."""
    offset, sentence = sentence_of(fact.document.text, fact.start)
    linked = fact.document.facts.filter(
        kind=FactKind.ORGANISATION, organisation__isnull=False
    ).exclude(status=FactStatus.REJECTED)
    near = [f.organisation for f in linked if offset <= f.start < offset + len(sentence)]
    rest = [f.organisation for f in linked if f.organisation not in near]
    return list(dict.fromkeys(o for o in [*near, *rest] if o is not None))


def _sentence_amount(fact: Fact) -> Fact | None:
    offset, sentence = sentence_of(fact.document.text, fact.start)
    return (
        fact.document.facts.filter(
            kind=FactKind.AMOUNT, start__gte=offset, start__lt=offset + len(sentence)
        )
        .exclude(status=FactStatus.REJECTED)
        .first()
    )


def _lead_for(
    fact: Fact, *, by: object, today: dt.date, link: str, investor: Organisation | None
) -> Deal:
    investor = investor or next(iter(investor_choices(fact)), None)
    if investor is None:
        raise IntelReviewError(
            _(
                "No investor is known for this project: accept the investor's organisation "
                "in this document (linked to the directory) first, then accept the project."
            )
        )
    _offset, sentence = sentence_of(fact.document.text, fact.start)
    amount = _sentence_amount(fact)
    return create_deal(
        title=fact.text,
        project=fact.project,
        investor=investor,
        owner=by,
        opened_on=today,
        amount_text=amount.text if amount is not None else "",
        currency_code=(amount.value.get("currency") if amount is not None else None) or "CNY",
        notes=_("From the news: {title} ({link}): {sentence}").format(
            title=fact.document.title, link=link, sentence=sentence.strip()
        ),
    )


def event_day(value: str | None, published_on: dt.date) -> dt.date:
    """The day a milestone happened: the date read, its first day when only a month or year
    was given, and the document's date when none was."""
    if not value:
        return published_on
    parts = [int(p) for p in value.split("-")]
    return dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)


def _evidence_for(fact: Fact, *, by: object, today: dt.date, link: str) -> None:
    deal = fact.deal or _project_deal(fact)
    if deal is None:
        raise IntelReviewError(
            _(
                "This milestone's project has no deal yet: accept the project first (it becomes "
                "a lead), then accept the milestone."
            )
        )
    stage = EVENT_STAGES[fact.label]
    fact.deal = deal
    if deal.stage >= stage:
        return  # the deal is already there: the fact stays as a source, no stage change
    _offset, sentence = sentence_of(fact.document.text, fact.start)
    on = event_day(fact.value.get("date"), fact.document.published_on)
    try:
        move_deal(
            deal=deal,
            to_stage=stage,
            on=on,
            by=by,
            evidence_kind=Evidence.LINK,
            evidence_link=link,
            evidence_note=sentence.strip(),
            today=today,
        )
    except PipelineError as error:
        raise IntelReviewError(" ".join(error.messages)) from error


def _project_deal(fact: Fact) -> Deal | None:
    project = fact.value.get("project")
    if not project:
        return None
    same = fact.document.facts.filter(kind=FactKind.PROJECT, deal__isnull=False)
    for other in same:
        if _same_project(other.text, project):
            return other.deal
    return known_project(project)[0]
