"""Benchmark: resolve generated organisations and people, against exact-name matching.

Run ``python -m duijie_core.resolution.bench --scale 1.0`` (100,000 organisation and
300,000 person records at scale 1). Pure core timing (no database). Pairwise precision and
recall are computed against the generator's ground truth, for the resolver's automatic
clusters and for the simplest alternative (same normalised name = same entity).
"""

from __future__ import annotations

import argparse
import os
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path
from typing import Any

from duijie_core.resolution.generator import (
    Generated,
    OrgGenerator,
    PersonGenerator,
    read_listed_companies,
)
from duijie_core.resolution.linkage import LabelledUnionFind
from duijie_core.resolution.model import Cluster, Match, OrgRecord, PersonRecord
from duijie_core.resolution.names import name_key
from duijie_core.resolution.orgs import OrgResolver
from duijie_core.resolution.people import (
    PROFILE_FIELDS,
    PersonResolver,
    PreparedPerson,
    person_name_key,
)
from duijie_core.resolution.regions import DEFAULT_REGIONS, load_regions

REFERENCE = Path(__file__).resolve().parents[2] / "duijie" / "reference" / "data"
CHAIN_KG = Path(__file__).resolve().parents[4] / "shared" / "data" / "chain_kg" / "company.json"
"""The development data folder beside the repository (``../shared/data``)."""


@dataclass(frozen=True)
class Quality:
    """Pairwise precision and recall of a clustering against the ground truth."""

    precision: float
    recall: float
    predicted_pairs: int
    true_pairs: int
    correct_pairs: int = 0


def _pairs(n: int) -> int:
    return n * (n - 1) // 2


def pair_quality(clusters: Sequence[Sequence[str]], entity_of: dict[str, int]) -> Quality:
    """Precision and recall over record pairs (computed by counting, not enumerating)."""
    predicted = sum(_pairs(len(c)) for c in clusters)
    true = sum(_pairs(n) for n in Counter(entity_of.values()).values())
    correct = sum(_pairs(n) for c in clusters for n in Counter(entity_of[k] for k in c).values())
    return Quality(
        correct / predicted if predicted else 1.0,
        correct / true if true else 1.0,
        predicted,
        true,
        correct,
    )


def exact_name_clusters(keys: Sequence[str], names: Sequence[Sequence[str]]) -> list[list[str]]:
    """The simplest alternative: records sharing a normalised name are one entity."""
    finder = LabelledUnionFind([[] for _ in keys])
    first: dict[str, int] = {}
    for position, record_names in enumerate(names):
        for name in record_names:
            finder.join(first.setdefault(name, position), position)
    return [[keys[i] for i in group] for group in finder.groups()]


def review_quality(
    clusters: tuple[Cluster, ...], review: Sequence[Match], entity_of: dict[str, int], ours: Quality
) -> Quality:
    """Review pairs not already in one cluster: share that are true duplicates (precision) and
    recall if staff accepted exactly the true ones (pairs counted directly, not transitively)."""
    cluster_of = {key: c.canonical for c in clusters for key in c.keys}
    fresh = [m for m in review if cluster_of[m.a] != cluster_of[m.b]]
    right = len({(m.a, m.b) for m in fresh if entity_of[m.a] == entity_of[m.b]})
    return Quality(
        right / len(fresh) if fresh else 1.0,
        (ours.correct_pairs + right) / ours.true_pairs if ours.true_pairs else 1.0,
        len(fresh),
        ours.true_pairs,
        right,
    )


def top_precision(review: Sequence[Match], entity_of: dict[str, int], top: int = 1000) -> float:
    """Share of true duplicates among the first ``top`` pairs of a ranked review queue."""
    head = review[:top]
    return sum(entity_of[m.a] == entity_of[m.b] for m in head) / len(head) if head else 1.0


def _timed[T](work: Callable[[], T]) -> tuple[T, float]:
    start = time.perf_counter()
    result = work()
    return result, time.perf_counter() - start


def recall_by_variant(
    clusters: tuple[Cluster, ...], data: Generated[OrgRecord]
) -> dict[str, float]:
    """Share of non-original records put in the same cluster as their entity's original."""
    cluster_of = {key: c.canonical for c in clusters for key in c.keys}
    original = {data.entity_of[k]: k for k, v in data.variant_of.items() if v == "original"}
    found: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for key, kind in data.variant_of.items():
        if kind != "original":
            total[kind] += 1
            found[kind] += cluster_of[key] == cluster_of[original[data.entity_of[key]]]
    return {kind: found[kind] / total[kind] for kind in sorted(total)}


