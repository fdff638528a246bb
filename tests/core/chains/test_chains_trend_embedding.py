"""A link's trend from dated events, and the embedding placer with its measured threshold
(a deterministic bag-of-characters embedder stands in for the external model)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pytest

from duijie_core.chains.embedding import (
    EmbeddingPlacer,
    Rates,
    choose_threshold,
    link_passage,
    rates,
)
from duijie_core.chains.model import Chain, Link, Names
from duijie_core.chains.trend import FINANCING, LEAD, Event, Year, direction, yearly


def test_events_are_counted_per_year_as_local_elsewhere_or_unknown() -> None:
    events = [
        Event(FINANCING, 2023, True),
        Event(FINANCING, 2023, False),
        Event(FINANCING, 2024, None),
        Event(FINANCING, 2024, True),
        Event(LEAD, 2024, True),
        Event(LEAD, 2020, True),  # before the first year
        Event("meeting", 2024, True),  # not a kind the trend counts
    ]
    assert yearly(events, first=2022, last=2024) == (
        Year(2022, 0, 0, 0, 0),
        Year(2023, 1, 1, 0, 0),
        Year(2024, 1, 0, 1, 1),
    )


def test_the_local_share_leaves_out_rounds_of_unknown_region() -> None:
    assert Year(2024, 1, 3, 5, 0).local_share == 0.25
    assert Year(2024, 0, 0, 2, 0).local_share is None


@pytest.mark.parametrize(
    ("local", "expected"),
    [
        ((0, 0, 0, 0), "none"),
        ((0, 1, 2, 3), "rising"),
        ((3, 1, 0, 0), "falling"),
        ((1, 0, 0, 1), "flat"),
        ((1, 5, 1), "flat"),  # the middle year of an odd span counts for neither half
    ],
)
def test_direction_compares_the_later_half_with_the_earlier(
    local: tuple[int, ...], expected: str
) -> None:
    years = tuple(Year(2020 + i, n, 0, 0, 0) for i, n in enumerate(local))
    assert direction(years) == expected


class Characters:
    """Bag of characters over a fixed alphabet, L2-normalised: similar texts, near vectors."""

    alphabet = "液压泵阀油缸挖掘机起重芯片晶圆钢板"

    def _embed(self, texts: Sequence[str]) -> np.ndarray:
        rows = np.array(
            [[text.count(c) for c in self.alphabet] for text in texts], dtype=np.float64
        ).reshape(len(texts), len(self.alphabet))
        norms = np.linalg.norm(rows, axis=1, keepdims=True)
        return rows / np.where(norms == 0, 1, norms)

    def passages(self, texts: Sequence[str]) -> np.ndarray:
        return self._embed(texts)

    def query(self, texts: Sequence[str]) -> np.ndarray:
        return self._embed(texts)


def _link(code: str, keywords: tuple[str, ...]) -> Link:
    return Link(code, Names(code, code, code), (), (), keywords, "", ())


CHAINS = (
    Chain(
        "machinery",
        Names("机", "機", "M"),
        (_link("hyd", ("液压泵", "油缸")), _link("mac", ("挖掘机", "起重机"))),
    ),
    Chain("chips", Names("芯", "芯", "C"), (_link("wafer", ("芯片", "晶圆")),)),
)


def test_a_link_passage_has_its_names_once_and_its_keywords() -> None:
    assert link_passage(["液压", "液壓", "液压"], ["泵", "阀"]) == "液压 / 液壓：泵、阀"


def test_firms_are_placed_on_the_links_nearest_in_meaning_above_the_threshold() -> None:
    placer = EmbeddingPlacer(Characters(), threshold=0.5, margin=0.05, top=2).fit(CHAINS)
    placed = placer.place([("a", "液压泵阀与油缸"), ("b", "晶圆芯片"), ("c", "钢板")])
    assert [(p.firm, p.chain, p.link) for p in placed] == [
        ("a", "machinery", "hyd"),
        ("b", "chips", "wafer"),
    ]
    assert placed[0].evidence[0].kind == "embedding"
    assert 0.4 <= placed[0].confidence <= 0.75
    assert placer.place([]) == []


def test_confidence_rises_from_the_threshold_to_one() -> None:
    placer = EmbeddingPlacer(Characters(), threshold=0.8)
    assert (placer.confidence(0.8), placer.confidence(0.9), placer.confidence(1.0)) == (
        0.4, 0.575, 0.75,
    )  # fmt: skip
    assert placer.confidence(0.5) == 0.4


def test_the_threshold_is_chosen_by_f1_on_labelled_firms() -> None:
    placer = EmbeddingPlacer(Characters(), margin=1.0, top=1).fit(CHAINS)
    firms = [("a", "液压泵"), ("b", "芯片"), ("c", "挖掘机钢板"), ("d", "钢板晶")]
    truth = [frozenset({"machinery"}), frozenset({"chips"}), frozenset({"machinery"}), frozenset()]
    scored = placer.score(firms)
    best = choose_threshold(placer, scored, truth, [0.25, 0.6, 0.95])
    assert best.threshold == 0.6
    assert (best.true_positives, best.false_positives, best.false_negatives) == (3, 0, 0)
    assert (best.precision, best.recall, best.f1) == (1.0, 1.0, 1.0)
    low = rates(placer, scored, truth, 0.25)
    assert low.false_positives == 1  # 钢板晶 reaches the wafer link
    per_chain = rates(placer, scored, truth, 0.95, chain="chips")
    assert (per_chain.true_positives, per_chain.false_negatives) == (0, 1)


def test_rates_without_anything_found_or_expected_are_undefined() -> None:
    empty = Rates(0.5, 0, 0, 0)
    assert (empty.precision, empty.recall, empty.f1) == (None, None, 0.0)


def test_listed_firms_count_from_their_listing_year_on() -> None:
    from duijie_core.chains.trend import Listed, listed_by_year

    firms = [(2010, True), (2021, True), (2022, False), (2022, None), (2024, False), (2030, True)]
    years = listed_by_year(firms, first=2021, last=2024)
    assert years == (
        Listed(2021, 2, 0, 0),  # listed in 2010 counts from the first year shown
        Listed(2022, 2, 1, 1),
        Listed(2023, 2, 1, 1),
        Listed(2024, 2, 2, 1),  # listed after the last year: never counted
    )
    assert years[-1].total == 5
    assert listed_by_year([], first=2023, last=2024) == (
        Listed(2023, 0, 0, 0),
        Listed(2024, 0, 0, 0),
    )
