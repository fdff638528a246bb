"""scripts/fuel_prices_to_indicators.py on a tiny made-up history in the development format."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).parents[3] / "scripts" / "fuel_prices_to_indicators.py"
HISTORY = (
    "\ufeffprovince,gas89,gas92,gas95,gas98,diesel0,updated_at\n"
    "湖南,0,6.60,7.05,7.80,6.20,2021-05-17 09:00:00\n"
    "湖南,0,6.70,7.15,7.90,6.30,2021-05-17 15:00:00\n"  # the later update of the day wins
    "内蒙古,5.90,-,6.97,7.65,6.10,2021-05-17 09:00:00\n"
    "湖南,0,6.80,7.25,8.00,6.40,2021-06-01 10:00:00\n"
)
SOURCE = "wuchunfu/youjia provincial fuel price history (development data)"


def run(tmp_path: Path, history: str) -> tuple[subprocess.CompletedProcess[str], Path]:
    prices, out = tmp_path / "prices.csv", tmp_path / "IND.csv"
    prices.write_text(history, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, str(SCRIPT), str(prices), "--out", str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    return done, out


def test_converts_to_indicator_rows(tmp_path: Path) -> None:
    done, out = run(tmp_path, HISTORY)
    assert done.returncode == 0, done.stderr
    assert done.stdout == f"12 indicator rows written to {out}\n"
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "place,indicator,date,value,unit,currency,source"
    assert lines[1:] == [
        f"15,gasoline_89,2021-05-17,5.90,CNY/L,CNY,{SOURCE}",
        f"15,gasoline_95,2021-05-17,6.97,CNY/L,CNY,{SOURCE}",
        f"15,gasoline_98,2021-05-17,7.65,CNY/L,CNY,{SOURCE}",
        f"15,diesel_0,2021-05-17,6.10,CNY/L,CNY,{SOURCE}",
        f"43,gasoline_92,2021-05-17,6.70,CNY/L,CNY,{SOURCE}",
        f"43,gasoline_95,2021-05-17,7.15,CNY/L,CNY,{SOURCE}",
        f"43,gasoline_98,2021-05-17,7.90,CNY/L,CNY,{SOURCE}",
        f"43,diesel_0,2021-05-17,6.30,CNY/L,CNY,{SOURCE}",
        f"43,gasoline_92,2021-06-01,6.80,CNY/L,CNY,{SOURCE}",
        f"43,gasoline_95,2021-06-01,7.25,CNY/L,CNY,{SOURCE}",
        f"43,gasoline_98,2021-06-01,8.00,CNY/L,CNY,{SOURCE}",
        f"43,diesel_0,2021-06-01,6.40,CNY/L,CNY,{SOURCE}",
    ]


def test_an_unreadable_price_writes_nothing(tmp_path: Path) -> None:
    done, out = run(tmp_path, HISTORY.replace("6.80", "6.8O"))
    assert done.returncode == 2
    assert done.stderr == "error: IND.csv line 10: “value” “6.8O” is not a number (like 12.5)\n"
    assert not out.exists()
