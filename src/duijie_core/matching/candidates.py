"""Candidate profiles and mandates as arrays: hard filters and mandate signals for all at once.

Set-valued fields (industries, regions, stages, …) become posting lists
``key -> candidate indices``; a query evaluates each distinct key once and maps
the answer onto candidates, so the cost grows with the number of distinct keys,
not with the number of candidates.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence

import numpy as np
from numpy.typing import NDArray

from duijie_core.matching.model import InvestorProfile, ProjectQuery
from duijie_core.matching.signals import NEUTRAL, _bound, region_matches, round_key, ticket_scores
from duijie_core.matching.taxonomy import RELATION_SCORES, Industry, IndustryTaxonomy
from duijie_core.matching.text_model import Embedder, EmbeddingIndex, TfidfIndex
from duijie_core.text import normalise

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]
BoolArray = NDArray[np.bool_]

# Hard filters in the order they are checked; the first failing one is the stated reason.
FILTER_CODES = (
    "excluded_industry",
    "excluded_region",
    "excluded_ticket",
    "excluded_instrument",
    "excluded_certification",
)


class Postings:
    """``key -> candidate indices`` for one set-valued field, plus who has any key at all."""

    def __init__(self, n: int, values: Iterable[Iterable[str]]) -> None:
        lists: dict[str, list[int]] = defaultdict(list)
        for i, keys in enumerate(values):
            for key in keys:
                if key:
                    lists[key].append(i)
        self.lists = {k: np.asarray(sorted(set(v)), dtype=np.int64) for k, v in lists.items()}
        self.has_any = np.zeros(n, dtype=np.bool_)
        for members in self.lists.values():
            self.has_any[members] = True
        self.n = n

    def score(self, key_score: Callable[[str], float]) -> FloatArray:
        """Per candidate, the best ``key_score`` over its keys (0 for none)."""
        out = np.zeros(self.n)
        for key, members in self.lists.items():
            value = key_score(key)
            if value > 0:  # members are distinct: a plain gather and scatter is ``maximum.at``
                out[members] = np.maximum(out[members], value)
        return out


class CandidateIndex:
    """All candidates' profiles as postings and arrays."""

    def __init__(
        self,
        profiles: Sequence[InvestorProfile],
        taxonomy: IndustryTaxonomy | None,
        parents: dict[str, str] | None = None,
        embedder: Embedder | None = None,
        n_corpus: int | None = None,
    ) -> None:
        """Index ``profiles``; ``n_corpus`` is the candidate count the thesis IDF counts.

        The engine indexes only candidates with a profile (the others have no
        mandate, so every mandate signal is neutral for them) but keeps the
        thesis IDF of the whole candidate list.
        """
        self.profiles = list(profiles)
        self.taxonomy, self.parents = taxonomy, parents or {}
        n = len(self.profiles)
        mandates = [p.mandate for p in self.profiles]
        self.industries = Postings(n, (m.industries for m in mandates))
        self.excluded_industries = Postings(n, (m.excluded_industries for m in mandates))
        self.regions = Postings(n, (m.regions for m in mandates))
        self.excluded_regions = Postings(n, (m.excluded_regions for m in mandates))
        self.stages = Postings(n, ([round_key(s) for s in m.stages] for m in mandates))
        self.instruments = Postings(n, ([normalise(i) for i in m.instruments] for m in mandates))
        self.certifications = Postings(
            n, ([normalise(c) for c in m.required_certifications] for m in mandates)
        )
        self.ticket_low = np.array([_bound(m.ticket_min) for m in mandates])
        self.ticket_high = np.array([_bound(m.ticket_max) for m in mandates])
        self.has_ticket = np.nonzero(~(np.isnan(self.ticket_low) & np.isnan(self.ticket_high)))[0]
        self.kinds = np.array([p.kind for p in self.profiles], dtype=object)
        self.currencies = Postings(n, (p.currencies for p in self.profiles))
        self.locations = Postings(n, ([p.location] for p in self.profiles))
        self.hometowns = Postings(
            n, ([normalise(h) for h in p.ties.hometowns] for p in self.profiles)
        )
        self.schools = Postings(n, ([normalise(s) for s in p.ties.schools] for p in self.profiles))
        theses = [p.thesis for p in self.profiles]
        self.has_thesis = np.array([bool(t.strip()) for t in theses])
        self.thesis = TfidfIndex(theses, n_corpus) if self.has_thesis.any() else None
        self.thesis_embedding = (
            EmbeddingIndex(embedder, theses)
            if embedder is not None and self.has_thesis.any()
            else None
        )

    def industry_scores(self, node: Industry | None) -> FloatArray:
        """Mandate industry fit (NEUTRAL where the mandate or the project says nothing)."""
        if node is None or self.taxonomy is None:
            return np.full(self.industries.n, NEUTRAL)
        taxonomy = self.taxonomy

        def closeness(label: str) -> float:
            other = taxonomy.lookup(label)
            return RELATION_SCORES[taxonomy.relation(node, other)] if other is not None else 0.0

        return np.where(self.industries.has_any, self.industries.score(closeness), NEUTRAL)

    def ticket_scores(self, log_a: float | None) -> FloatArray:
        """Mandate ticket fit on a log scale (NEUTRAL when amount or range unknown)."""
        out = np.full(len(self.ticket_low), NEUTRAL)
        if log_a is not None:
            idx = self.has_ticket
            out[idx] = ticket_scores(log_a, self.ticket_low[idx], self.ticket_high[idx])
        return out

    def stage_scores(self, stage: str) -> FloatArray:
        """Mandate stage fit: 1 same stage, 0.5 neighbouring stage, NEUTRAL when unknown."""
        from duijie_core.matching.signals import _adjacent

        if not stage:
            return np.full(self.stages.n, NEUTRAL)
        scores = self.stages.score(
            lambda k: 1.0 if k == stage else 0.5 if _adjacent(k, stage) else 0.0
        )
        return np.where(self.stages.has_any, scores, NEUTRAL)

    def region_scores(self, city: str) -> FloatArray:
        """Mandate region fit for the project's city (NEUTRAL when either side is silent)."""
        if not city:
            return np.full(self.regions.n, NEUTRAL)
        scores = self.regions.score(lambda r: 1.0 if region_matches(city, r, self.parents) else 0.0)
        return np.where(self.regions.has_any, scores, NEUTRAL)

    def instrument_scores(self, instrument: str) -> FloatArray:
        """Mandate instrument fit (NEUTRAL when either side is silent)."""
        if not instrument:
            return np.full(self.instruments.n, NEUTRAL)
        key = normalise(instrument)
        scores = self.instruments.score(lambda i: 1.0 if i == key else 0.0)
        return np.where(self.instruments.has_any, scores, NEUTRAL)

    def thesis_scores(self, text: str) -> tuple[FloatArray, FloatArray]:
        """Lexical and embedding similarity of the project text to each thesis."""
        zeros = np.zeros(len(self.profiles))
        lexical = self.thesis.scores(text) if self.thesis is not None and text else zeros
        embedded = (
            self.thesis_embedding.scores(text)
            if self.thesis_embedding is not None and text
            else zeros
        )
        return lexical, embedded

    def ties_scores(self, query: ProjectQuery) -> FloatArray:
        """Warm-introduction ties in profiles: hometown 1.0, school 0.8.

        A previous meeting (0.6) is known by the candidate's name, which every
        candidate has: the engine adds it for all candidates.
        """
        home = {normalise(h) for h in query.ties.hometowns}
        school = {normalise(s) for s in query.ties.schools}
        return np.maximum(
            self.hometowns.score(lambda h: 1.0 if h in home else 0.0),
            self.schools.score(lambda s: 0.8 if s in school else 0.0),
        )

    def owner_scores(self, query: ProjectQuery) -> FloatArray:
        """Project side: the owner's wishes on kind, currency and investor location."""
        n = len(self.profiles)
        total, parts = np.zeros(n), np.zeros(n)
        if query.wants:
            known = self.kinds != ""
            total += np.where(known, np.where(self.kinds == query.wants, 1.0, 0.2), 0.0)
            parts += known
        if query.currencies:
            wanted = set(query.currencies)
            total += np.where(
                self.currencies.has_any,
                np.maximum(self.currencies.score(lambda c: 1.0 if c in wanted else 0.0), 0.3),
                0.0,
            )
            parts += self.currencies.has_any
        if query.investor_regions:
            near = self.locations.score(
                lambda loc: (
                    1.0
                    if any(region_matches(loc, r, self.parents) for r in query.investor_regions)
                    else 0.0
                )
            )
            total += np.where(self.locations.has_any, np.maximum(near, 0.4), 0.0)
            parts += self.locations.has_any
        return np.where(parts > 0, total / np.maximum(parts, 1.0), NEUTRAL)

    def hard_filters(
        self, query: ProjectQuery, node: Industry | None, log_a: float | None
    ) -> IntArray:
        """Per candidate, 0 if it passes, else 1 + the index of the first failing filter."""
        failed = np.zeros(len(self.profiles), dtype=np.int64)
        for i, mask in enumerate(self._filter_masks(query, node, log_a)):
            failed = np.where((failed == 0) & mask, i + 1, failed)
        return failed

    def _filter_masks(
        self, query: ProjectQuery, node: Industry | None, log_a: float | None
    ) -> list[BoolArray]:
        ancestors = {node.code, node.group, node.division, node.section} - {""} if node else set()
        taxonomy = self.taxonomy

        def excluded_industry(label: str) -> float:
            other = taxonomy.lookup(label) if taxonomy is not None else None
            return 1.0 if other is not None and other.code in ancestors else 0.0

        city = query.city
        held = {normalise(c) for c in query.certifications}
        outside = np.zeros(len(self.profiles), dtype=np.bool_)
        if log_a is not None:
            idx = self.has_ticket
            outside[idx] = ticket_scores(log_a, self.ticket_low[idx], self.ticket_high[idx]) < 1.0
        return [
            self.excluded_industries.score(excluded_industry) > 0,
            self.excluded_regions.score(
                lambda r: 1.0 if city and region_matches(city, r, self.parents) else 0.0
            )
            > 0,
            outside,
            self.instruments.has_any & (self.instrument_scores(query.instrument) == 0.0),
            self.certifications.score(lambda c: 0.0 if c in held else 1.0) > 0,
        ]
