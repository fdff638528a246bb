"""Benchmark and quality check of news intelligence (docs/intel.md, docs/benchmarks.md).

    .venv/bin/python scripts/bench_intel.py --cluener ../shared/data/cluener/train.json \
        --model var/models/ner.crfsuite [--seed 2025]

1. Entity quality on the held-out split (the same seeded split ``duijie intel train`` uses),
   against the simplest alternative: a longest-match dictionary of every entity string of
   the training part.
2. Speed of tagging 1,000 held-out sentences sampled at random (model and dictionary).
3. Speed of repair + extraction of a 12,000-character page made of random held-out
   sentences laid out as a PDF would extract them: hard-wrapped at 18 characters, a
   fake-bold headline written twice piece by piece, captions repeated.
"""

from __future__ import annotations

import argparse
import random
import time
from datetime import date
from pathlib import Path

from duijie_core.intel import ner
from duijie_core.intel.extract import amounts, dates, events, projects
from duijie_core.intel.reading import read_news
from duijie_core.intel.repair import repair


def dictionary_tagger(training: list[ner.Example]) -> ner.Gazetteer:
    names: dict[str, str] = {}
    for example in training:
        for entity in example.entities:
            names.setdefault(entity.text, entity.type)
    return ner.Gazetteer.of(names)


def dictionary_entities(gazetteer: ner.Gazetteer, text: str) -> list[ner.Entity]:
    tags = [f"{m[0]}-{m[2:]}" if m else "O" for m in gazetteer.marks(text)]
    return ner.entities_from_labels(text, tags)


def page(sentences: list[str], rng: random.Random, size: int = 12_000) -> str:
    headline = "湖南—香港投融資對接洽談會在港舉行"
    lines = ["".join(c * 2 for c in headline), ""]
    caption = "圖為洽談會現場。"
    written = 0
    while written < size:
        paragraph = "".join(rng.choice(sentences) for _ in range(4))
        lines.extend(paragraph[i : i + 18] for i in range(0, len(paragraph), 18))
        lines.append("")
        if rng.random() < 0.2:
            lines.extend([caption, ""])
        written += len(paragraph)
    return "\n".join(lines)


def timed(function, *args):  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    result = function(*args)
    return result, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cluener", type=Path, required=True)
    parser.add_argument("--model", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=2025)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    training, held_out = ner.split(ner.read_cluener(args.cluener), seed=args.seed)
    tagger = ner.Tagger(args.model)
    dictionary = dictionary_tagger(training)

    print(f"held out: {len(held_out)} sentences, training: {len(training)}")
    for name, find in (
        ("CRF model", tagger.entities),
        ("dictionary of training entities", lambda t: dictionary_entities(dictionary, t)),
    ):
        scores = ner.evaluate(held_out, [find(e.text) for e in held_out])
        macro = sum(s.f1 for s in scores[:-1]) / len(scores[:-1])
        overall = scores[-1]
        print(f"{name}: micro P {overall.precision:.3f} R {overall.recall:.3f} "
              f"F1 {overall.f1:.3f}; macro F1 {macro:.3f}")  # fmt: skip
        for score in scores[:-1]:
            print(f"    {score.type:<13} F1 {score.f1:.3f} ({score.gold} gold)")

    sample = [e.text for e in rng.sample(held_out, 1000)]
    _, model_seconds = timed(lambda: [tagger.entities(t) for t in sample])
    _, dict_seconds = timed(lambda: [dictionary_entities(dictionary, t) for t in sample])
    print(
        f"tag 1,000 random sentences: model {model_seconds:.2f} s, dictionary {dict_seconds:.2f} s"
    )

    text = page([e.text for e in held_out], rng)
    repaired, repair_seconds = timed(repair, text)
    _, rules_seconds = timed(
        lambda: (amounts(repaired.text), dates(repaired.text, date(2025, 5, 16)),
                 events(repaired.text, date(2025, 5, 16)), projects(repaired.text))
    )  # fmt: skip
    reading, whole_seconds = timed(read_news, text, tagger, date(2025, 5, 16))
    print(
        f"page of {len(text):,} characters ({len(repaired.edits)} repairs): repair "
        f"{repair_seconds:.2f} s, amounts/dates/events {rules_seconds:.2f} s, "
        f"repair + all extraction with the model {whole_seconds:.2f} s "
        f"({len(reading.entities)} entities)"
    )


if __name__ == "__main__":
    main()
