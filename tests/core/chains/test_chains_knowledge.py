"""Reading a chain_kg folder: companies by code, and the conflicts it carries."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from duijie_core.chains.errors import ChainError
from duijie_core.chains.knowledge import read_folder
from duijie_core.problems import problem

from .conftest import FIXTURE


def test_companies_are_the_union_of_the_files_keyed_by_six_digits() -> None:
    graph = read_folder(FIXTURE)
    by_code = {c.code: c for c in graph.companies}
    assert sorted(by_code) == [
        "000001", "000157", "000425", "002097", "300999", "600031", "600999", "601100",
        "688078", "688086",
    ]  # fmt: skip
    assert by_code["000157"].industries == ("640601",)
    assert by_code["000157"].products == (("混凝土机械", 0.44), ("起重机械", 0.33))
    sany = by_code["600031"]  # only in the industry file: its name from there, no full name
    assert (sany.name, sany.fullname) == ("三一重工", "")


def test_conflicts_are_reported_and_the_doubtful_full_names_not_trusted() -> None:
    graph = read_folder(FIXTURE)
    by_code = {c.code: c for c in graph.companies}
    assert set(graph.conflicts) == {
        problem(
            "duplicate_code", code="688078", name="龙软科技", count=2,
            fullnames="三一重工股份有限公司、中国建筑股份有限公司",
        ),
        problem(
            "name_mismatch", code="688086", name="紫晶存储", fullname="辽宁禾丰牧业股份有限公司"
        ),
        problem("name_disagrees", code="000001", name="湘钢板材", other="湘钢股份"),
        problem("odd_weights", code="600031", count=1, products="平衡项目"),
    }  # fmt: skip
    assert (by_code["688078"].name, by_code["688078"].fullname) == ("龙软科技", "")
    assert by_code["688086"].fullname == ""
    assert by_code["000157"].fullname == "中联重科股份有限公司"


def test_a_missing_folder_or_file_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ChainError) as raised:
        read_folder(tmp_path / "absent")
    assert raised.value.problem.code == "missing_folder"
    shutil.copytree(FIXTURE, tmp_path / "kg")
    (tmp_path / "kg" / "industry.json").unlink()
    with pytest.raises(ChainError) as raised:
        read_folder(tmp_path / "kg")
    assert raised.value.problem == problem(
        "missing_file", where=str(tmp_path / "kg" / "industry.json")
    )


@pytest.mark.parametrize(
    ("name", "line", "where", "number"),
    [
        ("company.json", "{not json", "company.json", 11),
        ("company_industry.json", '{"company_code": "1"}', "company_industry.json", 9),
        ("company_product.csv", "000157.SZ,x,主营产品,abc", "company_product.csv", 12),
    ],
)
def test_a_malformed_line_names_file_and_line(
    tmp_path: Path, name: str, line: str, where: str, number: int
) -> None:
    shutil.copytree(FIXTURE, tmp_path / "kg")
    with (tmp_path / "kg" / name).open("a", encoding="utf-8") as stream:
        stream.write(line + "\n")
    with pytest.raises(ChainError) as raised:
        read_folder(tmp_path / "kg")
    assert raised.value.problem == problem("bad_line", where=where, line=number)
