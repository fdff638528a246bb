"""CSV files of the batch command: readers with row-numbered problems, a safe writer.

Errors (missing columns, unreadable dates) make a whole file fail with
:class:`InputError`; warnings (unreadable amounts, duplicated or future-dated
deals, deals without named investors) are returned alongside the rows. Row
numbers count the header as row 1, as spreadsheets do. Lists inside a cell are
separated by ``;``.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TextIO

from duijie_core.matching.model import Deal, InvestorProfile, Mandate, ProjectQuery, Ties
from duijie_core.money import (
    Amount,
    AmountError,
    Money,
    UnknownAmount,
    amount_midpoint,
    parse_amount,
)
from duijie_core.problems import Problem
from duijie_core.tabular import escape_cell
from duijie_core.text import normalise

DEAL_COLUMNS = (
    "date",
    "company",
    "industry",
    "city",
    "round",
    "amount",
    "description",
    "investors",
)
QUERY_COLUMNS = ("id", "date", "company", "industry", "city", "round", "amount", "description")
QUERY_OPTIONAL = (
    "instrument",
    "certifications",
    "wants",
    "currencies",
    "investor_regions",
    "hometowns",
    "schools",
    "met",
)
INVESTOR_COLUMNS = ("name",)
INVESTOR_OPTIONAL = (
    "kind",
    "location",
    "currencies",
    "industries",
    "excluded_industries",
    "ticket_min",
    "ticket_max",
    "regions",
    "excluded_regions",
    "stages",
    "instruments",
    "required_certifications",
    "thesis",
    "hometowns",
    "schools",
    "capacity",
)
PLACEHOLDER_INVESTORS = frozenset(
    {"未披露", "未披露机构", "未透露", "未知", "undisclosed", "n/a", "--"}
)


class InputError(Exception):
    """A file that cannot be used; ``problems`` say where and why."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = list(problems)


@dataclass(frozen=True)
class Loaded[T]:
    """Rows read from a file, with the warnings found on the way."""

    rows: list[T]
    warnings: list[Problem]


def split_list(cell: str) -> tuple[str, ...]:
    """``"a; b;;c"`` → ``("a", "b", "c")``."""
    return tuple(part.strip() for part in cell.split(";") if part.strip())


def read_table(
    handle: TextIO, name: str, required: Sequence[str]
) -> list[tuple[int, dict[str, str]]]:
    """Rows as (row number, cells) after checking the header names every required column."""
    reader = csv.DictReader(handle)
    header = [h.strip().lstrip("\ufeff") for h in reader.fieldnames or []]
    missing = [c for c in required if c not in header]
    if missing:
        raise InputError(
            [Problem("missing_columns", {"file": name, "columns": ", ".join(missing)})]
        )
    reader.fieldnames = header
    return [
        (n, {k: (v or "").strip() for k, v in row.items() if k}) for n, row in enumerate(reader, 2)
    ]


def _date(value: str, name: str, row: int, problems: list[Problem]) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        problems.append(Problem("bad_date", {"file": name, "row": row, "value": value}))
        return dt.date.min


def _amount(value: str, name: str, row: int, warnings: list[Problem]) -> Amount:
    if not value:
        return UnknownAmount("")
    try:
        return parse_amount(value)
    except AmountError:
        warnings.append(Problem("unreadable_amount", {"file": name, "row": row, "value": value}))
        return UnknownAmount(value)


def read_deals(handle: TextIO, name: str, *, today: dt.date) -> Loaded[Deal]:
    """DEALS rows; future-dated and duplicated rows are reported and left out."""
    errors: list[Problem] = []
    warnings: list[Problem] = []
    deals: list[Deal] = []
    seen: dict[tuple[object, ...], int] = {}
    for row, cells in read_table(handle, name, DEAL_COLUMNS):
        deal = _deal(cells, name, row, errors, warnings)
        key = (
            deal.date,
            normalise(deal.company),
            normalise(deal.round),
            tuple(sorted(map(normalise, deal.investors))),
        )
        if deal.date > today:
            warnings.append(
                Problem("future_deal", {"file": name, "row": row, "date": str(deal.date)})
            )
        elif key in seen:
            warnings.append(
                Problem("duplicate_deal", {"file": name, "row": row, "first": seen[key]})
            )
        else:
            seen[key] = row
            deals.append(deal)
    if errors:
        raise InputError(errors)
    return Loaded(deals, warnings)


