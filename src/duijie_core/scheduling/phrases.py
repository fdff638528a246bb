"""Sentences for scheduling codes in zh-Hant (default), zh-Hans and en.

The core speaks in codes with parameters; the edge (CLI, web) turns them into
sentences with :func:`describe`. The web layer may translate codes itself.
"""

from __future__ import annotations

from collections.abc import Mapping

LANGUAGES = ("zh-Hant", "zh-Hans", "en")

_PHRASES: dict[str, tuple[str, str, str]] = {
    # Unscheduled requests.
    "no_session": (
        "{a} 與 {b} 沒有共同參加、可安排此類會面的洽談環節",
        "{a} 与 {b} 没有共同参加、可安排此类会面的洽谈环节",
        "{a} and {b} share no session that hosts this kind of meeting",
    ),
    "no_common_slot": (
        "{a} 與 {b} 沒有共同可出席的時段",
        "{a} 与 {b} 没有共同可出席的时段",
        "{a} and {b} have no slot they can both attend",
    ),
    "slot_free": (
        "{a} 與 {b} 在 {slot} 都有空、桌位未滿：可即時安排",
        "{a} 与 {b} 在 {slot} 都有空、桌位未满：可即时安排",
        "{a} and {b} are both free at {slot} and a table is free there: it can be placed now",
    ),
    "max_meetings_reached": (
        "{person} 已達會面上限 {max_meetings} 場",
        "{person} 已达会面上限 {max_meetings} 场",
        "{person} already has the maximum of {max_meetings} meetings",
    ),
    "person_overbooked": (
        "{person} 有 {requests} 個已接受的會面請求，但只有 {free_slots} 個空檔",
        "{person} 有 {requests} 个已接受的会面请求，但只有 {free_slots} 个空档",
        "{person} has {requests} accepted requests but {free_slots} free slots",
    ),
    "tables_full": (
        "{a} 與 {b} 共同可出席的 {common_slots} 個時段桌位已滿",
        "{a} 与 {b} 共同可出席的 {common_slots} 个时段桌位已满",
        "all tables are taken in the {common_slots} slots {a} and {b} can both attend",
    ),
    "common_slots_taken": (
        "{a} 與 {b} 共同可出席的 {common_slots} 個時段已排了其他會面",
        "{a} 与 {b} 共同可出席的 {common_slots} 个时段已排了其他会面",
        "the {common_slots} slots {a} and {b} can both attend are taken by their other meetings",
    ),
    # Schedule violations.
    "session_not_allowed": (
        "請求 {request} 不可安排在時段 {slot}（該環節不接待此類會面或雙方未報名）",
        "请求 {request} 不可安排在时段 {slot}（该环节不接待此类会面或双方未报名）",
        "request {request} may not use slot {slot} (its session does not host this"
        " meeting or the two are not registered there)",
    ),
    "unknown_request": (
        "未知的會面請求 {request}",
        "未知的会面请求 {request}",
        "unknown request {request}",
    ),
    "unknown_slot": ("未知的時段 {slot}{id}", "未知的时段 {slot}{id}", "unknown slot {slot}{id}"),
    "person_unavailable": (
        "{person} 在時段 {slot} 無法出席（請求 {request}）",
        "{person} 在时段 {slot} 无法出席（请求 {request}）",
        "{person} is not available in slot {slot} (request {request})",
    ),
    "request_scheduled_twice": (
        "請求 {request} 被安排了 {count} 次",
        "请求 {request} 被安排了 {count} 次",
        "request {request} is scheduled {count} times",
    ),
    "locked_meeting_moved": (
        "已鎖定的請求 {request} 不在時段 {slot}",
        "已锁定的请求 {request} 不在时段 {slot}",
        "locked request {request} is not in its slot {slot}",
    ),
    "table_capacity_exceeded": (
        "時段 {slot} 有 {count} 場會面，但 {venue} 只有 {limit} 張桌",
        "时段 {slot} 有 {count} 场会面，但 {venue} 只有 {limit} 张桌",
        "slot {slot} has {count} meetings but {venue} has {limit} tables",
    ),
    "max_meetings_exceeded": (
        "{person} 有 {count} 場會面，超過上限 {limit} 場",
        "{person} 有 {count} 场会面，超过上限 {limit} 场",
        "{person} has {count} meetings, more than the maximum of {limit}",
    ),
    "person_double_booked": (
        "{person} 在時段 {slot} 有 {count} 場會面",
        "{person} 在时段 {slot} 有 {count} 场会面",
        "{person} has {count} meetings in slot {slot}",
    ),
    "slots_overlap": (
        "{person} 在時間重疊的時段 {slot} 和 {other_slot} 都有會面",
        "{person} 在时间重叠的时段 {slot} 和 {other_slot} 都有会面",
        "{person} has meetings in overlapping slots {slot} and {other_slot}",
    ),
    "travel_too_short": (
        "{person} 從時段 {slot} 到 {other_slot} 需 {minutes_needed} 分鐘交通，"
        "只有 {minutes_available} 分鐘",
        "{person} 从时段 {slot} 到 {other_slot} 需 {minutes_needed} 分钟交通，"
        "只有 {minutes_available} 分钟",
        "{person} needs {minutes_needed} minutes to travel from slot {slot} to {other_slot}"
        " but has {minutes_available}",
    ),
    "table_double_booked": (
        "時段 {slot} 的 {table} 號桌有 {count} 場會面",
        "时段 {slot} 的 {table} 号桌有 {count} 场会面",
        "table {table} in slot {slot} has {count} meetings",
    ),
    "wrong_venue": (
        "請求 {request} 的場地 {venue} 與時段 {slot} 的場地 {expected} 不符",
        "请求 {request} 的场地 {venue} 与时段 {slot} 的场地 {expected} 不符",
        "request {request} is at venue {venue} but slot {slot} is at {expected}",
    ),
    "unknown_table": (
        "{path}{venue} 沒有 {table} 號桌",
        "{path}{venue} 没有 {table} 号桌",
        "{path}{venue} has no table {table}",
    ),
    "locked_table_changed": (
        "已鎖定的請求 {request} 應在 {locked_table} 號桌，而非 {table} 號桌",
        "已锁定的请求 {request} 应在 {locked_table} 号桌，而非 {table} 号桌",
        "locked request {request} belongs at table {locked_table}, not {table}",
    ),
    "request_scheduled_and_unscheduled": (
        "請求 {request} 同時列為已安排和未安排",
        "请求 {request} 同时列为已安排和未安排",
        "request {request} is listed as both scheduled and unscheduled",
    ),
    "request_missing": (
        "請求 {request} 既未安排也未列出原因",
        "请求 {request} 既未安排也未列出原因",
        "request {request} is neither scheduled nor listed as unscheduled",
    ),
    # Input problems.
    "missing_field": ("{path}：缺少欄位", "{path}：缺少字段", "{path}: missing field"),
    "schema_mismatch": (
        "{path}：不符合檔案格式（{message}）",
        "{path}：不符合文件格式（{message}）",
        "{path}: does not match the file format ({message})",
    ),
    "wrong_type": (
        "{path}：應為 {expected}",
        "{path}：应为 {expected}",
        "{path}: expected {expected}",
    ),
    "bad_time": (
        "{path}：無法讀取時間 {value}",
        "{path}：无法读取时间 {value}",
        "{path}: cannot read time {value}",
    ),
    "time_without_offset": (
        "{path}：時間 {value} 缺少 UTC 時差",
        "{path}：时间 {value} 缺少 UTC 时差",
        "{path}: time {value} has no UTC offset",
    ),
    "duplicate_id": (
        "{path}：重複的 ID {id}",
        "{path}：重复的 ID {id}",
        "{path}: duplicate id {id}",
    ),
    "unknown_venue": (
        "{path}：未知的場地 {id}",
        "{path}：未知的场地 {id}",
        "{path}: unknown venue {id}",
    ),
    "unknown_participant": (
        "{path}：未知的參與者 {id}",
        "{path}：未知的参与者 {id}",
        "{path}: unknown participant {id}",
    ),
    "slot_ends_before_start": (
        "{path}：時段 {slot} 的結束時間不晚於開始時間",
        "{path}：时段 {slot} 的结束时间不晚于开始时间",
        "{path}: slot {slot} does not end after it starts",
    ),
    "negative_tables": (
        "{path}：桌數不可為負",
        "{path}：桌数不可为负",
        "{path}: negative number of tables",
    ),
    "negative_travel": (
        "{path}：交通時間不可為負",
        "{path}：交通时间不可为负",
        "{path}: negative travel time",
    ),
    "negative_max_meetings": (
        "{path}：會面上限不可為負",
        "{path}：会面上限不可为负",
        "{path}: negative maximum of meetings",
    ),
    "negative_weight": ("{path}：權重不可為負", "{path}：权重不可为负", "{path}: negative weight"),
    "self_meeting": (
        "{path}：{person} 不能與自己會面",
        "{path}：{person} 不能与自己会面",
        "{path}: {person} cannot meet themselves",
    ),
    "locked_slot_unavailable": (
        "已鎖定的請求 {request} 在時段 {slot}，但 {person} 無法出席",
        "已锁定的请求 {request} 在时段 {slot}，但 {person} 无法出席",
        "locked request {request} is in slot {slot} but {person} is not available",
    ),
    "contradictory_locks": (
        "已鎖定的會面互相矛盾（{rule}）：{details}",
        "已锁定的会面互相矛盾（{rule}）：{details}",
        "locked meetings contradict each other ({rule}): {details}",
    ),
}


class _Blank(dict[str, object]):
    def __missing__(self, key: str) -> str:
        return ""


def describe(code: str, params: Mapping[str, object], language: str = "zh-Hant") -> str:
    """The sentence for a code in ``language`` (zh-Hant, zh-Hans or en)."""
    if language not in LANGUAGES:
        raise ValueError(f"language must be one of {LANGUAGES}, not {language!r}")
    values = _Blank(params)
    values.setdefault("details", ", ".join(f"{k}={v}" for k, v in params.items() if k != "rule"))
    if "path" in values and values["path"] and code == "unknown_table":
        values["path"] = f"{values['path']}: "
    phrases = _PHRASES.get(code)
    if phrases is None:
        return f"{code}: {values['details']}"
    return phrases[LANGUAGES.index(language)].format_map(values)
