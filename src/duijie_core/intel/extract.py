"""Facts in repaired news text: amounts, areas, capacities, dates, milestone events, projects.

Amounts of money are read by the project's one money parser
(:func:`duijie_core.money.parse_amount`); this module only finds where they are. Matching
runs on the Simplified view of the text (character for character, so offsets are those of
the text), which lets one pattern read 億/亿, 萬/万, 簽約/签约.

A milestone event is a trigger word (簽約, 拿地, 開工, 封頂, 投產, 開業 …) in a sentence;
its date is the nearest date before it in that sentence (or the first after it when it is
the sentence's only trigger),
the year taken from the document's date when the text gives only a month and day; its
project is the nearest project name (``…項目``, ``…基地``, ``…產業園`` …) in the sentence,
else the last one named in the text before it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Final

from duijie_core.intel.ner import Entity, simplified_view
from duijie_core.money import AmountError, amount_midpoint, parse_amount

MONEY: Final = "money"
PERCENT: Final = "%"

_NUMBER: Final = r"(?:[0-9]+(?:\.[0-9]+)?|[零〇一二两三四五六七八九十百千]+)"
_MONEY_PATTERN: Final = re.compile(
    rf"(?:超过|逾|约|近)?(?:{_NUMBER}[十百千]?(?:万亿|万|亿)?(?:至|到|-|~|—|–))?"
    rf"{_NUMBER}(?:多|余)?[十百千]?(?:万亿|万|亿)?"
    r"(?:元人民币|元港币|人民币|港元|港币|美元|欧元|日元|英镑|澳元|新加坡元|澳门元|元)"
)
_PERCENT_PATTERN: Final = re.compile(rf"{_NUMBER}(?:\.[0-9]+)?(?:%|％|个百分点)")
_PERCENT_WORDS: Final = re.compile(r"百分之([零〇一二两三四五六七八九十百]+|[0-9]+(?:\.[0-9]+)?)")

#: Measured quantities: written unit → (canonical unit, factor).
_MEASURES: Final[dict[str, tuple[str, Decimal]]] = {
    "平方公里": ("km2", Decimal(1)),
    "平方千米": ("km2", Decimal(1)),
    "平方米": ("m2", Decimal(1)),
    "平米": ("m2", Decimal(1)),
    "㎡": ("m2", Decimal(1)),
    "亩": ("mu", Decimal(1)),
    "公顷": ("ha", Decimal(1)),
    "吨": ("t", Decimal(1)),
    "双": ("pairs", Decimal(1)),
    "辆": ("vehicles", Decimal(1)),
    "台": ("units", Decimal(1)),
    "套": ("sets", Decimal(1)),
    "件": ("pieces", Decimal(1)),
    "千瓦": ("kW", Decimal(1)),
    "兆瓦": ("MW", Decimal(1)),
    "吉瓦": ("GW", Decimal(1)),
    "千瓦时": ("kWh", Decimal(1)),
    "度": ("kWh", Decimal(1)),
    "个": ("items", Decimal(1)),
}
_MEASURE_PATTERN: Final = re.compile(
    rf"{_NUMBER}(?:多|余)?(?P<scale>[十百千]?(?:万亿|万|亿)?)"
    rf"(?P<unit>{'|'.join(sorted(map(re.escape, _MEASURES), key=len, reverse=True))})"
)
#: Units that count things only when a capacity word is near (台, 个, 件 are everywhere).
_COUNT_ONLY_NEAR_CAPACITY: Final = frozenset({"units", "sets", "pieces", "items"})
_CAPACITY_WORDS: Final = ("产能", "年产", "生产", "产量", "年销", "规模")

_SCALE: Final = {"": 1, "十": 10, "百": 100, "千": 1000, "万": 10**4, "亿": 10**8, "万亿": 10**12}

_CN_DIGITS: Final = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5}
_CN_DIGITS_MORE: Final = {"六": 6, "七": 7, "八": 8, "九": 9}

#: Milestone events: type → trigger words (Simplified).
EVENT_TRIGGERS: Final[dict[str, tuple[str, ...]]] = {
    "signed": ("签约", "签署", "签订", "签下", "达成合作协议"),
    "land_acquired": ("拿地", "摘牌", "竞得", "取得土地", "获得土地", "土地出让", "供地"),
    "construction_started": ("开工", "动工", "奠基", "破土"),
    "topped_out": ("封顶",),
    "operating": ("投产", "投入运营", "建成运营", "正式运营", "投入使用", "试生产"),
    "opened": ("开业", "开园", "开馆", "开幕", "揭牌", "启用"),
}
_TRIGGER: Final = re.compile(
    "|".join(
        sorted(
            (re.escape(w) for words in EVENT_TRIGGERS.values() for w in words),
            key=len,
            reverse=True,
        )
    )
)
_EVENT_OF: Final = {w: kind for kind, words in EVENT_TRIGGERS.items() for w in words}

_PROJECT_KINDS: Final = "产业园|产业基地|生产基地|研发中心|总部基地|基地|工厂|园区|中心"
_PROJECT: Final = re.compile(
    rf"[\u4e00-\u9fffA-Za-z0-9（）()·]{{2,30}}?(?:(?:{_PROJECT_KINDS})?项目|{_PROJECT_KINDS})"
)
#: Words that lead into a project's name (the name starts after the last of them).
_PROJECT_LEAD_IN: Final = re.compile(
    r"^.*(?:签约|签署|签订|总投资|投资|建设|引进|落户|推进|实施|举行|其中|包括|的|了|和|与|及|、|，|在)"
)
_ANAPHOR: Final = re.compile(rf"(?:该|此|这个|上述|这一)(?:项目|{_PROJECT_KINDS})")
_NOT_A_NAME: Final = ("该", "此", "本", "这", "共", "重点", "各", "多个", "一批", "个")
_FULL_DATE: Final = re.compile(
    r"(?P<year>(?:19|20)[0-9]{2})年(?:(?P<month>1[0-2]|0?[1-9])月(?:(?P<day>3[01]|[12][0-9]|0?[1-9])[日号])?)?"
)
_MONTH_DAY: Final = re.compile(
    r"(?P<month>1[0-2]|0?[1-9])月(?:(?P<day>3[01]|[12][0-9]|0?[1-9])[日号])?"
)
# (前年/后年 are left out: 建成后年产 …)
_RELATIVE_YEAR: Final = {"今年": 0, "去年": -1, "明年": 1}
_SAME_YEAR: Final = ("当年", "同年")
_YEAR_WORD: Final = re.compile("|".join([*_RELATIVE_YEAR, *_SAME_YEAR]))
_SENTENCE_END: Final = frozenset("。！？!?；;\n")


@dataclass(frozen=True, slots=True)
class Amount:
    """A number with its unit: money (``unit == "money"``, ``currency`` set), %, area, capacity."""

    text: str
    start: int
    end: int
    value: Decimal
    unit: str
    currency: str | None = None

    def to_json(self) -> dict[str, object]:
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "value": float(self.value),
            "unit": self.unit,
            "currency": self.currency,
        }


@dataclass(frozen=True, slots=True)
class DateMention:
    text: str
    start: int
    end: int
    value: str  # ISO: 2024, 2024-01 or 2024-01-15


@dataclass(frozen=True, slots=True)
class Event:
    """A milestone of a project, told in ``text`` (the clause), at ``start:end``."""

    type: str
    project: str | None
    date: str | None
    text: str
    start: int
    end: int
    trigger: str

    def to_json(self) -> dict[str, object]:
        return {
            "type": self.type,
            "project": self.project,
            "date": self.date,
            "text": self.text,
            "start": self.start,
            "end": self.end,
        }


def _small_number(written: str) -> Decimal | None:
    """Arabic digits, or Chinese numerals up to the thousands (十二, 三百五十, 两千)."""
    if re.fullmatch(r"[0-9]+(?:\.[0-9]+)?", written):
        return Decimal(written)
    digits = _CN_DIGITS | _CN_DIGITS_MORE
    total, current = 0, 0
    for char in written:
        if char in digits:
            current = digits[char]
        elif char in "十百千":
            total += (current or 1) * {"十": 10, "百": 100, "千": 1000}[char]
            current = 0
        else:
            return None
    return Decimal(total + current)


def amounts(text: str) -> list[Amount]:
    """Money, percentages, areas and capacities in ``text``, in order."""
    view = simplified_view(text)
    found: list[Amount] = []
    taken: list[tuple[int, int]] = []

    def free(start: int, end: int) -> bool:
        return all(end <= s or start >= e for s, e in taken)

    for match in _MONEY_PATTERN.finditer(view):
        amount = _money(text[match.start() : match.end()])
        if amount is not None:
            value, currency = amount
            found.append(
                Amount(text[match.start() : match.end()], *match.span(), value, MONEY, currency)
            )
            taken.append(match.span())
    for match in [*_PERCENT_PATTERN.finditer(view), *_PERCENT_WORDS.finditer(view)]:
        number = match.group(1) if match.re is _PERCENT_WORDS else match.group()
        written = re.match(rf"{_NUMBER}", number)
        share = _small_number(written.group()) if written else None
        if share is not None and free(*match.span()):
            found.append(
                Amount(
                    text[match.start() : match.end()], match.start(), match.end(), share, PERCENT
                )
            )
            taken.append(match.span())
    for match in _MEASURE_PATTERN.finditer(view):
        amount = _measure(match, view)
        if amount is not None and free(*match.span()):
            value, unit = amount
            found.append(
                Amount(text[match.start() : match.end()], match.start(), match.end(), value, unit)
            )
            taken.append(match.span())
    return sorted(found, key=lambda a: a.start)


def _money(written: str) -> tuple[Decimal, str] | None:
    try:
        parsed = parse_amount(written)
    except AmountError:
        return None
    middle = amount_midpoint(parsed)  # a range counts at its middle, as elsewhere
    return (middle.amount, middle.currency) if middle is not None else None


def _measure(match: re.Match[str], view: str) -> tuple[Decimal, str] | None:
    written = re.match(rf"{_NUMBER}", match.group())
    number = _small_number(written.group()) if written else None
    if number is None:
        return None
    unit, factor = _MEASURES[match.group("unit")]
    if unit in _COUNT_ONLY_NEAR_CAPACITY:
        before = view[max(0, match.start() - 12) : match.start()]
        if not any(word in before for word in _CAPACITY_WORDS):
            return None
    return number * _SCALE[match.group("scale")] * factor, unit


def dates(text: str, document_date: date | None = None) -> list[DateMention]:
    """Dates in ``text``.

    A month without a year takes the year the narrative is in: the last year written before
    it (``2024年1月 … 10月`` is October 2024), else the document's year; 今年, 去年, 明年
    count from the document's date, 當年/同年 is the narrative's year.
    """
    view = simplified_view(text)
    full = [(m, int(m["year"])) for m in _FULL_DATE.finditer(view)]
    found = [DateMention(text[m.start() : m.end()], *m.span(), _iso(m, year)) for m, year in full]
    taken = [m.span() for m, _ in full]

    def narrative_year(at: int) -> int | None:
        since = _sentence_span(view, _sentence_span(view, at)[0] - 2)[0] if at > 1 else 0
        written = [year for m, year in full if since <= m.start() < at and m["month"]]
        if written:
            return written[-1]
        return document_date.year if document_date is not None else None

    for match in _MONTH_DAY.finditer(view):
        if any(s <= match.start() < e for s, e in taken):
            continue
        start, year = match.start(), narrative_year(match.start())
        relative = view[max(0, start - 2) : start]
        if relative in _RELATIVE_YEAR and document_date is not None:
            start, year = start - 2, document_date.year + _RELATIVE_YEAR[relative]
        elif relative in _SAME_YEAR:
            start -= 2
        if year is not None:
            found.append(
                DateMention(text[start : match.end()], start, match.end(), _iso(match, year))
            )
            taken.append((start, match.end()))
    for match in _YEAR_WORD.finditer(view):
        if any(s <= match.start() < e for s, e in taken):
            continue
        word = match.group()
        year = (
            document_date.year + _RELATIVE_YEAR[word]
            if word in _RELATIVE_YEAR and document_date is not None
            else narrative_year(match.start())
            if word in _SAME_YEAR
            else None
        )
        if year is not None:
            found.append(
                DateMention(text[match.start() : match.end()], *match.span(), f"{year:04d}")
            )
    return sorted(found, key=lambda d: d.start)


def _iso(match: re.Match[str], year: int) -> str:
    parts = [f"{year:04d}"]
    if match["month"]:
        parts.append(f"{int(match['month']):02d}")
        if match["day"]:
            parts.append(f"{int(match['day']):02d}")
    return "-".join(parts)


def projects(text: str) -> list[Entity]:
    """Project names (``…項目``, ``…基地`` …), without the words that lead into them."""
    view = simplified_view(text)
    found: list[Entity] = []
    for match in _PROJECT.finditer(view):
        start = match.start()
        lead = _PROJECT_LEAD_IN.match(view[start : match.end()])
        if lead is not None:
            start += lead.end()
        name = view[start : match.end()]
        core = re.sub(rf"(?:{_PROJECT_KINDS})?项目$|(?:{_PROJECT_KINDS})$", "", name)
        if len(core) >= 2 and not core.startswith(_NOT_A_NAME):
            found.append(Entity(start, match.end(), "project", text[start : match.end()]))
    return found


def _sentence_span(view: str, at: int) -> tuple[int, int]:
    start = at
    while start > 0 and view[start - 1] not in _SENTENCE_END:
        start -= 1
    end = at
    while end < len(view) and view[end] not in _SENTENCE_END:
        end += 1
    end = min(end + 1, len(view))
    while start < end and view[start].isspace():
        start += 1
    while end > start and view[end - 1].isspace():
        end -= 1
    return start, end


def events(
    text: str,
    document_date: date | None = None,
    *,
    found_dates: Iterable[DateMention] | None = None,
    found_projects: Iterable[Entity] | None = None,
) -> list[Event]:
    """Milestone events with their project and date (see the module's docstring)."""
    view = simplified_view(text)
    known_dates = list(found_dates if found_dates is not None else dates(text, document_date))
    known_projects = list(found_projects if found_projects is not None else projects(text))
    found: list[Event] = []
    for match in _TRIGGER.finditer(view):
        start, end = _sentence_span(view, match.start())
        clause_dates = [d for d in known_dates if start <= d.start < end]
        before = [d for d in clause_dates if d.start < match.start()]
        alone = len(_TRIGGER.findall(view, start, end)) == 1
        when = before[-1] if before else (clause_dates[0] if clause_dates and alone else None)
        in_clause = [p for p in known_projects if start <= p.start < end]
        refers_back = _ANAPHOR.search(view, start, end) is not None
        earlier = [p for p in known_projects if p.start < start] if refers_back else []
        project = (
            min(in_clause, key=lambda p: abs(p.start - match.start()))
            if in_clause
            else (earlier[-1] if earlier else None)
        )
        if project is None and when is None:
            continue  # a signing ceremony in general (共簽約項目80個): no milestone of a project
        found.append(
            Event(
                _EVENT_OF[match.group()],
                project.text if project else None,
                when.value if when else None,
                text[start:end],
                start,
                end,
                text[match.start() : match.end()],
            )
        )
    return found
