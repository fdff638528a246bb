"""Tests for the benchmark generator and its quality measures (tiny scale, no timing)."""

import json

from duijie_core.resolution.bench import (
    exact_name_clusters,
    main,
    pair_quality,
    review_quality,
    with_bodies,
)
from duijie_core.resolution.generator import OrgGenerator, PersonGenerator, read_listed_companies
from duijie_core.resolution.model import Cluster, Match


def test_pair_quality_counts_pairs():
    truth = {"a": 1, "b": 1, "c": 1, "d": 2}
    quality = pair_quality([["a", "b"], ["c", "d"]], truth)
    assert (quality.precision, quality.recall) == (0.5, 1 / 3)
    assert (quality.predicted_pairs, quality.true_pairs) == (2, 3)
    assert pair_quality([["a"]], {"a": 1}).precision == 1.0


def test_exact_name_and_review_clusters():
    assert exact_name_clusters(["a", "b", "c"], [["x"], ["y"], ["x", "z"]]) == [["a", "c"], ["b"]]
    clusters = (Cluster(("a", "b")), Cluster(("c",)), Cluster(("d",)))
    truth = {"a": 1, "b": 1, "c": 1, "d": 2}
    ours = pair_quality([c.keys for c in clusters], truth)
    review = [Match("b", "c", 0.8, ()), Match("c", "d", 0.7, ()), Match("a", "b", 0.75, ())]
    quality = review_quality(clusters, review, truth, ours)
    assert (quality.precision, quality.recall, quality.predicted_pairs) == (0.5, 2 / 3, 2)


def test_generators_are_deterministic(tmp_path):
    listed = tmp_path / "company.json"
    rows = [
        {
            "name": "比亚迪",
            "fullname": "比亚迪股份有限公司",
            "code": "002594",
            "location": "深圳证券交易所",
        },
        {
            "name": "华菱钢铁",
            "fullname": "湖南华菱钢铁股份有限公司",
            "code": "000932",
            "location": "深圳证券交易所",
        },
        {
            "name": "华菱",
            "fullname": "湖南华菱钢铁股份有限公司",
            "code": "000932.SZ",
            "location": "",
        },
    ]
    listed.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    seeds = read_listed_companies(listed)
    assert [r["name"] for r in seeds] == ["华菱钢铁", "比亚迪"]
    assert read_listed_companies(tmp_path / "absent.json") == []
    first = OrgGenerator(seed=3).generate(300, seeds)
    second = OrgGenerator(seed=3).generate(300, seeds)
    assert first == second
    assert len(first.records) >= 300
    assert {"original", "traditional", "suffix", "short"} <= set(first.variant_of.values())
    assert {"typo:homophone", "typo:random"} <= set(first.variant_of.values())
    people = PersonGenerator(seed=3, affiliations=[["比亚迪股份有限公司"]]).generate(400)
    assert people == PersonGenerator(seed=3, affiliations=[["比亚迪股份有限公司"]]).generate(400)
    assert {"original", "variant"} <= set(people.variant_of.values())


def test_bench_command_runs_at_tiny_scale(tmp_path, capsys):
    assert main(["--scale", "0.002", "--seed", "1", "--chain-kg", str(tmp_path / "none")]) == 0
    output = capsys.readouterr().out
    assert output.startswith("load average at start: ")
    assert "organisations: 200 records, 146 entities" in output
    assert "true duplicates in the top 100: " in output
    assert ", in the top 1,000: " in output
    assert "exact normalised name: precision" in output
    assert "s CPU (this process)" in output


def test_bench_command_runs_people_only(capsys):
    assert main(["--scale", "0.002", "--seed", "1", "--only", "people"]) == 0
    output = capsys.readouterr().out
    assert "organisations:" not in output
    assert "people: 600 records, " in output
    assert "review queue: " in output


def test_people_breakdown_counts_decisions_namesakes_and_missed_pairs():
    from duijie_core.resolution.bench import people_breakdown
    from duijie_core.resolution.generator import Generated
    from duijie_core.resolution.model import PersonRecord
    from duijie_core.resolution.people import PersonResolver

    records = (
        PersonRecord("a1", "周立新", birth_year=1975),  # a1 + a2: rare name, same year
        PersonRecord("a2", "周立新", birth_year=1975),
        PersonRecord("b1", "李娜", hometown="长沙"),  # b1 + b2 + b3: one person, missed
        PersonRecord("b2", "李娜"),
        PersonRecord("b3", "李娜", hometown="长沙", birth_year=1980),
        PersonRecord("c1", "李娜", birth_year=1990),  # another 李娜, kept apart
        *(PersonRecord(f"f{i}", f"甲{i}", birth_year=1950 + i % 40) for i in range(40)),
    )
    entity_of = {"a1": 1, "a2": 1, "b1": 2, "b2": 2, "b3": 2, "c1": 3}
    entity_of |= {f"f{i}": 10 + i for i in range(40)}
    variant_of = {key: "original" for key in entity_of} | {"c1": "namesake"}
    resolver = PersonResolver().fit(records)
    assert resolver.cluster_of_["a2"] == "a1"
    assert people_breakdown(resolver, Generated(records, entity_of, variant_of)) == [
        "automatic links decided by name_frequency: 1 true, 0 false",
        "same-name colleagues kept apart: 1 of 1",
        "missed true pairs by what they share besides the name: nothing 2, hometown 1",
    ]


def test_generated_bodies_differ_by_place_or_group_and_keep_companies_unchanged():
    plain = OrgGenerator(seed=3).generate(200, [])
    generator = OrgGenerator(seed=3)
    data = with_bodies(generator.generate(200, []), generator, 40, 3)
    assert data.records[: len(plain.records)] == plain.records
    bodies = [r for r in data.records if r.key.startswith("body")]
    originals = [r.names[0] for r in bodies if data.variant_of[r.key] == "original"]
    assert len(originals) == len(set(originals)) == 40
    assert all(n.endswith(("局", "政府", "委员会", "商会", "大学")) for n in originals)
    entities = {data.entity_of[r.key] for r in bodies}
    assert min(entities) > max(plain.entity_of.values())
    assert with_bodies(plain, generator, 0, 3) is plain


def test_people_in_cantonese_spelling_only_change_hong_kong_duplicates():
    generator = PersonGenerator(seed=5, affiliations=[["甲公司"]])
    plain = PersonGenerator(seed=5, affiliations=[["甲公司"]]).generate(2000)
    spelt = generator.generate(2000, 1.0, 6)
    changed = [k for k, kind in spelt.variant_of.items() if kind == "romanised"]
    assert changed
    by_key = {r.key: r for r in plain.records}
    for record in spelt.records:
        if record.key in changed:
            assert record.name.isascii() and " " in record.name
        else:
            assert record == by_key[record.key]


def test_romanised_line_counts_merged_flagged_and_missed(capsys):
    assert main(["--scale", "0.01", "--only", "people", "--romanised", "1.0"]) == 0
    out = capsys.readouterr().out
    assert "names in Cantonese spelling: " in out
    assert "true duplicates in the top 100: " in out
