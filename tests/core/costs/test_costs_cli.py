"""``duijie costs compare``: the example files, and exit code 2 with nothing written on errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from duijie.cli import main as duijie_main
from duijie_core.costs.cli import main

EXAMPLES = Path(__file__).parents[3] / "examples" / "costs"
PLACES = "4301,4201,4101,3601,81"


def args(out: Path, *extra: str, indicators: Path = EXAMPLES / "IND.csv") -> list[str]:
    return [
        "compare",
        "--indicators",
        str(indicators),
        "--profile",
        str(EXAMPLES / "PROFILE.json"),
        "--rates",
        str(EXAMPLES / "RATES.csv"),
        "--out",
        str(out),
        "--today",
        "2025-06-01",
        *extra,
    ]


def test_example(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "result.json"
    assert duijie_main(["costs", *args(out, "--places", PLACES)]) == 0
    assert capsys.readouterr().out == f"5 place(s), 3 complete; wrote {out}\n"
    text = out.read_text(encoding="utf-8")
    assert '"peer_average": 29275666.67,' in text  # a JSON number, two places
    result = json.loads(text)
    assert (result["profile"], result["currency"]) == ("Manufacturing plant (sample)", "CNY")
    assert result["excluded_peers"] == ["3601", "81"]
    changsha, wuhan, zhengzhou, nanchang, hong_kong = result["places"]
    # 600000 + 4320000 + 7440000 + 1140000 + 3160000 + 9264000 + 1925000
    assert (changsha["code"], changsha["annual_cost"], changsha["missing"]) == (
        "4301",
        27849000,
        [],
    )
    assert wuhan["annual_cost"] == 30563000
    assert zhengzhou["annual_cost"] == 29415000
    # 100 × 27849000 / ((27849000 + 30563000 + 29415000) / 3) = 95.126…
    assert changsha["index"] == 95.13
    assert changsha["ten_year_cost"] == 278490000
    assert changsha["items"][0] == {
        "indicator": "industrial_land_rent",
        "annual_cost": 600000,
        "ten_year_cost": 6000000,
        "source": "sample",
        "date": "2025-01-01",
        "status": None,
        "stale": False,
    }
    assert (nanchang["annual_cost"], nanchang["ten_year_cost"], nanchang["index"]) == (None,) * 3
    assert nanchang["missing"] == ["non_residential_gas"]
    # HKD at 0.9260 (the latest rate on or before the values' date): 95 × 0.926 × 50000
    assert hong_kong["items"][0]["annual_cost"] == 4398500
    assert hong_kong["missing"] == ["loan_interest"]


def test_peers_outside_the_places_and_stale_flags(tmp_path: Path) -> None:
    out = tmp_path / "result.json"
    extra = ("--places", "4301", "--peers", "4201,4101", "--max-age-days", "100")
    assert main(args(out, *extra, "--escalation", "0.03")) == 0
    result = json.loads(out.read_text(encoding="utf-8"))
    # 27849000 × (1.03¹⁰ − 1) / 0.03 = 27849000 × 11.4638793… = 319,257,574.945…
    assert result["places"][0]["ten_year_cost"] == 319257574.95
    assert result["escalation"] == 0.03
    assert result["peers"] == ["4201", "4101"]
    assert result["peer_average"] == 29989000  # (30563000 + 29415000) / 2
    assert result["places"][0]["index"] == 92.86  # 27849000 / 29989000
    assert [item["stale"] for item in result["places"][0]["items"]] == [True] * 7


def refused(tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str]) -> str:
    out = Path(argv[argv.index("--out") + 1])
    assert main(argv) == 2
    assert not out.exists()
    assert [p.name for p in out.parent.iterdir() if p.suffix != ".csv"] == []  # no temporary file
    return capsys.readouterr().err


def test_no_rate_is_exit_2_naming_the_row(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = args(tmp_path / "r.json", "--places", "81")
    argv[argv.index("--rates") : argv.index("--rates") + 2] = []
    err = refused(tmp_path, capsys, argv)
    assert (
        err
        == "error: IND.csv line 30: no HKD to CNY rate on or before 2025-01-01; cannot convert\n"
    )


def test_unit_mismatch_is_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    table = (EXAMPLES / "IND.csv").read_text(encoding="utf-8")
    bad = tmp_path / "ind.csv"
    bad.write_text(
        table.replace(
            "4301,minimum_wage,2025-01-01,1930,CNY/person/month",
            "4301,minimum_wage,2025-01-01,1930,CNY/person/day",
        ),
        encoding="utf-8",
    )
    err = refused(tmp_path, capsys, args(tmp_path / "r.json", "--places", "4301", indicators=bad))
    assert err == (
        "error: ind.csv line 8: “minimum_wage” in person-month times a price in"
        " CNY/person/day is no yearly cost\n"
    )


def test_duplicate_rows_in_chinese(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "ind.csv"
    bad.write_text(
        "place,indicator,date,value,unit,currency,source\n"
        "4301,rent,2025-01-01,1,CNY/m2/year,CNY,s\n"
        "4301,rent,2025-01-01,2,CNY/m2/year,CNY,s\n",
        encoding="utf-8",
    )
    argv = args(tmp_path / "r.json", "--places", "4301", "--language", "zh-Hant", indicators=bad)
    err = refused(tmp_path, capsys, argv)
    assert err == "error: ind.csv line 3：與 ind.csv line 2 同為 4301 rent 2025-01-01 的數值\n"


def test_an_existing_output_is_left_alone_on_error(tmp_path: Path) -> None:
    out = tmp_path / "r.json"
    out.write_text("previous", encoding="utf-8")
    assert main(args(out, "--places", "4301,4301")) == 2
    assert out.read_text(encoding="utf-8") == "previous"


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (
            ("--places", "4301", "--today", "tomorrow"),
            "error: --today: “tomorrow” is not valid (expected YYYY-MM-DD)\n",
        ),
        (
            ("--places", "4301", "--max-age-days", "-1"),
            "error: --max-age-days: “-1” is not valid (expected ≥ 0)\n",
        ),
        (("--places", ","), "error: an empty place code (places)\n"),
        (
            ("--places", "4301", "--escalation", "-1"),
            "error: --escalation: “-1” is not valid (expected > -1, e.g. 0.03)\n",
        ),
        (
            ("--places", "4301", "--escalation", "3%"),
            "error: --escalation: “3%” is not valid (expected > -1, e.g. 0.03)\n",
        ),
    ],
)
def test_bad_options(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], extra: tuple[str, ...], message: str
) -> None:
    assert refused(tmp_path, capsys, args(tmp_path / "r.json", *extra)) == message


def test_unreadable_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "none.csv"
    err = refused(tmp_path, capsys, args(tmp_path / "r.json", "--places", "1", indicators=missing))
    assert err == f"error: {missing}: cannot read (No such file or directory)\n"
    latin = tmp_path / "latin.csv"
    latin.write_bytes(
        "place,indicator,date,value,unit,currency,source\n1,é,2025-01-01,1,CNY/kWh,CNY,s\n".encode(
            "latin-1"
        )
    )
    err = refused(tmp_path, capsys, args(tmp_path / "r.json", "--places", "1", indicators=latin))
    assert err == f"error: {latin}: not UTF-8 text\n"


def test_unwritable_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "missing-folder" / "r.json"
    assert main(args(out, "--places", "4301")) == 2
    assert capsys.readouterr().err.startswith(f"error: {out}: cannot write (")
