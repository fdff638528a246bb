"""Turn the provincial fuel-price history into IND.csv rows for ``duijie costs compare``.

    .venv/bin/python scripts/fuel_prices_to_indicators.py PRICES.csv --out IND.csv

PRICES.csv is the development data set ``fuel_prices/provincial_fuel_prices.csv``
(``province,gas89,gas92,gas95,gas98,diesel0,updated_at``; rebuilt from the
wuchunfu/youjia history; no licence, so the data is never committed, only this
converter). Each province name (上海, 内蒙古 …) becomes its division code from the
reference data (31, 15 …); each fuel becomes an indicator in ``CNY/L``
(``gasoline_92``, ``diesel_0`` …); a price of 0 or "-" means "not published" and
is skipped; when a province was updated twice on one day, the later update of that
day is kept (IND.csv allows one value per place, indicator and date). The output is
read back with the cost model's own reader before it is written, so every row it
writes is accepted by ``duijie costs compare``.
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
from pathlib import Path

from duijie_core.costs.errors import CostError
from duijie_core.costs.files import INDICATOR_COLUMNS, read_indicators
from duijie_core.costs.phrases import describe
from duijie_core.files import write_output

PROVINCES = Path(__file__).parents[1] / "src" / "duijie" / "reference" / "data" / "provinces.csv"
FUELS = {
    "gas89": "gasoline_89",
    "gas92": "gasoline_92",
    "gas95": "gasoline_95",
    "gas98": "gasoline_98",
    "diesel0": "diesel_0",
}
NOT_PUBLISHED = frozenset({"", "-", "0", "0.0", "0.00"})
SOURCE = "wuchunfu/youjia provincial fuel price history (development data)"


def province_codes(path: Path = PROVINCES) -> dict[str, str]:
    """Short province name → code: 上海 → 31, 内蒙古 → 15, 广西 → 45."""
    codes = {}
    with path.open(encoding="utf-8", newline="") as stream:
        for row in csv.DictReader(stream):
            codes[row["name"]] = row["code"]
    return codes


def code_of(province: str, codes: dict[str, str]) -> str:
    """The code of the one official name starting with `province`; ValueError otherwise."""
    found = [code for name, code in codes.items() if name.startswith(province)]
    if len(found) != 1:
        raise ValueError(f"province {province!r}: {len(found)} reference names match")
    return found[0]


def latest_of_each_day(rows: list[dict[str, str]]) -> dict[tuple[str, str], dict[str, str]]:
    """(province, day) → the row of that day's last update."""
    latest: dict[tuple[str, str], dict[str, str]] = {}
    for row in sorted(rows, key=lambda r: r["updated_at"]):
        latest[(row["province"], row["updated_at"][:10])] = row
    return latest


def indicator_rows(text: str, codes: dict[str, str]) -> list[list[str]]:
    """IND.csv rows (without header) for every published price of the history in `text`."""
    rows = list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))
    out = []
    for (province, day), row in sorted(latest_of_each_day(rows).items()):
        code = code_of(province, codes)
        for column, indicator in FUELS.items():
            price = row[column].strip()
            if price not in NOT_PUBLISHED:
                out.append([code, indicator, day, price, "CNY/L", "CNY", SOURCE])
    return out


def main(argv: list[str]) -> int:
    """Convert; exit 2 (nothing written) if the result would not be accepted."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("prices")
    parser.add_argument("--out", required=True)
    args = parser.parse_args(argv)
    text = Path(args.prices).read_text(encoding="utf-8")
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(INDICATOR_COLUMNS)
    writer.writerows(indicator_rows(text, province_codes()))
    try:
        values = read_indicators(buffer.getvalue(), Path(args.out).name)
        write_output(args.out, buffer.getvalue(), CostError)
    except CostError as error:
        print(f"error: {describe(error.code, error.params, 'en')}", file=sys.stderr)
        return 2
    print(f"{len(values)} indicator rows written to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
