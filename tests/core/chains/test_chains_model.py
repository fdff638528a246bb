"""Chains as data: validation problems, the shipped definitions, input–output weights."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from duijie_core.chains.errors import ChainError
from duijie_core.chains.model import (
    Chain,
    Link,
    Names,
    io_weights,
    read_chains,
    read_io_shares,
    shipped_chains,
    validate,
)
from duijie_core.problems import problem

REFERENCE = Path(__file__).resolve().parents[3] / "src" / "duijie" / "reference" / "data"


def link(key: str, *upstream: str, keywords: tuple[str, ...] = ("k",), io: str = "") -> Link:
    return Link(key, Names(key, key, key), keywords=keywords, upstream=upstream, io_sector=io)


def chain(*links: Link) -> Chain:
    return Chain("c", Names("c", "c", "c"), links)


def test_a_sound_chain_has_no_problems() -> None:
    assert validate(chain(link("a"), link("b", "a"), link("c", "a", "b"))) == ()


def test_cycle_dangling_duplicate_and_unmapped_links_are_problems_not_crashes() -> None:
    found = validate(
        chain(
            link("a", "c"), link("b", "a"), link("c", "b"), link("d", "zz"), link("d", keywords=())
        )
    )
    assert set(found) == {
        problem("duplicate_link", chain="c", link="d"),
        problem("dangling_link", chain="c", link="d", upstream="zz"),
        problem("unmapped_link", chain="c", link="d"),
        problem("cycle", chain="c", links="a → c → b → a"),
    }


def test_a_self_loop_and_an_empty_chain() -> None:
    assert validate(chain(link("a", "a"))) == (problem("cycle", chain="c", links="a → a"),)
    assert validate(chain()) == (problem("chain_without_links", chain="c"),)


def test_shipped_chains_are_the_five_clusters_and_ten_key_industries_all_valid() -> None:
    chains = shipped_chains()
    clusters = {c.id for c in chains if "cluster" in c.kinds}
    assert clusters == {
        "engineering-machinery", "rail-transit", "aerospace", "electronic-information",
        "power-equipment",
    }  # fmt: skip
    keys = {row["code"] for row in json.loads((REFERENCE / "key_industries.json").read_text())}
    assert {c.id for c in chains if "key-industry" in c.kinds} == keys
    for each in chains:
        assert validate(each) == ()
        assert len(each.links) >= 4


def test_shipped_gbt_codes_exist_in_the_classification() -> None:
    with (REFERENCE / "gbt4754_2017.csv").open(encoding="utf-8") as stream:
        known = {
            row["class4"] or row["class3"] or row["class2"] or row["class1"]
            for row in csv.DictReader(stream)
        }
    used = {(c.id, k.id, code) for c in shipped_chains() for k in c.links for code in k.gbt}
    assert {item for item in used if item[2] not in known} == set()


def test_read_chains_names_the_bad_field() -> None:
    with pytest.raises(ChainError) as raised:
        read_chains('{"chains": [{"id": "x", "name": "X", "links": [{"id": "a", "name": 3}]}]}')
    assert raised.value.problem == problem("bad_chain_file", where="chains.json: x", field="a.name")
    with pytest.raises(ChainError) as raised:
        read_chains("{", "mine.json")
    assert raised.value.problem.code == "bad_json"


IO_TABLE = [
    ["Code", "Description", "DescriptionInChinese", "Origin", "14", "16", "17", "TIU"],
    ["14", "Metal", "金属", "Domestic", "10", "30", "20", "0"],
    ["16", "General", "通用", "Domestic", "0", "10", "30", "0"],
    ["14", "Metal", "金属", "Imports", "10", "0", "0", "0"],
    ["TI", "Total input", "总投入", "TOT", "100", "200", "100", "0"],
]


def test_io_shares_add_domestic_and_imports_and_divide_by_total_input() -> None:
    shares = read_io_shares(IO_TABLE, "io.csv")
    assert shares["14", "14"] == pytest.approx(0.2)
    assert shares["14", "16"] == pytest.approx(0.15)
    assert shares["16", "17"] == pytest.approx(0.3)


def test_link_weight_is_the_largest_downstream_input_share_and_end_links_weigh_one() -> None:
    shares = read_io_shares(IO_TABLE, "io.csv")
    made = chain(
        link("steel", io="14"),
        link("parts", "steel", io="16"),
        link("m", "steel", "parts", io="17"),
    )
    assert io_weights(made, shares) == pytest.approx({"steel": 0.2, "parts": 0.3, "m": 1.0})


def test_a_malformed_io_row_names_its_line() -> None:
    with pytest.raises(ChainError) as raised:
        read_io_shares([*IO_TABLE[:2], ["16", "x", "y", "Domestic", "a", "1", "1", "0"]], "io.csv")
    assert raised.value.problem == problem("bad_io_table", where="io.csv", line=3)