def with_bodies(
    data: Generated[OrgRecord], generator: OrgGenerator, count: int, seed: int
) -> Generated[OrgRecord]:
    """``data`` plus ``count`` public bodies, chambers and universities (own random stream)."""
    if count <= 0:
        return data
    extra = generator.bodies(count, seed + 1, max(data.entity_of.values()) + 1)
    return Generated(
        data.records + extra.records,
        data.entity_of | extra.entity_of,
        data.variant_of | extra.variant_of,
    )


def bench_orgs(
    n: int, seed: int, chain_kg: Path | None, bodies: int = 0, reimport: bool = True
) -> list[str]:
    """Generate, resolve and score organisations; return report lines."""
    regions = (
        load_regions(REFERENCE / "provinces.csv", REFERENCE / "cities.csv", REFERENCE / "areas.csv")
        if (REFERENCE / "cities.csv").exists()
        else DEFAULT_REGIONS
    )
    listed = read_listed_companies(chain_kg)
    generator = OrgGenerator(seed=seed, regions=regions)
    data, t_gen = _timed(
        lambda: with_bodies(generator.generate(n, listed), generator, bodies, seed)
    )
    resolver, t_fit = _timed(lambda: OrgResolver(regions=regions).fit(data.records))
    review = resolver.review_queue(limit=None)
    again, t_resolve = _timed(lambda: resolver.resolve(data.records) if reimport else [])
    keys = [r.key for r in data.records]
    names = [[name_key(x) for x in (*r.names, *r.english_names)] for r in data.records]
    baseline, t_base = _timed(lambda: exact_name_clusters(keys, names))
    ours = pair_quality([c.keys for c in resolver.clusters_], data.entity_of)
    simple = pair_quality(baseline, data.entity_of)
    new = sum(r.outcome == "new" for r in again)
    lines = [
        f"organisations: {len(data.records)} records, {len(set(data.entity_of.values()))} "
        f"entities ({len(listed)} listed-company seeds), {ours.true_pairs} true duplicate pairs",
        f"generate {t_gen:.1f} s; fit+cluster {t_fit:.1f} s; re-import resolve {t_resolve:.1f} s "
        f"(new: {new}, review: {sum(r.outcome == 'review' for r in again)}); "
        f"exact-name baseline {t_base:.1f} s",
        _quality_line("resolver (automatic)", ours),
        _quality_line("exact normalised name", simple),
        f"review queue (pairs >= 0.70 not merged): {len(review)}; true duplicates in the "
        f"top 100: {top_precision(review, data.entity_of, 100):.3f}, "
        f"in the top 1,000: {top_precision(review, data.entity_of):.3f}",
        _reviewed(resolver, review, data, ours),
        "recall by variant: "
        + ", ".join(f"{k} {v:.3f}" for k, v in recall_by_variant(resolver.clusters_, data).items()),
    ]
    return lines


def bench_people(
    n: int, seed: int, affiliations: list[list[str]], romanised: float = 0.0
) -> list[str]:
    """Generate, resolve and score people; return report lines."""
    generator = PersonGenerator(seed=seed, affiliations=affiliations)
    data, t_gen = _timed(lambda: generator.generate(n, romanised, seed + 1))
    resolver, t_fit = _timed(lambda: PersonResolver().fit(data.records))
    review = resolver.review_queue(limit=None)
    keys = [r.key for r in data.records]
    baseline, t_base = _timed(
        lambda: exact_name_clusters(keys, [[person_name_key(r.name)] for r in data.records])
    )
    ours = pair_quality([c.keys for c in resolver.clusters_], data.entity_of)
    simple = pair_quality(baseline, data.entity_of)
    return [
        f"people: {len(data.records)} records, {ours.true_pairs} true duplicate pairs",
        f"generate {t_gen:.1f} s; fit+cluster {t_fit:.1f} s; exact-name baseline {t_base:.1f} s",
        _quality_line("resolver (automatic)", ours),
        _quality_line("exact normalised name", simple),
        f"review queue: {len(review)}; true duplicates in the top 100: "
        f"{top_precision(review, data.entity_of, 100):.3f}, in the top 1,000: "
        f"{top_precision(review, data.entity_of):.3f}",
        romanised_line(resolver, review, data),
        _reviewed(resolver, review, data, ours),
        *people_breakdown(resolver, data),
    ]


def romanised_line(
    resolver: PersonResolver, review: Sequence[Match], data: Generated[PersonRecord]
) -> str:
    """How the records written in Cantonese spelling fared: merged with their person, in
    the review queue with them, or missed."""
    spelt = [k for k, kind in data.variant_of.items() if kind == "romanised"]
    entity, cluster = data.entity_of, resolver.cluster_of_
    first = {entity[k]: k for k, kind in data.variant_of.items() if kind == "original"}
    merged = sum(cluster[k] == cluster[first[entity[k]]] for k in spelt)
    queued = {m.a for m in review} | {m.b for m in review}
    flagged = sum(cluster[k] != cluster[first[entity[k]]] and k in queued for k in spelt)
    return (
        f"names in Cantonese spelling: {len(spelt)}, merged with their person {merged}, "
        f"in the review queue {flagged}, missed {len(spelt) - merged - flagged}"
    )


