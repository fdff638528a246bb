"""Quality figures of a schedule: weight, bound ratio, fairness, gaps, moves."""

from __future__ import annotations

from collections import defaultdict
from itertools import pairwise

from duijie_core.scheduling.model import Instance, Meeting, Schedule, Stats


def meetings_per_person(instance: Instance, meetings: tuple[Meeting, ...]) -> dict[str, int]:
    """Meetings of every participant who has at least one request."""
    counts = dict.fromkeys((p for p, rs in instance.requests_of.items() if rs), 0)
    for meeting in meetings:
        for person in instance.request_by_id[meeting.request].people:
            counts[person] += 1
    return counts


def idle_gaps(instance: Instance, meetings: tuple[Meeting, ...]) -> int:
    """Times a person's next meeting the same day skips at least one start time."""
    starts = sorted({slot.start for slot in instance.slots})
    position = {slot.id: starts.index(slot.start) for slot in instance.slots}
    day = {slot.id: slot.start.date() for slot in instance.slots}
    seen: dict[str, list[str]] = defaultdict(list)
    for meeting in meetings:
        for person in instance.request_by_id[meeting.request].people:
            seen[person].append(meeting.slot)
    gaps = 0
    for slots in seen.values():
        ordered = sorted(slots, key=position.__getitem__)
        for first, second in pairwise(ordered):
            gaps += day[first] == day[second] and position[second] - position[first] > 1
    return gaps


def moved_meetings(instance: Instance, schedule: Schedule, previous: Schedule | None) -> int:
    """Previous meetings of requests still asked for that changed slot or table or were dropped."""
    if previous is None:
        return 0
    now = {meeting.request: (meeting.slot, meeting.table) for meeting in schedule.meetings}
    return sum(
        1
        for meeting in previous.meetings
        if meeting.request in instance.request_by_id
        and now.get(meeting.request) != (meeting.slot, meeting.table)
    )


def schedule_stats(
    instance: Instance,
    schedule: Schedule,
    *,
    upper_bound: float,
    previous: Schedule | None,
    status: str,
    seconds: float,
) -> Stats:
    """The stats block of a schedule."""
    weight = sum(instance.request_by_id[m.request].weight for m in schedule.meetings)
    counts = list(meetings_per_person(instance, schedule.meetings).values())
    bound = max(upper_bound, weight)
    return Stats(
        scheduled_weight=round(weight, 6),
        upper_bound=round(bound, 6),
        ratio=round(weight / bound, 6) if bound > 0 else 1.0,
        meetings_min=min(counts, default=0),
        meetings_mean=round(sum(counts) / len(counts), 4) if counts else 0.0,
        zero_meeting_participants=sum(1 for count in counts if count == 0),
        moved=moved_meetings(instance, schedule, previous),
        status=status,
        seconds=round(seconds, 3),
        scheduled=len(schedule.meetings),
        requests=len(instance.requests),
        idle_gaps=idle_gaps(instance, schedule.meetings),
    )
