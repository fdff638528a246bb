"""The listed-company knowledge graph: a folder shaped like chain_kg, read and checked.

Files used: ``company.json`` (one JSON object a line: name, fullname, code, location, time),
``company_industry.json`` (company_code, company_name, industry_code, industry_name),
``company_product.csv`` (company_code, product_name, rel, rel_weight) and ``industry.json``
(code, name). Stock codes are compared on their six digits (``000157.SZ`` = ``000157``).

The data has errors of its own; they are reported as conflicts, never silently trusted:

- ``duplicate_code``: one stock code carries several different full names (e.g. the rows named
  龙软科技 carry the full names of 三一重工, 中国中车, …): none of those full names is used
  (the short name is kept when all the rows agree on it);
- ``name_mismatch``: fewer than two characters of the short name occur in the full name;
- ``name_disagrees``: company.json and company_industry.json give the code different short names
  (risk-warning marks such as *ST aside; most are renames, some are wrong rows);
- ``odd_weights``: product revenue shares outside 0–1 (balancing items, negative segments):
  kept as given, counted as 0 for scale.
"""

from __future__ import annotations

import csv
import io
import json
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from duijie_core.chains.errors import ChainError
from duijie_core.problems import Problem, problem

FILES = ("company.json", "company_industry.json", "company_product.csv", "industry.json")
_SUFFIXES = ("股份有限公司", "有限责任公司", "有限公司", "集团", "股份")


@dataclass(frozen=True)
class Company:
    """A listed company as the knowledge graph knows it, with what can be trusted."""

    code: str
    name: str
    fullname: str  # "" when unknown or in conflict
    industries: tuple[str, ...] = ()  # Shenwan codes
    products: tuple[tuple[str, float], ...] = ()  # (product name, revenue share as given)


@dataclass(frozen=True)
class KnowledgeGraph:
    """Companies by code, industry names, and the conflicts found while reading."""

    companies: tuple[Company, ...]
    industry_names: dict[str, str]
    conflicts: tuple[Problem, ...]


def stock_code(text: str) -> str:
    """The six digits of a stock code (``000157.SZ`` → ``000157``)."""
    return text.strip().split(".")[0]


def read_folder(folder: Path) -> KnowledgeGraph:
    """Read the knowledge graph in `folder`; a missing file or malformed line raises ChainError."""
    if not folder.is_dir():
        raise ChainError("missing_folder", where=str(folder))
    texts = {name: _read(folder / name) for name in FILES}
    return read_texts(texts)


def read_texts(texts: dict[str, str]) -> KnowledgeGraph:
    """The knowledge graph from the text of each file in :data:`FILES`."""
    industries = {
        row["code"]: row["name"]
        for row in _json_lines(texts["industry.json"], "industry.json", ("code", "name"))
    }
    listing = list(_json_lines(texts["company.json"], "company.json", ("name", "fullname", "code")))
    memberships = list(
        _json_lines(
            texts["company_industry.json"],
            "company_industry.json",
            ("company_code", "industry_code"),
        )
    )
    products = _products(texts["company_product.csv"])
    conflicts: list[Problem] = []
    by_code: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in listing:
        by_code[stock_code(str(row["code"]))].append(row)
    names: dict[str, str] = {}
    fullnames: dict[str, str] = {}
    for code, rows in by_code.items():
        distinct = sorted({str(r["fullname"]) for r in rows})
        if len(distinct) > 1:
            conflicts.append(
                problem(
                    "duplicate_code",
                    code=code,
                    name=str(rows[0]["name"]),
                    count=len(distinct),
                    fullnames="、".join(distinct),
                )
            )
            if len({str(r["name"]) for r in rows}) == 1:
                names[code] = str(rows[0]["name"])
            continue
        name, fullname = str(rows[0]["name"]), distinct[0]
        names[code] = name
        if _consistent(name, fullname):
            fullnames[code] = fullname
        else:
            conflicts.append(problem("name_mismatch", code=code, name=name, fullname=fullname))
    by_company: dict[str, list[str]] = defaultdict(list)
    for row in memberships:
        code = stock_code(str(row["company_code"]))
        by_company[code].append(str(row["industry_code"]))
        other = str(row.get("company_name", ""))
        if code in names and other and _bare(other) != _bare(names[code]):
            conflicts.append(problem("name_disagrees", code=code, name=names[code], other=other))
        elif code not in names and other:
            names[code] = other
    for code, offered in products.items():
        names.setdefault(code, "")
        odd = [p for p, w in offered if not 0 <= w <= 1]
        if odd:
            conflicts.append(
                problem("odd_weights", code=code, count=len(odd), products="、".join(odd))
            )
    companies = tuple(
        Company(
            code=code,
            name=names[code],
            fullname=fullnames.get(code, ""),
            industries=tuple(dict.fromkeys(by_company.get(code, ()))),
            products=tuple(products.get(code, ())),
        )
        for code in sorted(names)
    )
    return KnowledgeGraph(companies, industries, tuple(conflicts))


def _consistent(name: str, fullname: str) -> bool:
    """True when at least two characters of the short name occur in the full name."""
    short = _bare(name)
    for suffix in _SUFFIXES:
        short = short.removesuffix(suffix)
    present = {character for character in short if character in fullname}
    return len(present) >= min(2, len(set(short)))


def _bare(name: str) -> str:
    """A short name without risk-warning marks (ST, *ST, S), share class and delisting notes."""
    bare = name.replace("*", "").replace("(退市)", "").removesuffix("-U").strip()
    bare = bare.removeprefix("S").removeprefix("ST") if bare[:2] in ("ST", "SS") else bare
    return bare.rstrip("ABＡＢ") if len(bare) > 2 else bare


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ChainError("missing_file", where=str(path)) from None
    except UnicodeDecodeError:
        raise ChainError("not_utf8", where=str(path)) from None
    except OSError as error:
        raise ChainError(
            "cannot_read", where=str(path), reason=error.strerror or str(error)
        ) from None


def _json_lines(text: str, where: str, required: tuple[str, ...]) -> Iterator[dict[str, Any]]:
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError:
            raise ChainError("bad_line", where=where, line=number) from None
        if not isinstance(row, dict) or any(row.get(key) in (None, "") for key in required):
            raise ChainError("bad_line", where=where, line=number)
        yield row


def _products(text: str) -> dict[str, list[tuple[str, float]]]:
    where = "company_product.csv"
    reader = csv.reader(io.StringIO(text))
    header = next(reader, None)
    columns = ("company_code", "product_name", "rel_weight")
    if header is None or any(column not in header for column in columns):
        raise ChainError("bad_header", where=where, columns=", ".join(columns))
    code_at, product_at, weight_at = (header.index(column) for column in columns)
    found: dict[str, list[tuple[str, float]]] = defaultdict(list)
    for number, row in enumerate(reader, start=2):
        if not row:
            continue
        try:
            weight = float(row[weight_at])
            code, product = stock_code(row[code_at]), row[product_at].strip()
        except (IndexError, ValueError):
            raise ChainError("bad_line", where=where, line=number) from None
        if not code or not product or weight != weight:
            raise ChainError("bad_line", where=where, line=number)
        found[code].append((product, weight))
    return found
