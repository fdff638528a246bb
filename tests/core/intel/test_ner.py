"""The entity model: CLUENER files, BIOES labels, training, tagging, scoring."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from duijie_core.intel import ner
from duijie_core.intel.errors import IntelError
from duijie_core.intel.ner import Entity, Example


def test_read_cluener_makes_ends_exclusive(small_cluener: Path) -> None:
    first = ner.read_cluener(small_cluener)[0]
    assert first.text.startswith("三一重工的董事長張明")
    assert Entity(0, 4, "company", "三一重工") in first.entities
    assert all(first.text[e.start : e.end] == e.text for e in first.entities)
    assert ner.to_cluener_label(first.entities)["company"] == {"三一重工": [[0, 3]]}


@pytest.mark.parametrize(
    ("line", "code"),
    [
        ("not json", "bad_json"),
        ('{"label": {}}', "bad_json"),
        ('{"text": "長沙", "label": {"address": {"長沙": [[0, 5]]}}}', "bad_span"),
    ],
)
def test_bad_cluener_lines_are_named(tmp_path: Path, line: str, code: str) -> None:
    path = tmp_path / "bad.json"
    path.write_text('{"text": "好"}\n' + line + "\n", "utf-8")
    with pytest.raises(IntelError) as raised:
        ner.read_cluener(path)
    assert raised.value.problem.code == code
    assert raised.value.problem.params["line"] == 2


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(IntelError) as raised:
        ner.read_cluener(tmp_path / "none.json")
    assert raised.value.problem.code == "missing_file"


def test_labels_round_trip() -> None:
    text = "張明在長沙"
    entities = [Entity(0, 2, "name", "張明"), Entity(3, 5, "address", "長沙")]
    tags = ner.labels(text, entities)
    assert tags == ["B-name", "E-name", "O", "B-address", "E-address"]
    assert ner.entities_from_labels(text, tags) == entities
    assert ner.labels("湘", [Entity(0, 1, "address", "湘")]) == ["S-address"]


def test_broken_label_sequences_still_give_spans() -> None:
    text = "ABCDE"
    tags = ["I-name", "I-name", "E-company", "B-address", "I-address"]
    assert ner.entities_from_labels(text, tags) == [
        Entity(0, 2, "name", "AB"),
        Entity(2, 3, "company", "C"),
        Entity(3, 5, "address", "DE"),
    ]


@given(
    st.lists(st.tuples(st.integers(1, 4), st.sampled_from(["name", "company", "O"])), max_size=12)
)
def test_any_entities_survive_labels(pieces: list[tuple[int, str]]) -> None:
    text, entities, at = "", [], 0
    for length, kind in pieces:
        text += "字" * length
        if kind != "O":
            entities.append(Entity(at, at + length, kind, "字" * length))
        at += length
    assert ner.entities_from_labels(text, ner.labels(text, entities)) == entities


def test_split_is_seeded_and_disjoint() -> None:
    rows = [Example(str(i), str(i), ()) for i in range(100)]
    train, held = ner.split(rows, held_out=0.2, seed=7)
    assert len(held) == 20 and len(train) == 80
    assert {r.id for r in train}.isdisjoint({r.id for r in held})
    assert ner.split(rows, held_out=0.2, seed=7) == (train, held)
    assert ner.split(rows, held_out=0.2, seed=8) != (train, held)


def test_trained_model_tags_traditional_and_simplified(small_model: Path) -> None:
    tagger = ner.Tagger(small_model)
    text = "中聯重科的總經理李華表示，公司將在株洲市投資。"
    found = {(e.type, e.text) for e in tagger.entities(text)}
    assert {("company", "中聯重科"), ("position", "總經理"), ("name", "李華")} <= found
    simplified = {(e.type, e.text) for e in tagger.entities("中联重科的总经理李华表示。")}
    assert ("company", "中联重科") in simplified


def test_training_is_deterministic(small_cluener: Path, small_model: Path, tmp_path: Path) -> None:
    again = ner.train(
        ner.read_cluener(small_cluener), tmp_path / "again.crfsuite", max_iterations=50
    )
    assert again.read_bytes() == small_model.read_bytes()


def test_missing_model_says_how_to_make_one(tmp_path: Path) -> None:
    with pytest.raises(IntelError) as raised:
        ner.Tagger(tmp_path / "none.crfsuite")
    assert raised.value.problem.code == "no_model"


def test_scores_count_exact_spans() -> None:
    gold = [
        Example("1", "張明在長沙", (Entity(0, 2, "name", "張明"), Entity(3, 5, "address", "長沙"))),
        Example("2", "李華", (Entity(0, 2, "name", "李華"),)),
    ]
    predicted = [[Entity(0, 2, "name", "張明"), Entity(3, 4, "address", "長")], []]
    scores = {s.type: s for s in ner.evaluate(gold, predicted)}
    assert (scores["name"].gold, scores["name"].predicted, scores["name"].correct) == (2, 1, 1)
    assert scores["address"].f1 == 0.0
    assert scores["all"].precision == 0.5
    assert scores["all"].recall == pytest.approx(1 / 3)
    assert scores["all"].to_json()["f1"] == round(2 * 0.5 * (1 / 3) / (0.5 + 1 / 3), 4)


def test_sentences_cut_long_text() -> None:
    text = "第一句。第二句！" + "長" * 450
    pieces = list(ner.sentences(text, longest=200))
    assert [p[0] for p in pieces][:2] == [0, 4]
    assert all(len(s) <= 200 for _, s in pieces)
    assert "".join(s for _, s in pieces) == text


def test_gazetteer_marks_longest_names() -> None:
    gazetteer = ner.Gazetteer.of({"長沙": "address", "長沙市": "address", "湘": "address"})
    assert gazetteer.marks("在長沙市") == ["", "B-address", "I-address", "I-address"]
    assert "g=B-address" in ner.features("在長沙市", gazetteer)[1]


def test_cluener_output_is_json_serialisable(small_model: Path) -> None:
    label = ner.to_cluener_label(ner.Tagger(small_model).entities("三一重工的董事長張明"))
    assert json.loads(json.dumps(label, ensure_ascii=False))["name"] == {"張明": [[8, 9]]}
