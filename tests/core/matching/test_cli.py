import io
from pathlib import Path

import pytest

from duijie_core.matching.cli import main

EXAMPLES = Path(__file__).resolve().parents[3] / "examples" / "matching"


def run(args: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(args, out, err)
    return code, out.getvalue(), err.getvalue()


def test_match_investors_example() -> None:
    code, out, err = run(
        [
            "investors",
            "--history",
            str(EXAMPLES / "deals.csv"),
            "--projects",
            str(EXAMPLES / "queries.csv"),
            "--investors",
            str(EXAMPLES / "investors.csv"),
            "--top",
            "2",
            "--out",
            "-",
            "--today",
            "2024-06-01",
            "--capacity",
            "2",
        ]
    )
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "id,rank,investor,score,reasons"
    assert len(lines) == 7
    assert lines[1].startswith("P001,1,湖南高新创投,")
    assert "warnings: 1 duplicate_deal, 1 future_deal" in err
    assert "row 10: duplicate of row 9, left out" in err
    assert "load before:" in err and "excluded by mandates:" in err


def test_match_projects_and_suppliers(tmp_path: Path) -> None:
    result = tmp_path / "r.csv"
    code, _, _ = run(
        [
            "projects",
            "--investors",
            str(EXAMPLES / "investors.csv"),
            "--projects",
            str(EXAMPLES / "queries.csv"),
            "--history",
            str(EXAMPLES / "deals.csv"),
            "--top",
            "1",
            "--out",
            str(result),
            "--today",
            "2024-06-01",
            "--language",
            "en",
        ]
    )
    assert code == 0
    rows = result.read_text(encoding="utf-8").splitlines()
    assert rows[0] == "id,rank,project,score,reasons"
    # 港灣綠色基金 requires an ESG certification no project holds: excluded everywhere
    assert [r.split(",")[:3] for r in rows[1:]] == [
        ["湖南高新创投", "1", "P001"],
        ["湘商產業資本", "1", "P001"],
    ]
    assert rows[2].endswith("focus region includes 湖南")
    code, out, err = run(
        [
            "suppliers",
            "--buyers",
            str(EXAMPLES / "buyers.csv"),
            "--suppliers",
            str(EXAMPLES / "suppliers.csv"),
            "--top",
            "1",
            "--out",
            "-",
            "--language",
            "en",
        ]
    )
    assert code == 0
    assert out.splitlines()[1].startswith("B01,1,永州綠源蔬菜合作社,")
    assert out.splitlines()[2].startswith("B02,1,江永香柚果業,")
    assert "left out (buyer, supplier pairs): 1 excluded_certification, 3 no_product" in err


def test_bad_files_are_named_with_rows(tmp_path: Path) -> None:
    deals = tmp_path / "d.csv"
    deals.write_text("date,company,investors\n2020-01-01,x,y\n", encoding="utf-8")
    code, _, err = run(
        [
            "investors",
            "--history",
            str(deals),
            "--projects",
            str(EXAMPLES / "queries.csv"),
            "--out",
            "-",
        ]
    )
    assert code == 2
    assert (
        err == f"error: {deals}: missing column(s) in the header: "
        "industry, city, round, amount, description\n"
    )
    queries = tmp_path / "q.csv"
    queries.write_text(
        "id,date,company,industry,city,round,amount,description\nA,2024-13-01,,,,,,\nA,2024-01-01,,,,,,\n",
        encoding="utf-8",
    )
    code, _, err = run(
        [
            "investors",
            "--history",
            str(EXAMPLES / "deals.csv"),
            "--projects",
            str(queries),
            "--out",
            "-",
        ]
    )
    assert code == 2
    assert err.splitlines() == [
        f"error: {queries}, row 2: date '2024-13-01' is not YYYY-MM-DD",
        f"error: {queries}, row 3: id 'A' is empty or repeated",
    ]
    code, _, err = run(
        [
            "investors",
            "--history",
            str(tmp_path / "none.csv"),
            "--projects",
            str(queries),
            "--out",
            "-",
        ]
    )
    assert (code, err) == (2, f"error: {tmp_path / 'none.csv'}: no such file\n")


def test_unreadable_amount_warns(tmp_path: Path) -> None:
    deals = tmp_path / "d.csv"
    deals.write_text(
        "date,company,industry,city,round,amount,description,investors\n"
        "2020-01-01,x,,,,很多錢,,甲\n2020-01-02,y,,,,,,未披露\n",
        encoding="utf-8",
    )
    code, out, err = run(
        [
            "investors",
            "--history",
            str(deals),
            "--projects",
            str(EXAMPLES / "queries.csv"),
            "--top",
            "1",
            "--out",
            "-",
            "--today",
            "2024-06-01",
        ]
    )
    assert code == 0
    assert "warnings: 1 no_investors, 1 unreadable_amount" in err
    assert out.splitlines()[1].startswith("P001,1,甲,")


def test_usage_error_exits() -> None:
    with pytest.raises(SystemExit):
        run(["investors"])
