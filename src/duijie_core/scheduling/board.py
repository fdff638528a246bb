"""A schedule under construction, kept as counters and slot bitmasks.

The board applies the placement rules of
:mod:`duijie_core.scheduling.constraints` in compiled form (see
:mod:`duijie_core.scheduling.compiled`): a request may go into a slot when the
slot is one of its candidates, the slot still has a free table, neither person
is at their maximum, and neither person has a meeting in a clashing slot
(the same slot included). ``tests/core/scheduling`` checks that the board
allows exactly what the rule groups allow, and the validator checks every
solver output with the groups themselves.
"""

from __future__ import annotations

from collections.abc import Iterable

from duijie_core.scheduling.compiled import Compiled, bits
from duijie_core.scheduling.model import Placement

Key = tuple[int, int, int, int]
"""Lexicographic quality: (weight in hundredths, minimum meetings among askers,
minus the askers at that minimum, minus the idle gaps)."""


class Board:
    """Placements of requests into slots with the running counts the rules need."""

    def __init__(self, compiled: Compiled) -> None:
        self.c = compiled
        self.slot_of = [-1] * len(compiled.request_ids)
        self.busy = [0] * len(compiled.person_ids)
        self.blocked = [0] * len(compiled.person_ids)
        self.count = [0] * len(compiled.person_ids)
        self.load = [0] * len(compiled.slot_ids)
        self.full = sum(1 << k for k, tables in enumerate(compiled.capacity) if tables <= 0)
        self.points = 0

    def copy(self) -> Board:
        """An independent copy."""
        twin = Board.__new__(Board)
        twin.c = self.c
        twin.slot_of = list(self.slot_of)
        twin.busy, twin.blocked = list(self.busy), list(self.blocked)
        twin.count, twin.load = list(self.count), list(self.load)
        twin.full, twin.points = self.full, self.points
        return twin

    def allowed(self, r: int) -> int:
        """The slots request ``r`` may take now (0 when placed or a person is at maximum)."""
        c = self.c
        a, b = c.a[r], c.b[r]
        if self.slot_of[r] >= 0 or self.count[a] >= c.maximum[a] or self.count[b] >= c.maximum[b]:
            return 0
        return c.candidates[r] & ~(self.blocked[a] | self.blocked[b] | self.full)

    def add(self, r: int, k: int) -> None:
        """Place request ``r`` in slot ``k`` (the caller checked :meth:`allowed`)."""
        c = self.c
        self.slot_of[r] = k
        for person in (c.a[r], c.b[r]):
            self.busy[person] |= 1 << k
            self.blocked[person] |= c.clash[k]
            self.count[person] += 1
        self.load[k] += 1
        if self.load[k] >= c.capacity[k]:
            self.full |= 1 << k
        self.points += c.points[r]

    def remove(self, r: int) -> None:
        """Take request ``r`` out of its slot."""
        c, k = self.c, self.slot_of[r]
        self.slot_of[r] = -1
        for person in (c.a[r], c.b[r]):
            self.busy[person] &= ~(1 << k)
            self.blocked[person] = self._blocked_by(self.busy[person])
            self.count[person] -= 1
        self.load[k] -= 1
        if self.load[k] < c.capacity[k]:
            self.full &= ~(1 << k)
        self.points -= c.points[r]

    def _blocked_by(self, busy: int) -> int:
        blocked = 0
        for k in bits(busy):
            blocked |= self.c.clash[k]
        return blocked

    def placements(self) -> list[Placement]:
        """The placed requests as ``(request_id, slot_id)`` pairs."""
        c = self.c
        return [(c.request_ids[r], c.slot_ids[k]) for r, k in enumerate(self.slot_of) if k >= 0]

    def placed(self) -> Iterable[int]:
        """The indexes of the placed requests."""
        return (r for r, k in enumerate(self.slot_of) if k >= 0)

    def fewest(self) -> int:
        """The minimum number of meetings among participants with a request."""
        return min((self.count[p] for p in self.c.askers), default=0)

    def gaps(self, people: Iterable[int] | None = None) -> int:
        """Idle gaps of ``people`` (default: everyone)."""
        chosen = range(len(self.busy)) if people is None else people
        return sum(self.c.idle_gaps(self.busy[p]) for p in chosen)

    def key(self) -> Key:
        """The lexicographic quality of the board (larger is better)."""
        fewest = self.fewest()
        at_fewest = sum(1 for p in self.c.askers if self.count[p] == fewest)
        return (self.points, fewest, -at_fewest, -self.gaps())
