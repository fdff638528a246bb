"""Exports of the directory (.csv / .xlsx), in the import column layout.

An export is a small class: its columns and rows. Values are written as a person reads
them in the active language (kinds, sizes and consent by label, places and key industries
by name; a place whose name is shared is followed by its code), and the importer reads
every one back to the same value, so re-importing an unchanged export changes nothing.
Exports honour field visibility: contact details only for users who may see personal
data and asked for them; every export of people (personal data) is logged with who and
why.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, ClassVar

from django.core.exceptions import ValidationError
from django.db.models import Prefetch, QuerySet

from duijie.directory.models import CONTACT_FIELDS, Affiliation, ImportKind, Organisation, Person
from duijie.directory.privacy import export_fields, may_read
from duijie.directory.rowforms import Lookup
from duijie.interchange.writer import CONTENT_TYPES, write_csv, write_xlsx
from duijie.reference.models import AdminDivision

LIST_JOIN = "; "


class OrganisationExport:
    """Organisations, one per row (no personal data)."""

    columns: ClassVar[list[str]] = [
        "name", "kind", "short_name", "name_en", "aliases", "credit_code", "hk_cr_no",
        "stock_code", "hq_division", "key_industries", "size", "website",
    ]  # fmt: skip

    def __init__(self, *, contacts: bool = False) -> None:
        self.contacts = contacts
        self.place = PlaceNames()

    def queryset(self) -> QuerySet[Organisation]:
        return Organisation.objects.select_related("hq_division").prefetch_related("key_industries")

    def row(self, org: Organisation) -> list[Any]:
        return [
            org.name, org.get_kind_display(), org.short_name, org.name_en,
            LIST_JOIN.join(org.aliases), org.credit_code, org.hk_cr_no, org.stock_code,
            self.place(org.hq_division), LIST_JOIN.join(str(k) for k in org.key_industries.all()),
            org.get_size_display() if org.size else "", org.website,
        ]  # fmt: skip


class PeopleExport:
    """People of the hometown network; contact columns only when ``contacts`` is set."""

    base_columns: ClassVar[list[str]] = [
        "name", "name_en", "birth_year", "hometown", "location", "schools", "languages",
        "key_industries", "organisation", "title", "consent", "consent_purpose",
    ]  # fmt: skip

    def __init__(self, *, contacts: bool = False) -> None:
        self.contacts = contacts
        self.columns = self.base_columns + (list(CONTACT_FIELDS) if contacts else [])
        self.place = PlaceNames()

    def queryset(self) -> QuerySet[Person]:
        current = Prefetch("affiliations", Affiliation.objects.filter(ended_on__isnull=True))
        return Person.objects.select_related("hometown", "location").prefetch_related(
            "schools", "key_industries", current
        )

    def row(self, person: Person) -> list[Any]:
        job = next(iter(person.affiliations.all()), None)
        values = [
            person.name, person.name_en, person.birth_year or "",
            self.place(person.hometown), self.place(person.location),
            LIST_JOIN.join(s.school for s in person.schools.all()),
            LIST_JOIN.join(person.languages),
            LIST_JOIN.join(str(k) for k in person.key_industries.all()),
            job.organisation_name if job else "", job.title if job else "",
            person.get_consent_display(), person.consent_purpose,
        ]  # fmt: skip
        if not self.contacts:
            return values
        withheld = person.consent_withheld
        return values + ["" if withheld else getattr(person, f) for f in CONTACT_FIELDS]


class PlaceNames:
    """A division as the importer reads it back: its name, or “name (code)” when the name
    alone would be read as another place or is shared by several."""

    def __init__(self) -> None:
        self.lookup = Lookup()

    def __call__(self, division: AdminDivision | None) -> str:
        if division is None:
            return ""
        name = str(division)
        try:
            unique = self.lookup.division(name) == division.pk
        except ValidationError:
            unique = False
        return name if unique else f"{name} ({division.code})"


EXPORTS: dict[str, type[OrganisationExport] | type[PeopleExport]] = {
    ImportKind.ORGANISATIONS: OrganisationExport,
    ImportKind.PEOPLE: PeopleExport,
}


@dataclass(frozen=True)
class ExportFile:
    content: bytes
    filename: str
    content_type: str


def export_directory(
    *, what: str, file_format: str, user: Any, include_contacts: bool, purpose: str
) -> ExportFile:
    """Export organisations or people for ``user``.

    People go through the privacy boundary: refused (403) for roles that may not read
    personal data; contacts of people who refused or withdrew consent stay empty.
    Side effect: exporting people writes one access record (who, fields, why, everyone
    exported).
    """
    contacts = include_contacts and what == ImportKind.PEOPLE and may_read(user)
    export = EXPORTS[what](contacts=contacts)
    records = list(export.queryset().order_by("pk"))
    if what == ImportKind.PEOPLE:
        export_fields(user=user, columns=export.columns, person_ids=[r.pk for r in records],
                      why=purpose)  # fmt: skip
    rows: Iterator[list[Any]] = (export.row(r) for r in records)
    writer = write_csv if file_format == "csv" else write_xlsx
    content = writer(list(export.columns), rows)
    return ExportFile(content, f"{what}.{file_format}", CONTENT_TYPES[file_format])