def _deal(
    cells: dict[str, str], name: str, row: int, errors: list[Problem], warnings: list[Problem]
) -> Deal:
    investors = tuple(
        i for i in split_list(cells["investors"]) if normalise(i) not in PLACEHOLDER_INVESTORS
    )
    if not investors:
        warnings.append(Problem("no_investors", {"file": name, "row": row}))
    return Deal(
        date=_date(cells["date"], name, row, errors),
        company=cells["company"],
        investors=investors,
        industry=cells["industry"],
        city=cells["city"],
        round=cells["round"],
        amount=_amount(cells["amount"], name, row, warnings),
        description=cells["description"],
        row=row,
    )


def read_queries(handle: TextIO, name: str) -> Loaded[ProjectQuery]:
    """QUERIES (or PROJECTS) rows; ``id`` must be unique."""
    errors: list[Problem] = []
    warnings: list[Problem] = []
    queries: list[ProjectQuery] = []
    ids: set[str] = set()
    for row, c in read_table(handle, name, QUERY_COLUMNS):
        if not c["id"] or c["id"] in ids:
            errors.append(Problem("bad_id", {"file": name, "row": row, "value": c["id"]}))
        ids.add(c["id"])
        queries.append(
            ProjectQuery(
                id=c["id"],
                date=_date(c["date"], name, row, errors),
                company=c["company"],
                industry=c["industry"],
                city=c["city"],
                round=c["round"],
                amount=_amount(c["amount"], name, row, warnings),
                description=c["description"],
                instrument=c.get("instrument", ""),
                certifications=split_list(c.get("certifications", "")),
                wants=c.get("wants", ""),
                currencies=split_list(c.get("currencies", "")),
                investor_regions=split_list(c.get("investor_regions", "")),
                ties=_ties(c),
            )
        )
    if errors:
        raise InputError(errors)
    return Loaded(queries, warnings)


def _ties(c: dict[str, str]) -> Ties:
    return Ties(
        split_list(c.get("hometowns", "")),
        split_list(c.get("schools", "")),
        split_list(c.get("met", "")),
    )


def read_investors(handle: TextIO, name: str) -> Loaded[InvestorProfile]:
    """INVESTORS (mandates) rows."""
    errors: list[Problem] = []
    warnings: list[Problem] = []
    profiles = []
    for row, c in read_table(handle, name, INVESTOR_COLUMNS):
        if not c["name"]:
            errors.append(Problem("empty_name", {"file": name, "row": row}))
        if c.get("kind", "") not in ("", "strategic", "financial"):
            errors.append(Problem("bad_kind", {"file": name, "row": row, "value": c["kind"]}))
        profiles.append(_profile(c, name, row, errors, warnings))
    if errors:
        raise InputError(errors)
    return Loaded(profiles, warnings)


def _profile(
    c: dict[str, str], name: str, row: int, errors: list[Problem], warnings: list[Problem]
) -> InvestorProfile:
    mandate = Mandate(
        industries=split_list(c.get("industries", "")),
        excluded_industries=split_list(c.get("excluded_industries", "")),
        ticket_min=_money(c.get("ticket_min", ""), name, row, warnings),
        ticket_max=_money(c.get("ticket_max", ""), name, row, warnings),
        regions=split_list(c.get("regions", "")),
        excluded_regions=split_list(c.get("excluded_regions", "")),
        stages=split_list(c.get("stages", "")),
        instruments=split_list(c.get("instruments", "")),
        required_certifications=split_list(c.get("required_certifications", "")),
    )
    return InvestorProfile(
        name=c["name"],
        kind=c.get("kind", ""),
        location=c.get("location", ""),
        currencies=split_list(c.get("currencies", "")),
        thesis=c.get("thesis", ""),
        mandate=mandate,
        ties=_ties(c),
        capacity=_capacity(c.get("capacity", ""), name, row, errors),
    )


def _money(value: str, name: str, row: int, warnings: list[Problem]) -> Money | None:
    return amount_midpoint(_amount(value, name, row, warnings)) if value else None


def _capacity(value: str, name: str, row: int, errors: list[Problem]) -> int | None:
    if not value:
        return None
    if not value.isdigit():
        errors.append(Problem("bad_capacity", {"file": name, "row": row, "value": value}))
        return None
    return int(value)


def write_rows(handle: TextIO, header: Sequence[str], rows: Iterable[Sequence[object]]) -> None:
    """Write a CSV with formula-safe text cells."""
    writer = csv.writer(handle, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([escape_cell(v) if isinstance(v, str) else v for v in row])


def open_text(path: str) -> TextIO:
    """Open a UTF-8 (optionally BOM-prefixed) CSV for reading."""
    return open(path, encoding="utf-8-sig", newline="")