def people_breakdown(resolver: PersonResolver, data: Generated[PersonRecord]) -> list[str]:
    """How the name-frequency rule decides, what happens to same-name colleagues (the
    generator's ``namesake`` records), and what the missed true pairs share."""
    cluster, entity = resolver.cluster_of_, data.entity_of
    decided = [
        m
        for m in resolver.matches_
        if m.score >= resolver.threshold and any(e.rule == "name_frequency" for e in m.evidence)
    ]
    right = sum(entity[m.a] == entity[m.b] for m in decided)
    entities_in: dict[str, set[int]] = defaultdict(set)
    for key, canonical in cluster.items():
        entities_in[canonical].add(entity[key])
    namesakes = [k for k, kind in data.variant_of.items() if kind == "namesake"]
    apart = sum(len(entities_in[cluster[k]]) == 1 for k in namesakes)
    missed = Counter(
        _shared(a, b)
        for a, b in _true_pairs(resolver.prepared_, entity)
        if cluster[a.key] != cluster[b.key]
    )
    return [
        f"automatic links decided by name_frequency: {right} true, {len(decided) - right} false",
        f"same-name colleagues kept apart: {apart} of {len(namesakes)}",
        "missed true pairs by what they share besides the name: "
        + ", ".join(f"{k} {v}" for k, v in missed.most_common()),
    ]


def _true_pairs(
    prepared: Sequence[PreparedPerson], entity_of: dict[str, int]
) -> Iterator[tuple[PreparedPerson, PreparedPerson]]:
    by_entity: dict[int, list[PreparedPerson]] = defaultdict(list)
    for person in prepared:
        by_entity[entity_of[person.key]].append(person)
    for people in by_entity.values():
        yield from combinations(people, 2)


def _shared(a: PreparedPerson, b: PreparedPerson) -> str:
    if a.phones & b.phones or a.emails & b.emails:
        return "contact"
    fields = [
        f for f in PROFILE_FIELDS if getattr(a, f) is not None and getattr(a, f) == getattr(b, f)
    ]
    return " + ".join(fields) or "nothing"


def _reviewed(
    resolver: OrgResolver | PersonResolver,
    review: Sequence[Match],
    data: Generated[Any],
    ours: Quality,
) -> str:
    quality = review_quality(resolver.clusters_, review, data.entity_of, ours)
    return (
        f"review pairs outside clusters: {quality.predicted_pairs}, of which true duplicates "
        f"{quality.precision:.4f}; recall if staff accept the true ones {quality.recall:.4f}"
    )


def _quality_line(label: str, quality: Quality) -> str:
    return (
        f"{label}: precision {quality.precision:.4f}, recall {quality.recall:.4f} "
        f"({quality.predicted_pairs} predicted pairs)"
    )


def _affiliations(records: Sequence[OrgRecord | PersonRecord]) -> list[list[str]]:
    return [[*r.names] for r in records if isinstance(r, OrgRecord) and r.names][:20000]


def _people_lines(scale: float, seed: int, romanised: float = 0.0) -> list[str]:
    orgs = OrgGenerator(seed=seed).generate(min(20_000, int(100_000 * scale)), [])
    return bench_people(int(300_000 * scale), seed, _affiliations(orgs.records), romanised)


def _load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def main(argv: list[str] | None = None) -> int:
    """Command line: ``--scale`` (1.0 = 100k organisations, 300k people), ``--seed``,
    ``--only organisations|people`` (default both)."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", type=float, default=0.1)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--chain-kg", type=Path, default=CHAIN_KG)
    parser.add_argument("--only", choices=("organisations", "people"), default=None)
    parser.add_argument("--bodies", type=int, default=0, help="public bodies to add")
    parser.add_argument(
        "--romanised", type=float, default=0.0, help="share of HK duplicates in Cantonese"
    )
    parser.add_argument("--no-reimport", action="store_true", help="skip the re-import step")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    print(f"load average at start: {_load()}", flush=True)
    if args.only != "people":
        n = int(100_000 * args.scale)
        lines = bench_orgs(n, args.seed, args.chain_kg, args.bodies, not args.no_reimport)
        for line in lines:
            print(line, flush=True)
    if args.only != "organisations":
        for line in _people_lines(args.scale, args.seed, args.romanised):
            print(line, flush=True)
    wall, cpu = time.perf_counter() - start, time.process_time()
    print(f"total {wall:.1f} s wall clock, {cpu:.1f} s CPU (this process)", flush=True)
    print(f"load average at end: {_load()}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
