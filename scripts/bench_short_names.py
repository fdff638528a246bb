"""Short names of real listed companies against their full names (issue #15).

``python scripts/bench_short_names.py [--chain-kg PATH]``: fits the organisation resolver on
the full legal names of the A-share companies in ``chain_kg/company.json`` (development data,
read at run time, never copied into the repository), then resolves each company's short
name (证券简称, e.g. 时代电气; the markers *ST, ST, S, PT, 退市 and a closing A/B share class
removed: staff do not write them)
as a new record carrying only that name, and counts the outcomes: joined its own firm,
joined another firm, new organisation, sent to review (with its firm among the candidates
or not). Uses only the public API, so the same command runs on older code for a before /
after comparison.
"""

from __future__ import annotations

import argparse
import json
import re
import time
from collections import Counter
from pathlib import Path

from duijie_core.resolution import OrgRecord, OrgResolver, Resolution, load_regions

REPOSITORY = Path(__file__).resolve().parents[1]
CHAIN_KG = REPOSITORY.parent / "shared" / "data" / "chain_kg" / "company.json"  # ../shared
REFERENCE = REPOSITORY / "src" / "duijie" / "reference" / "data"
_MARKERS = re.compile(r"^(S?\*?ST|PT|S(?=[^A-Za-z])|退市)\s*|(?<=[^A-Za-z])[AB]$")


def companies(path: Path) -> list[tuple[str, str]]:
    """(short name, full name) per distinct full name, markers removed."""
    rows = [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]
    found = {row["fullname"]: _MARKERS.sub("", row["name"]).strip() for row in rows}
    return sorted((short, full) for full, short in found.items() if short)


def outcome(resolution: Resolution, own: str) -> str:
    """The outcome of one short name whose firm's full name has key ``own``."""
    if resolution.outcome == "existing":
        return "joined its firm" if resolution.existing_key == own else "joined another firm"
    if resolution.outcome == "review":
        listed = any(m.b == own for m in resolution.candidates)
        return "review (its firm listed)" if listed else "review (its firm not listed)"
    return "new organisation"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--chain-kg", type=Path, default=CHAIN_KG)
    args = parser.parse_args()
    pairs = companies(args.chain_kg)
    regions = load_regions(
        *(REFERENCE / f for f in ("provinces.csv", "cities.csv")),
    )
    start = time.perf_counter()
    full = [OrgRecord(f"f{i}", (name,)) for i, (_, name) in enumerate(pairs)]
    resolver = OrgResolver(regions=regions).fit(full)
    shorts = [OrgRecord(f"s{i}", (short,)) for i, (short, _) in enumerate(pairs)]
    counts = Counter(outcome(r, f"f{i}") for i, r in enumerate(resolver.resolve(shorts)))
    print(
        f"{len(pairs)} listed companies (full names fitted, short names resolved), "
        f"{time.perf_counter() - start:.1f} s"
    )
    for label in (
        "joined its firm",
        "joined another firm",
        "new organisation",
        "review (its firm listed)",
        "review (its firm not listed)",
    ):
        print(f"{label}: {counts[label]} ({counts[label] / len(pairs):.1%})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
