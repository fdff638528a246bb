"""Supply–demand matchmaking (供需對接): suppliers for each buyer's need.

Files (``;`` separates list items):

- BUYERS: ``id,buyer,city,needs,volume,required_certifications``
- SUPPLIERS: ``name,city,products,capacity,certifications,regions``

``volume`` and ``capacity`` are plain numbers in one unit the two sides agree on
(e.g. tonnes per month). Buyer side: products vs needs (TF-IDF over
Traditional/Simplified/English tokens) and capacity vs volume; supplier side:
does it serve the buyer's region and is the order big enough. A required
certification the supplier lacks removes the pair with a stated reason.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TextIO

import numpy as np
from numpy.typing import NDArray

from duijie_core.matching.csvio import InputError, Loaded, read_table, split_list
from duijie_core.matching.engine import harmonic
from duijie_core.matching.model import Exclusion, Reason, Recommendation, Recommendations, Signal
from duijie_core.matching.reasons import make_reason
from duijie_core.matching.score_table import top_indices
from duijie_core.matching.signals import NEUTRAL, region_matches
from duijie_core.matching.text_model import TfidfIndex
from duijie_core.problems import Problem
from duijie_core.text import normalise

FloatArray = NDArray[np.float64]
BUYER_COLUMNS = ("id", "buyer", "city", "needs", "volume", "required_certifications")
SUPPLIER_COLUMNS = ("name", "city", "products", "capacity", "certifications", "regions")


@dataclass(frozen=True)
class Buyer:
    """A buyer's need."""

    id: str
    name: str
    city: str
    needs: str
    volume: float | None
    required_certifications: tuple[str, ...] = ()


@dataclass(frozen=True)
class Supplier:
    """A supplier's offer."""

    name: str
    city: str
    products: str
    capacity: float | None
    certifications: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()


def _number(value: str, file: str, row: int, errors: list[Problem]) -> float | None:
    if not value:
        return None
    try:
        return float(value.replace(",", ""))
    except ValueError:
        errors.append(Problem("bad_number", {"file": file, "row": row, "value": value}))
        return None


def read_buyers(handle: TextIO, name: str) -> Loaded[Buyer]:
    """BUYERS rows."""
    errors: list[Problem] = []
    rows = [
        Buyer(
            c["id"],
            c["buyer"],
            c["city"],
            c["needs"],
            _number(c["volume"], name, r, errors),
            split_list(c["required_certifications"]),
        )
        for r, c in read_table(handle, name, BUYER_COLUMNS)
    ]
    if errors:
        raise InputError(errors)
    return Loaded(rows, [])


def read_suppliers(handle: TextIO, name: str) -> Loaded[Supplier]:
    """SUPPLIERS rows."""
    errors: list[Problem] = []
    rows = [
        Supplier(
            c["name"],
            c["city"],
            c["products"],
            _number(c["capacity"], name, r, errors),
            split_list(c["certifications"]),
            split_list(c["regions"]),
        )
        for r, c in read_table(handle, name, SUPPLIER_COLUMNS)
    ]
    if errors:
        raise InputError(errors)
    return Loaded(rows, [])


def capacity_fit(volume: float | None, capacity: float | None) -> Signal:
    """Buyer side: can the supplier deliver the volume (1 if capacity ≥ volume)?"""
    if volume is None or capacity is None or volume <= 0:
        return Signal("capacity", NEUTRAL, "investor", make_reason("capacity_unknown"), known=False)
    score = min(1.0, capacity / volume)
    code = "supply_capacity" if score == 1.0 else "supply_capacity_short"
    return Signal(
        "capacity",
        score,
        "investor",
        make_reason(code, capacity=f"{capacity:g}", volume=f"{volume:g}"),
    )


def serves_fit(city: str, regions: tuple[str, ...]) -> Signal:
    """Supplier side: does the supplier serve the buyer's city?"""
    if not regions or not city:
        return Signal("serves", NEUTRAL, "project", None, known=False)
    region = next((r for r in regions if region_matches(city, r)), "")
    if region:
        return Signal("serves", 1.0, "project", make_reason("region_match", region=region))
    return Signal("serves", 0.2, "project", None)


def match_suppliers(
    buyers: Sequence[Buyer], suppliers: Sequence[Supplier], top_k: int
) -> list[Recommendations]:
    """For each buyer, the best ``top_k`` suppliers with reasons."""
    index = TfidfIndex([f"{s.products}" for s in suppliers])
    return [_for_buyer(b, suppliers, index, top_k) for b in buyers]


def _for_buyer(
    buyer: Buyer, suppliers: Sequence[Supplier], index: TfidfIndex, top_k: int
) -> Recommendations:
    text = index.scores(buyer.needs)
    rows = [
        (capacity_fit(buyer.volume, s.capacity), serves_fit(buyer.city, s.regions))
        for s in suppliers
    ]
    buyer_side = (2 * text + np.array([c.score for c, _ in rows])) / 3
    supplier_side = np.array([s.score for _, s in rows])
    combined = harmonic(buyer_side, supplier_side)
    missing = [_missing_certification(buyer, s) for s in suppliers]
    allowed = np.array([m is None for m in missing])
    items = []
    for rank, i in enumerate(top_indices(np.where(allowed, combined, -np.inf), top_k), 1):
        items.append(
            _recommendation(
                buyer,
                suppliers[int(i)],
                rank,
                float(combined[i]),
                float(buyer_side[i]),
                float(supplier_side[i]),
                float(text[i]),
                rows[int(i)],
            )
        )
    exclusions = tuple(
        Exclusion(s.name, make_reason("excluded_certification", certification=m))
        for s, m in zip(suppliers, missing, strict=True)
        if m is not None
    )
    counts = {"excluded_certification": len(exclusions)} if exclusions else {}
    return Recommendations(buyer.id, tuple(items), exclusions, counts, len(suppliers))


def _missing_certification(buyer: Buyer, supplier: Supplier) -> str | None:
    held = {normalise(c) for c in supplier.certifications}
    return next((c for c in buyer.required_certifications if normalise(c) not in held), None)


def _recommendation(
    buyer: Buyer,
    supplier: Supplier,
    rank: int,
    score: float,
    b: float,
    s: float,
    text: float,
    fits: tuple[Signal, Signal],
) -> Recommendation:
    text_reason = make_reason("supply_text", products=supplier.products) if text > 0 else None
    signals = (Signal("text", text, "investor", text_reason), *fits)
    reasons: list[Reason] = [
        sig.reason for sig in signals if sig.reason is not None and sig.score > 0
    ]
    return Recommendation(buyer.id, supplier.name, rank, score, b, s, signals, tuple(reasons))
