"""Blocking and clustering shared by organisation and person resolution.

Blocking: every record has keys (identifiers, core names, …); only records sharing a key are
compared. Blocks larger than their limit are skipped (except identifier blocks, whose keys
start with ``id:``), which bounds the work on common names.

Clustering: union-find under cannot-link constraints. Every record carries *labels*
(kind, value), e.g. ("credit_code", "9144…"); two clusters are never joined if the result would
hold two different values of one kind. Matches are applied best first, so the outcome does
not depend on input order.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from itertools import combinations

Label = tuple[str, str]


def block_index(keys_per_record: Sequence[Iterable[str]]) -> dict[str, list[int]]:
    """Map each blocking key to the positions of the records that have it."""
    index: dict[str, list[int]] = {}
    for position, keys in enumerate(keys_per_record):
        for key in set(keys):
            index.setdefault(key, []).append(position)
    return index


BlockLimit = Callable[[str], int]


def is_usable_block(key: str, size: int, limit: BlockLimit) -> bool:
    """Identifier blocks are always used; others only up to ``limit(key)`` records."""
    return key.startswith("id:") or size <= limit(key)


PROBE, HOST = "s>", "s<"
"""Directed blocks: a record with a probe key ``s>X`` is compared with the records holding
the host key ``s<X`` (a short name with the full names containing it), hosts not with each
other. The host block's size counts against the limit."""


def partner(key: str) -> str | None:
    """The key a directed key is compared with (None for an ordinary key)."""
    if key.startswith(PROBE):
        return HOST + key[len(PROBE) :]
    if key.startswith(HOST):
        return PROBE + key[len(HOST) :]
    return None


def candidate_pairs(index: dict[str, list[int]], limit: BlockLimit) -> list[tuple[int, int]]:
    """Sorted distinct pairs (i < j) of records sharing a usable block."""
    pairs: set[tuple[int, int]] = set()
    for key, members in index.items():
        if key.startswith(PROBE):
            hosts = index.get(HOST + key[len(PROBE) :], [])
            if is_usable_block(key, len(hosts), limit):
                pairs.update((min(i, j), max(i, j)) for i in members for j in hosts if i != j)
        elif key.startswith(HOST):
            continue
        elif len(members) > 1 and is_usable_block(key, len(members), limit):
            pairs.update(combinations(sorted(members), 2))
    return sorted(pairs)


def candidates_in(index: dict[str, list[int]], keys: Iterable[str], limit: BlockLimit) -> list[int]:
    """Sorted positions of indexed records sharing a usable block with ``keys``."""
    found: set[int] = set()
    for key in set(keys):
        other = partner(key)
        members = index.get(other or key, [])
        hosts = members if other is None or key.startswith(PROBE) else index.get(key, [])
        if is_usable_block(key, len(hosts), limit):
            found.update(members)
    return sorted(found)


class LabelledUnionFind:
    """Union-find whose unions are refused when two labels of one kind would meet."""

    def __init__(self, labels: Sequence[Iterable[Label]]) -> None:
        self.parent = list(range(len(labels)))
        self.labels: list[dict[str, str]] = [dict(items) for items in labels]

    def find(self, item: int) -> int:
        """The root of ``item`` (with path halving)."""
        while self.parent[item] != item:
            self.parent[item] = self.parent[self.parent[item]]
            item = self.parent[item]
        return item

    def can_join(self, a: int, b: int) -> bool:
        """Whether the clusters of ``a`` and ``b`` may become one."""
        labels_a, labels_b = self.labels[self.find(a)], self.labels[self.find(b)]
        return all(labels_b.get(kind, value) == value for kind, value in labels_a.items())

    def join(self, a: int, b: int) -> bool:
        """Join the clusters of ``a`` and ``b``; False (and no change) if refused."""
        root_a, root_b = sorted((self.find(a), self.find(b)))
        if root_a == root_b:
            return True
        if not self.can_join(root_a, root_b):
            return False
        self.parent[root_b] = root_a
        self.labels[root_a].update(self.labels[root_b])
        return True

    def groups(self) -> list[list[int]]:
        """All clusters as sorted position lists, ordered by their first position."""
        members: dict[int, list[int]] = {}
        for item in range(len(self.parent)):
            members.setdefault(self.find(item), []).append(item)
        return sorted(members.values())


def ordered_links(
    scored: Iterable[tuple[float, int, int]], threshold: float
) -> list[tuple[float, int, int]]:
    """Links at or above ``threshold``, best first (ties by positions): deterministic."""
    kept = [link for link in scored if link[0] >= threshold]
    return sorted(kept, key=lambda link: (-link[0], link[1], link[2]))
