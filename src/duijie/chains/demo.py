"""Demo: the shipped chains are loaded by migration; place the demo firms on their links."""

from __future__ import annotations

import random

from duijie.chains.services import load_shipped_chains, place_firms
from duijie.reference.models import Edition


def populate(*, rng: random.Random, scale: int, edition: Edition) -> dict[str, int]:
    """Side effects: any shipped chain missing is created; every firm is placed again."""
    return {"chains": load_shipped_chains(), "chain_placements": place_firms()}
