"""The resolver shared by organisations and people (scikit-learn estimator rules).

Subclasses say how to prepare a record (matching keys), which blocking keys and cannot-link
labels it has, and how to score a pair; this class does blocking, scoring, clustering,
:meth:`Resolver.duplicates` and :meth:`Resolver.resolve`.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import Self

from duijie_core.resolution.linkage import (
    BlockLimit,
    Label,
    LabelledUnionFind,
    block_index,
    candidate_pairs,
    candidates_in,
    ordered_links,
)
from duijie_core.resolution.model import Cluster, Evidence, Match, Outcome, Resolution

type Scored = tuple[float, tuple[Evidence, ...]]


class Resolver[R, P, C](ABC):
    """Deterministic record linkage: block, score pairs, cluster under cannot-link labels.

    ``C`` is a *context* computed from all records being compared (e.g. how many
    organisations share a name), handed to every pair score; it is rebuilt per call, never
    mutated, so a fitted resolver can resolve from several threads.

    Parameters: ``threshold`` (a pair at or above it is the same entity), ``review_threshold``
    (at or above it staff should look), ``max_block`` (larger non-identifier blocks are
    skipped) and ``ambiguity_margin`` (an incoming record whose link to another existing
    entity scores within this margin of its best link goes to review).
    Learned attributes: ``records_``, ``clusters_``, ``matches_`` (scored pairs at or above
    ``review_threshold``, and conflicting pairs), ``context_`` (the fitted records' context).
    """

    def __init__(
        self,
        *,
        threshold: float = 0.85,
        review_threshold: float = 0.7,
        max_block: int = 200,
        ambiguity_margin: float = 0.05,
    ) -> None:
        self.threshold = threshold
        self.review_threshold = review_threshold
        self.max_block = max_block
        self.ambiguity_margin = ambiguity_margin

    # --- what subclasses define --------------------------------------------------------

    @abstractmethod
    def _prepare(self, record: R) -> P: ...

    @abstractmethod
    def _block_keys(self, prepared: P) -> Iterable[str]: ...

    @abstractmethod
    def _labels(self, prepared: P) -> Iterable[Label]: ...

    @abstractmethod
    def _score(self, a: P, b: P, context: C) -> Scored: ...

    @abstractmethod
    def _context(self, prepared: Sequence[P]) -> C: ...

    @abstractmethod
    def _key(self, record: R) -> str: ...

    def _block_limit(self, key: str) -> int:
        """The largest usable block for ``key`` (``max_block`` unless a subclass says less)."""
        return self.max_block

    def _block_limits(self, context: C) -> BlockLimit:
        """Block limits given the records' context (default: :meth:`_block_limit`)."""
        return self._block_limit

    # --- fitting -------------------------------------------------------------------------

    def fit(self, records: Sequence[R]) -> Self:
        """Learn the existing records: index them, score candidate pairs, cluster them.

        Record keys must be unique.
        """
        self.records_ = tuple(records)
        self.keys_ = tuple(self._key(record) for record in self.records_)
        self.prepared_ = [self._prepare(record) for record in self.records_]
        self.index_ = block_index([self._block_keys(p) for p in self.prepared_])
        self.context_ = self._context(self.prepared_)
        pairs = candidate_pairs(self.index_, self._block_limits(self.context_))
        scored = self._score_pairs(pairs, self.prepared_, self.prepared_, self.context_)
        self.matches_ = tuple(self._pair_match(s, i, j) for s, i, j in scored)
        finder = LabelledUnionFind([self._labels(p) for p in self.prepared_])
        for _, i, j in ordered_links(((s[0], i, j) for s, i, j in scored), self.threshold):
            finder.join(i, j)
        groups = finder.groups()
        self.clusters_ = tuple(Cluster(tuple(sorted(self.keys_[i] for i in g))) for g in groups)
        self.cluster_of_ = {key: c.canonical for c in self.clusters_ for key in c.keys}
        return self

    def _score_pairs(
        self,
        pairs: Iterable[tuple[int, int]],
        left: Sequence[P],
        right: Sequence[P],
        context: C,
    ) -> list[tuple[Scored, int, int]]:
        """Scored pairs worth keeping: at or above the review threshold, or conflicting."""
        kept = []
        for i, j in pairs:
            score, evidence = self._score(left[i], right[j], context)
            if score >= self.review_threshold or _has_conflict(evidence):
                kept.append(((score, evidence), i, j))
        return kept

    def _pair_match(self, scored: Scored, i: int, j: int) -> Match:
        """A match between existing records ``i`` and ``j`` (keys in order)."""
        key_a, key_b = sorted((self.keys_[i], self.keys_[j]))
        return Match(key_a, key_b, round(scored[0], 3), scored[1])

    def duplicates(self) -> list[Match]:
        """Suspected duplicate pairs among the existing records, best first, with evidence."""
        found = [m for m in self.matches_ if m.score >= self.review_threshold and not m.conflicting]
        return sorted(found, key=lambda m: (-m.score, m.a, m.b))

    def review_queue(self, limit: int | None = 1000) -> list[Match]:
        """What staff should look at, most likely duplicates first, at most ``limit`` pairs.

        Non-conflicting pairs scoring at or above ``review_threshold`` whose records were
        not put in one cluster (below ``threshold``, or a join refused by a cannot-link
        label). ``limit=None`` returns all of them. Ranked first by how many of the two
        records are already *placed*: in a cluster through a link at least as strong as
        this pair (a short name 益诚医药 joined to one 益诚医药 firm also scores 0.95 with
        岳阳益诚医药, another firm: the pair only says the name is shared), then by score.
        """
        found = [m for m in self.duplicates() if self.cluster_of_[m.a] != self.cluster_of_[m.b]]
        placed = self._placed_strength()
        found.sort(key=lambda m: (_placed_sides(m, placed), -m.score, m.a, m.b))
        return found if limit is None else found[:limit]

    def _placed_strength(self) -> dict[str, float]:
        """{key: the strongest link of the record inside its own cluster} (clustered only)."""
        placed: dict[str, float] = {}
        for m in self.matches_:
            if self.cluster_of_[m.a] == self.cluster_of_[m.b] and not m.conflicting:
                for key in (m.a, m.b):
                    placed[key] = max(placed.get(key, 0.0), m.score)
        return placed

    # --- resolving -----------------------------------------------------------------------

    def resolve(self, incoming: Sequence[R]) -> list[Resolution]:
        """Resolve incoming records against the fitted ones, one :class:`Resolution` each.

        Incoming records that match no existing entity are clustered among themselves
        (``new`` with a shared ``group``). Deterministic: resolving the fitted records again
        gives ``existing`` for every one of them (importing twice creates nothing new).
        """
        keys = tuple(self._key(record) for record in incoming)
        prepared = [self._prepare(record) for record in incoming]
        context = self._context([*self.prepared_, *prepared])
        limit = self._block_limits(context)
        cross = self._cross_matches(prepared, context, limit)
        inner = self._score_pairs(
            candidate_pairs(block_index([self._block_keys(p) for p in prepared]), limit),
            prepared,
            prepared,
            context,
        )
        finder = self._seeded_finder(prepared)
        refused = self._link(finder, cross, inner)
        candidates = _candidates_by_record(keys, cross, self.keys_)
        outcomes = [
            self._outcome(keys[k], k, finder, candidates[k], refused.get(k))
            for k in range(len(keys))
        ]
        resolved = _with_groups(keys, outcomes, finder, len(self.keys_))
        unlinked = [
            (scored, i, j)
            for scored, i, j in inner
            if finder.find(len(self.keys_) + i) != finder.find(len(self.keys_) + j)
        ]
        return _with_incoming(resolved, unlinked, self.review_threshold)

    def _cross_matches(
        self, prepared: Sequence[P], context: C, limit: BlockLimit
    ) -> list[tuple[Scored, int, int]]:
        """Scored (incoming position, existing position) pairs sharing a block."""
        pairs = (
            (k, e)
            for k, p in enumerate(prepared)
            for e in candidates_in(self.index_, self._block_keys(p), limit)
        )
        return self._score_pairs(pairs, prepared, self.prepared_, context)

    def _seeded_finder(self, prepared: Sequence[P]) -> LabelledUnionFind:
        """Union-find over existing + incoming records, existing clusters already joined.

        Each existing cluster gets an ("entity", canonical key) label, so one incoming record
        can never join two existing entities.
        """
        position = {key: i for i, key in enumerate(self.keys_)}
        labels: list[Iterable[Label]] = [
            [*self._labels(p), ("entity", self.cluster_of_[key])]
            for p, key in zip(self.prepared_, self.keys_, strict=True)
        ]
        finder = LabelledUnionFind([*labels, *(self._labels(p) for p in prepared)])
        for cluster in self.clusters_:
            for key in cluster.keys[1:]:
                finder.join(position[cluster.keys[0]], position[key])
        return finder

    def _link(
        self,
        finder: LabelledUnionFind,
        cross: list[tuple[Scored, int, int]],
        inner: list[tuple[Scored, int, int]],
    ) -> dict[int, float]:
        """Apply links best first; return incoming position → best refused link score."""
        offset = len(self.keys_)
        links = [(s[0], offset + k, e) for s, k, e in cross]
        links += [(s[0], offset + i, offset + j) for s, i, j in inner]
        refused: dict[int, float] = {}
        for score, x, y in ordered_links(links, self.threshold):
            if not finder.join(x, y):
                for node in (x, y):
                    if node >= offset:
                        refused[node - offset] = max(refused.get(node - offset, 0.0), score)
        return refused

    def _outcome(
        self,
        key: str,
        k: int,
        finder: LabelledUnionFind,
        candidates: tuple[Match, ...],
        refused: float | None,
    ) -> Resolution:
        """The outcome of incoming record ``k`` once all links are applied."""
        entity = finder.labels[finder.find(len(self.keys_) + k)].get("entity")
        if entity is None:
            needs_review = refused is not None or any(
                m.score >= self.review_threshold for m in candidates
            )
            return Resolution(key, "review" if needs_review else "new", candidates=candidates)
        direct = [m for m in candidates if self.cluster_of_[m.b] == entity]
        best = direct[0] if direct else None
        best_score = best.score if best else self.threshold
        if refused is not None and refused > best_score - self.ambiguity_margin:
            return Resolution(key, "review", candidates=candidates)
        existing = best.b if best else entity
        return Resolution(key, "existing", existing_key=existing, candidates=candidates)


def _has_conflict(evidence: Iterable[Evidence]) -> bool:
    return any(item.rule.endswith("_conflict") for item in evidence)


def _candidates_by_record(
    keys: Sequence[str], cross: list[tuple[Scored, int, int]], existing: Sequence[str]
) -> list[tuple[Match, ...]]:
    """Per incoming record: its non-conflicting matches with existing records, best first."""
    found: list[list[Match]] = [[] for _ in keys]
    for (score, evidence), k, e in cross:
        if not _has_conflict(evidence):
            found[k].append(Match(keys[k], existing[e], round(score, 3), evidence))
    return [tuple(sorted(m, key=lambda x: (-x.score, x.b))) for m in found]


def _with_incoming(
    resolved: list[Resolution], unlinked: list[tuple[Scored, int, int]], review_threshold: float
) -> list[Resolution]:
    """Give each outcome its ``incoming`` matches: the ``unlinked`` pairs of incoming records
    (scored, not joined) at or above ``review_threshold`` without a conflict, best first."""
    found: dict[int, list[Match]] = {}
    for (score, evidence), i, j in unlinked:
        if score < review_threshold or _has_conflict(evidence):
            continue
        for x, y in ((i, j), (j, i)):
            found.setdefault(x, []).append(
                Match(resolved[x].key, resolved[y].key, round(score, 3), evidence)
            )
    return [
        replace(r, incoming=tuple(sorted(found[k], key=lambda m: (-m.score, m.b))))
        if k in found
        else r
        for k, r in enumerate(resolved)
    ]


def _with_groups(
    keys: Sequence[str], outcomes: list[Resolution], finder: LabelledUnionFind, offset: int
) -> list[Resolution]:
    """Fill in keys, and ``group`` of new records: the first new record of their cluster."""
    first_new: dict[int, str] = {}
    resolved = []
    for k, (key, outcome) in enumerate(zip(keys, outcomes, strict=True)):
        group = None
        if outcome.outcome == "new":
            group = first_new.setdefault(finder.find(offset + k), key)
        resolved.append(
            Resolution(key, outcome.outcome, outcome.existing_key, group, outcome.candidates)
        )
    return resolved


__all__ = ["Outcome", "Resolver"]


def _placed_sides(match: Match, placed: dict[str, float]) -> int:
    """How many records of ``match`` already have a link at least as strong in their cluster."""
    return sum(placed.get(key, 0.0) >= match.score for key in (match.a, match.b))
