"""Plain factory functions for directory tests."""

from __future__ import annotations

import csv
import io
from typing import Any

from duijie.directory.keys import fill_organisation_keys
from duijie.directory.models import Organisation, OrganisationKind, Person
from duijie.directory.services import fill_person_keys
from duijie_core.identifiers import credit_code_check_char


def credit_code(body: str = "91430100MA4L00000") -> str:
    """A valid unified social credit code from its first 17 characters."""
    return body + credit_code_check_char(body)


def make_organisation(name: str = "湖南華聯瓷業股份有限公司", **fields: Any) -> Organisation:
    org = Organisation(name=name, kind=fields.pop("kind", OrganisationKind.ENTERPRISE), **fields)
    fill_organisation_keys(org)
    org.save()
    return org


def make_person(name: str = "王偉", **fields: Any) -> Person:
    person = Person(name=name, **fields)
    fill_person_keys(person)
    person.save()
    return person


def csv_bytes(rows: list[list[str]], encoding: str = "utf-8") -> bytes:
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return out.getvalue().encode(encoding)
