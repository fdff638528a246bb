"""A small CLUENER-format training file written here (our own sentences, not CLUENER's)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

PEOPLE = ["張明", "李華", "王芳", "陳偉", "劉洋", "趙敏", "黃磊", "周傑"]
COMPANIES = ["三一重工", "中聯重科", "藍思科技", "比亞迪", "湘電股份", "山河智能"]
POSITIONS = ["董事長", "總經理", "副總裁", "首席執行官"]
PLACES = ["長沙市", "株洲市", "湘潭市", "岳陽市"]
GOVERNMENTS = ["湖南省商務廳", "長沙市人民政府", "株洲市商務局"]


def _sentence(i: int) -> dict[str, object]:
    person, company = PEOPLE[i % len(PEOPLE)], COMPANIES[i % len(COMPANIES)]
    position, place = POSITIONS[i % len(POSITIONS)], PLACES[i % len(PLACES)]
    government = GOVERNMENTS[i % len(GOVERNMENTS)]
    parts = [(company, "company"), ("的", None), (position, "position"), (person, "name"),
             ("表示，公司將在", None), (place, "address"), ("投資，", None),
             (government, "government"), ("表示歡迎。", None)]  # fmt: skip
    text, label, at = "", {}, 0
    for piece, kind in parts:
        if kind:
            label.setdefault(kind, {}).setdefault(piece, []).append([at, at + len(piece) - 1])
        text += piece
        at += len(piece)
    return {"id": i, "text": text, "label": label}


@pytest.fixture(scope="session")
def small_cluener(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cluener") / "train.json"
    rows = [_sentence(i) for i in range(60)]
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    return path


@pytest.fixture(scope="session")
def small_model(small_cluener: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    from duijie_core.intel import ner

    model = tmp_path_factory.mktemp("model") / "ner.crfsuite"
    return ner.train(ner.read_cluener(small_cluener), model, max_iterations=50)
