"""Tests for blocking and union-find under cannot-link labels."""

from duijie_core.resolution.linkage import (
    LabelledUnionFind,
    block_index,
    candidate_pairs,
    candidates_in,
    ordered_links,
)


def test_blocks_and_pairs():
    index = block_index([["a", "id:x"], ["a"], ["b", "id:x"], ["a"]])
    assert index == {"a": [0, 1, 3], "id:x": [0, 2], "b": [2]}
    assert candidate_pairs(index, lambda key: 3) == [(0, 1), (0, 2), (0, 3), (1, 3)]
    assert candidate_pairs(index, lambda key: 2) == [(0, 2)]
    assert candidates_in(index, ["a", "id:x"], lambda key: 2) == [0, 2]


def test_union_refused_when_labels_conflict():
    finder = LabelledUnionFind([[("code", "1")], [], [("code", "2")]])
    assert finder.join(0, 1)
    assert not finder.join(1, 2)
    assert finder.join(0, 0)
    assert finder.groups() == [[0, 1], [2]]


def test_links_best_first():
    links = [(0.9, 1, 2), (0.95, 3, 4), (0.5, 0, 1), (0.9, 0, 5)]
    assert ordered_links(links, 0.85) == [(0.95, 3, 4), (0.9, 0, 5), (0.9, 1, 2)]
