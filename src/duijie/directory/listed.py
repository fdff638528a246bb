"""Importing the A-share listed companies of the chain knowledge graph (chain_kg).

``company.json`` holds one JSON object per line: ``name`` (short name), ``fullname`` (legal
name), ``code`` (``301079`` or ``688268.SH``), ``location`` (the exchange, not a place),
``time`` (listing date, kept as the organisation's ``listed_on``; a cell that is not a
date leaves the company undated). The data has no location field, so the headquarters is derived
from the legal name (湖南华联瓷业股份有限公司 → 湖南省; 深圳市… → 深圳市, 广东省): the city when
the name starts with one, else the province; names that reveal neither are reported.
Rows go through the same resolution and bulk writes as spreadsheet imports, so running
the import twice creates nothing new (same stock code → same organisation). Where the
source gives one stock code to several different legal names, the code and short name of
those rows are not trusted (dropped and reported).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from duijie.directory.importers import ImportPlan
from duijie.directory.importing import apply_organisation_rows, resolve_organisation_rows
from duijie.directory.models import ImportKind, OrganisationKind
from duijie.directory.resolution import regions
from duijie.reference.models import AdminDivision, DivisionLevel
from duijie_core.identifiers import IdentifierError, parse_stock_code
from duijie_core.resolution import province_from_legal_name
from duijie_core.resolution.regions import short_region_name
from duijie_core.text import normalise


@dataclass
class ListedReport:
    """What an import of listed companies did and what it could not place."""

    counts: dict[str, int] = field(default_factory=dict)
    without_place: list[str] = field(default_factory=list)
    bad_rows: list[str] = field(default_factory=list)
    conflicting_codes: list[str] = field(default_factory=list)
    without_date: list[str] = field(default_factory=list)


class Places:
    """Provinces and prefecture-level cities by normalised name (one query)."""

    def __init__(self) -> None:
        rows = list(AdminDivision.objects.values_list("pk", "code", "name", "level"))
        self.provinces = {normalise(n): (pk, code) for pk, code, n, lv in rows if lv == 1}
        self.cities = [(normalise(n), pk, code) for pk, code, n, lv in rows if lv == 2]
        self.county_cities = county_level_cities(rows)

    def division_of(self, legal_name: str) -> int | None:
        """The city (or else the province) a legal name starts with, or None."""
        province = province_from_legal_name(legal_name, regions())
        if province is None or normalise(province) not in self.provinces:
            return self.county_city_of(legal_name)
        province_pk, province_code = self.provinces[normalise(province)]
        prefix = regions().leading(normalise(legal_name).removeprefix("中国"))[0]
        for name, pk, code in self.cities:
            same_province = code.startswith(province_code)
            if same_province and len(prefix) >= 2 and prefix in (name, short_region_name(name)):
                return pk
        return province_pk

    def county_city_of(self, legal_name: str) -> int | None:
        """The county-level city a legal name starts with (昆山国力… → 昆山市), or None."""
        key = normalise(legal_name)
        for length in (4, 3, 2):
            if key[:length] in self.county_cities:
                return self.county_cities[key[:length]]
        return None


def company_row(item: dict[str, str], stock_code: str) -> dict[str, Any]:
    """A cleaned organisation row for one company."""
    return {
        "name": item["fullname"] or item["name"],
        "short_name": item["name"],
        "stock_code": stock_code,
        "kind": OrganisationKind.ENTERPRISE,
        "aliases": [],
        "listed_on": listing_date(item.get("time")),
    }


def listing_date(text: str | None) -> dt.date | None:
    """The listing date of a ``time`` cell, or None when it is not a date (86 rows of the
    real file hold the exchange's name or ``-`` there: the company is kept, undated)."""
    try:
        return dt.date.fromisoformat(text or "")
    except ValueError:
        return None


def county_level_cities(rows: list[tuple[int, str, str, int]]) -> dict[str, int]:
    """{short name: pk} of county-level cities (张家港市 → 张家港) whose short name is unique."""
    claims: dict[str, list[int]] = {}
    for pk, _code, name, level in rows:
        short = normalise(name).removesuffix("市")
        if level == DivisionLevel.COUNTY and name.endswith("市") and len(short) >= 2:
            claims.setdefault(short, []).append(pk)
    return {short: pks[0] for short, pks in claims.items() if len(pks) == 1}


def read_companies(path: Path) -> tuple[list[dict[str, Any]], list[str]]:
    """Cleaned organisation rows from company.json, and descriptions of unreadable lines."""
    rows, bad = [], []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            code = str(parse_stock_code(item["code"]))
            rows.append(company_row(item, code))
        except (ValueError, KeyError, TypeError, IdentifierError) as error:
            bad.append(f"line {number}: {error}")
    return rows, bad


def drop_conflicting_codes(rows: list[dict[str, Any]]) -> list[str]:
    """Blank the stock code and short name where the source gives one code to several names.

    (The chain_kg export has such rows: one code and short name repeated on unrelated legal
    names.) Returns "code name" of every row changed.
    """
    names: dict[str, set[str]] = {}
    for row in rows:
        names.setdefault(row["stock_code"], set()).add(row["name"])
    dropped = []
    for row in rows:
        if len(names[row["stock_code"]]) > 1:
            dropped.append(f"{row['stock_code']} {row['name']}")
            row["stock_code"] = row["short_name"] = ""
    return dropped


def import_listed_companies(path: Path, *, is_demo: bool = False) -> ListedReport:
    """Import the companies of ``path`` (company.json). Side effects: organisations."""
    report = ListedReport()
    rows, report.bad_rows = read_companies(path)
    report.conflicting_codes = drop_conflicting_codes(rows)
    places = Places()
    report.without_date = [f"{r['stock_code']} {r['name']}" for r in rows if not r["listed_on"]]
    for row in rows:
        row["hq_division"] = places.division_of(row["name"])
        if row["hq_division"] is None:
            report.without_place.append(f"{row['stock_code']} {row['name']}")
    plan = ImportPlan(kind=ImportKind.ORGANISATIONS, cleaned=rows)
    plan.resolutions = resolve_organisation_rows(plan)
    report.counts = apply_organisation_rows(plan, source="chain_kg", is_demo=is_demo)
    return report
