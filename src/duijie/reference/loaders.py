"""Idempotent loaders of the reference data shipped in ``reference/data``.

Each loader can run any number of times: rows are matched on their code and
updated in place, never duplicated.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

from django.db import transaction

from duijie.reference.models import (
    AdminDivision,
    DivisionLevel,
    Industry,
    KeyIndustry,
    PromotionMethod,
)
from duijie.reference.names import names_in
from duijie.reference.romanise import romanise_division
from duijie_core.text import to_traditional

DATA_DIR = Path(__file__).resolve().parent / "data"
# Synthetic province codes for the special administrative regions (national standard prefixes).
SAR_CODES = {"香港特别行政区": "81", "澳门特别行政区": "82", "台湾省": "71"}


def _read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def division_rows(data_dir: Path = DATA_DIR) -> list[tuple[str, str, int, str | None]]:
    """(code, name, level, parent code) for every division, parents first."""
    rows: list[tuple[str, str, int, str | None]] = []
    rows += [
        (r["code"], r["name"], DivisionLevel.PROVINCE, None)
        for r in _read_csv(data_dir / "provinces.csv")
    ]
    rows += [
        (r["code"], r["name"], DivisionLevel.CITY, r["provinceCode"])
        for r in _read_csv(data_dir / "cities.csv")
    ]
    rows += [
        (r["code"], r["name"], DivisionLevel.COUNTY, r["cityCode"])
        for r in _read_csv(data_dir / "areas.csv")
    ]
    return rows + _sar_rows(data_dir)


def _sar_rows(data_dir: Path) -> list[tuple[str, str, int, str | None]]:
    tree = json.loads((data_dir / "HK-MO-TW.json").read_text(encoding="utf-8"))
    rows: list[tuple[str, str, int, str | None]] = []
    for province, cities in tree.items():
        code = SAR_CODES[province]
        rows.append((code, province, DivisionLevel.PROVINCE, None))
        for i, (city, counties) in enumerate(cities.items(), start=1):
            city_code = f"{code}{i:02d}"
            rows.append((city_code, city, DivisionLevel.CITY, code))
            rows += [
                (f"{city_code}{j:02d}", c, DivisionLevel.COUNTY, city_code)
                for j, c in enumerate(counties, 1)
            ]
    return rows


def division_english_names(data_dir: Path = DATA_DIR) -> dict[str, str]:
    """Published English names by division code (``division_names_en.json``)."""
    names = json.loads((data_dir / "division_names_en.json").read_text(encoding="utf-8"))
    return {code: name for code, name in names.items() if not code.startswith("_")}


def division_names(code: str, name: str, published: dict[str, str]) -> dict[str, object]:
    """The derived names of one division: Traditional, English, and whether English is Pinyin."""
    english = published.get(code)
    return {
        "name": name,
        "name_hant": to_traditional(name),
        "name_en": english or romanise_division(name),
        "name_en_romanised": english is None,
    }


DIVISION_NAME_FIELDS = ["name", "name_hant", "name_en", "name_en_romanised"]


@transaction.atomic
def load_divisions(data_dir: Path = DATA_DIR) -> int:
    """Create or update every administrative division; returns how many rows exist.

    Names are derived every time (a corrected glossary or English table reaches
    existing rows); only rows whose parent or names changed are written.
    """
    rows = division_rows(data_dir)
    published = division_english_names(data_dir)
    existing = set(AdminDivision.objects.values_list("code", flat=True))
    fresh = [
        AdminDivision(code=code, level=level, **division_names(code, name, published))
        for code, name, level, _parent in rows
        if code not in existing
    ]
    AdminDivision.objects.bulk_create(fresh, batch_size=1000)
    by_code = {d.code: d for d in AdminDivision.objects.all()}
    changed = []
    for code, name, _level, parent in rows:
        division = by_code[code]
        wanted = division_names(code, name, published)
        wanted["parent_id"] = by_code[parent].pk if parent and parent in by_code else None
        if any(getattr(division, field) != value for field, value in wanted.items()):
            for field, value in wanted.items():
                setattr(division, field, value)
            changed.append(division)
    AdminDivision.objects.bulk_update(changed, ["parent", *DIVISION_NAME_FIELDS], batch_size=1000)
    return len(by_code)


def industry_rows(
    path: Path = DATA_DIR / "gbt4754_2017.csv",
) -> list[tuple[str, str, int, str | None, str]]:
    """(code, name, level, parent code, remark) for GB/T 4754-2017, parents first.

    The source lacks some level-3 groups; a class whose group is missing hangs
    off its division instead. Where the source repeats a code (it lists 374
    twice), the first entry wins.
    """
    rows = _read_csv(path)
    codes = {_industry_code(r) for r in rows}
    out: list[tuple[str, str, int, str | None, str]] = []
    seen: set[str] = set()
    for r in rows:
        if _industry_code(r) in seen:
            continue
        seen.add(_industry_code(r))
        level = int(r["level"])
        chain = [r["class1"], r["class2"], r["class3"], r["class4"]][: level - 1]
        parent = next((c for c in reversed(chain) if c and c in codes), None)
        out.append((_industry_code(r), r["name"], level, parent, r["remark"]))
    return out


def _industry_code(row: dict[str, str]) -> str:
    return [row["class1"], row["class2"], row["class3"], row["class4"]][int(row["level"]) - 1]


def industry_english_names(path: Path = DATA_DIR / "gbt4754_2017_en.csv") -> dict[str, str]:
    """The NBS English names of the GB/T 4754-2017 sections and divisions, by code."""
    return {row["code"]: row["name_en"] for row in _read_csv(path)}


@transaction.atomic
def load_industries(path: Path = DATA_DIR / "gbt4754_2017.csv") -> int:
    """Create or update the GB/T 4754 tree; returns how many industries exist.

    Names: the source's (Simplified, trimmed), Traditional derived, English from
    ``gbt4754_2017_en.csv`` where it has the code.
    """
    english = industry_english_names(path.parent / "gbt4754_2017_en.csv")
    rows = [
        (code, {"name": name.strip(), "name_hant": to_traditional(name.strip()),
                "name_en": english.get(code, ""), "remark": remark}, level, parent)
        for code, name, level, parent, remark in industry_rows(path)
    ]  # fmt: skip
    existing = set(Industry.objects.values_list("code", flat=True))
    Industry.objects.bulk_create(
        [Industry(code=c, level=lv, **names) for c, names, lv, _p in rows if c not in existing],
        batch_size=1000,
    )
    by_code = {i.code: i for i in Industry.objects.all()}
    changed = []
    for code, names, _level, parent in rows:
        industry = by_code[code]
        wanted = names | {"parent_id": by_code[parent].pk if parent else None}
        if any(getattr(industry, field) != value for field, value in wanted.items()):
            for field, value in wanted.items():
                setattr(industry, field, value)
            changed.append(industry)
    Industry.objects.bulk_update(
        changed, ["parent", "name", "name_hant", "name_en", "remark"], batch_size=1000
    )
    return len(by_code)


@transaction.atomic
def load_key_industries(path: Path = DATA_DIR / "key_industries.json") -> int:
    """Create or update the key industries listed in ``path`` with their GB/T mapping."""
    entries = json.loads(path.read_text(encoding="utf-8"))
    for order, entry in enumerate(entries, start=1):
        key_industry, _created = KeyIndustry.objects.update_or_create(
            code=entry["code"],
            defaults={k: entry[k] for k in ("name", "name_hant", "name_en")} | {"order": order},
        )
        key_industry.industries.set(Industry.objects.filter(code__in=entry.get("gbt", [])))
    return len(entries)


@transaction.atomic
def load_promotion_methods(path: Path = DATA_DIR / "promotion_methods.json") -> int:
    """Create or update the shipped promotion methods; staff-added ones are kept."""
    entries = json.loads(path.read_text(encoding="utf-8"))
    for order, entry in enumerate(entries, start=1):
        PromotionMethod.objects.update_or_create(
            code=entry["code"],
            defaults={k: entry[k] for k in ("name", "name_hant", "name_en", "description")}
            | {"order": order},
        )
    return len(entries)


def load_all() -> dict[str, int]:
    """Load every kind of reference data; returns counts by kind.

    Side effect: clears the process's cache of reference names (:func:`names_in`)."""
    counts = {
        "divisions": load_divisions(),
        "industries": load_industries(),
        "key_industries": load_key_industries(),
        "promotion_methods": load_promotion_methods(),
    }
    names_in.cache_clear()
    return counts
