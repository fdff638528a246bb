"""``duijie chains analyse`` / ``evaluate`` on the hand-made fixture: output and bad input."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from duijie.cli import main as duijie
from duijie_core.chains.cli import main

from .conftest import FIXTURE

LINK_KEYS = {
    "id", "name", "label", "recommendation", "sentence", "local_firms", "national_firms",
    "no_region_firms", "share", "location_quotient", "weight", "leaders", "upstream_gaps",
    "targets",
}  # fmt: skip


def run(tmp_path: Path, *extra: str, region: str = "湖南", kg: Path = FIXTURE) -> dict:
    out = tmp_path / "out.json"
    args = ["analyse", "--chain-kg", str(kg), "--region", region, "--out", str(out), *extra]
    assert duijie(["chains", *args]) == 0
    return json.loads(out.read_text(encoding="utf-8"))


def test_the_output_shape_and_the_engineering_machinery_numbers(tmp_path: Path) -> None:
    data = run(tmp_path)
    assert data["region"] == {"code": "430000", "name": "湖南省"}
    assert (data["unplaced_firms"], data["no_region_firms"]) == (2, 3)
    assert len(data["chains"]) == 11
    chain = data["chains"][0]
    assert (chain["id"], chain["name"], chain["label"]) == (
        "engineering-machinery",
        "工程机械",
        "weak",
    )
    links = {link["id"]: link for link in chain["links"]}
    assert all(set(link) == LINK_KEYS for link in chain["links"])
    machines = links["em-machines"]
    assert (machines["label"], machines["local_firms"], machines["national_firms"]) == (
        "strong",
        3,
        5,
    )
    assert machines["location_quotient"] == 1.3125
    assert machines["leaders"] == [
        {"name": "中联重科", "code": "000157"},
        {"name": "山河智能", "code": "002097"},
        {"name": "三一重工", "code": "600031"},
    ]
    assert machines["upstream_gaps"] == ["em-control", "em-hydraulics", "em-powertrain"]
    hydraulics = links["em-hydraulics"]
    assert (hydraulics["label"], hydraulics["recommendation"]) == ("missing", "build")
    [target] = hydraulics["targets"]
    assert (target["name"], target["code"], target["score"]) == ("恒立液压", "601100", 0.945)
    assert target["reasons"][0] == {
        "code": "industry_on_link",
        "params": {"industries": "640602 工程机械器件"},
    }
    assert target["reasons"][-1] == {"code": "headquarters", "params": {"province": "江苏省"}}
    assert links["em-powertrain"]["location_quotient"] is None  # no firm anywhere: no silent zero
    assert {c["code"] for c in data["conflicts"]} >= {"duplicate_code", "name_mismatch"}


def test_names_and_sentences_in_the_chosen_language(tmp_path: Path) -> None:
    data = run(tmp_path, "--language", "zh-Hant", region="430000")
    chain = data["chains"][0]
    assert chain["name"] == "工程機械"
    machines = next(link for link in chain["links"] if link["id"] == "em-machines")
    assert machines["sentence"].startswith("強鏈：工程機械整機 本地 3 家、全國 5 家，區位商 1.31")
    english = run(tmp_path, "--language", "en")["chains"][0]["links"][1]["sentence"]
    assert english.startswith("Build: Hydraulics and key components has no local firm")


def test_io_table_weights_the_links(tmp_path: Path) -> None:
    table = tmp_path / "io.csv"
    table.write_text(
        "Code,Description,DescriptionInChinese,Origin,14,16,17\n"
        "14,m,金属,Domestic,0,20,10\n16,g,通用,Domestic,0,0,25\nTI,t,总投入,TOT,100,100,100\n",
        encoding="utf-8",
    )
    links = {
        link["id"]: link for link in run(tmp_path, "--io-table", str(table))["chains"][0]["links"]
    }
    assert (links["em-steel"]["weight"], links["em-hydraulics"]["weight"]) == (0.2, 0.25)
    assert links["em-aftermarket"]["weight"] == 1.0


@pytest.mark.parametrize(
    ("change", "region", "message"),
    [
        ("none", "火星", "找不到行政区“火星”"),
        ("remove", "湖南", "找不到文件"),
        ("garble", "湖南", "company.json 第 11 行格式错误"),
    ],
)
def test_bad_input_exits_2_with_a_message_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], change: str, region: str, message: str
) -> None:
    kg = tmp_path / "kg"
    shutil.copytree(FIXTURE, kg)
    if change == "remove":
        (kg / "company_product.csv").unlink()
    if change == "garble":
        with (kg / "company.json").open("a", encoding="utf-8") as stream:
            stream.write("{garbled\n")
    out = tmp_path / "out.json"
    code = main(["analyse", "--chain-kg", str(kg), "--region", region, "--out", str(out)])
    assert code == 2
    assert message in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == [kg]


def test_a_missing_folder_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out.json"
    args = ["analyse", "--chain-kg", str(tmp_path / "nope"), "--region", "43", "--out", str(out)]
    assert main([*args, "--language", "en"]) == 2
    assert "folder not found" in capsys.readouterr().err
    assert not out.exists()


def test_evaluate_counts_per_chain(tmp_path: Path) -> None:
    out = tmp_path / "quality.json"
    assert main(["evaluate", "--chain-kg", str(FIXTURE), "--out", str(out)]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert (data["companies"], data["without_products"]) == (8, 2)
    machinery = data["chains"][0]
    assert machinery["id"] == "engineering-machinery"
    # Truth from industries: 7 companies; found from product names: all but 中联重科's
    # 混凝土机械 (no keyword) — it still has 起重机械 — and 湘钢's 中厚板 is a steel keyword.
    assert (machinery["true_positives"], machinery["false_negatives"]) == (7, 0)
    assert machinery["precision"] == 1.0


def test_an_unwritable_output_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "no" / "such" / "out.json"
    args = ["analyse", "--chain-kg", str(FIXTURE), "--region", "43", "--out", str(out)]
    assert main([*args, "--language", "en"]) == 2
    assert "cannot write" in capsys.readouterr().err
    assert not out.exists()


def test_a_region_without_firms_is_analysed_and_said(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = run(tmp_path, "--language", "en", region="新疆")
    assert "no firm is known to be headquartered in 新疆维吾尔自治区" in capsys.readouterr().err
    assert {chain["label"] for chain in data["chains"]} == {"missing"}
    assert data["no_region_firms"] == 3
