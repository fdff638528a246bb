"""Deal histories for evaluation: the smoothnlp converter and a synthetic generator.

The smoothnlp events file (``事件资讯,投资方,融资方,融资时间,轮次,金额``) has no
industry or city; investors are space-separated although many English names
contain spaces. :func:`split_investors` rejoins Latin words into names (greedy
longest match against known names, e.g. from the smoothnlp investor file, else
runs of Latin words ending at a fund-like word). The headline repeats the
investors, so it is *not* used as description (it would leak the answer).
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterable, Sequence
from typing import TextIO

import numpy as np

from duijie_core.locale import format_money
from duijie_core.matching.csvio import DEAL_COLUMNS, PLACEHOLDER_INVESTORS, write_rows
from duijie_core.matching.model import Deal
from duijie_core.money import AmountError, UnknownAmount, parse_amount
from duijie_core.problems import Problem
from duijie_core.text import normalise

NAME_END_WORDS = frozenset(
    {
        "ventures",
        "venture",
        "capital",
        "partners",
        "fund",
        "group",
        "investment",
        "investments",
        "holdings",
        "management",
        "angels",
        "angel",
        "labs",
        "vc",
        "associates",
        "equity",
        "inc",
        "llc",
        "ltd",
        "limited",
    }
)
EARLIEST = dt.date(1990, 1, 1)


def split_investors(cell: str, known: frozenset[str] = frozenset()) -> list[str]:
    """Split a space-separated investor cell into names."""
    words = cell.split()
    names: list[str] = []
    i = 0
    while i < len(words):
        length = _known_length(words, i, known) or _latin_length(words, i)
        names.append(" ".join(words[i : i + length]))
        i += length
    return [n for n in names if normalise(n) not in PLACEHOLDER_INVESTORS]


def _known_length(words: list[str], i: int, known: frozenset[str]) -> int:
    for j in range(min(len(words), i + 6), i + 1, -1):
        if " ".join(words[i:j]) in known:
            return j - i
    return 0


def _latin_length(words: list[str], i: int) -> int:
    """Latin words up to and including a run of fund-like words (Venture Partners)."""
    if not words[i].isascii():
        return 1
    j = i
    while j < len(words) and words[j].isascii():
        j += 1
        if _is_end(words[j - 1]) and not (j < len(words) and _is_end(words[j])):
            break
    return j - i


def _is_end(word: str) -> bool:
    return word.casefold().strip(".,") in NAME_END_WORDS


def read_smoothnlp(
    events: TextIO, known: frozenset[str] = frozenset()
) -> tuple[list[Deal], list[Problem]]:
    """Smoothnlp events → deals; rows with dates before 1990 or unreadable are reported."""
    deals, problems = [], []
    for row, cells in enumerate(csv.DictReader(events), 2):
        try:
            date = dt.date.fromisoformat(cells["融资时间"].strip())
        except ValueError:
            date = dt.date.min
        if date < EARLIEST:
            problems.append(
                Problem("bad_date", {"file": "events", "row": row, "value": cells["融资时间"]})
            )
            continue
        try:
            amount = parse_amount(cells["金额"].strip())
        except AmountError:
            amount = UnknownAmount(cells["金额"])
        deals.append(
            Deal(
                date=date,
                company=cells["融资方"].strip(),
                round=cells["轮次"].strip(),
                investors=tuple(split_investors(cells["投资方"], known)),
                amount=amount,
                row=row,
            )
        )
    return deals, problems


def known_names(profiles: TextIO) -> frozenset[str]:
    """Investor names (``机构名称``) from the smoothnlp investor file."""
    return frozenset(
        row["机构名称"].strip() for row in csv.DictReader(profiles) if row.get("机构名称")
    )


def write_deals(handle: TextIO, deals: Iterable[Deal]) -> None:
    """Write deals in the DEALS format."""
    write_rows(
        handle,
        DEAL_COLUMNS,
        (
            [
                d.date.isoformat(),
                d.company,
                d.industry,
                d.city,
                d.round,
                format_money(d.amount, "zh-Hans")
                if not isinstance(d.amount, UnknownAmount)
                else "",
                d.description,
                ";".join(d.investors),
            ]
            for d in deals
        ),
    )


SYNTH_INDUSTRIES = (
    ("3841", "锂离子电池 储能 电芯"),
    ("3612", "新能源汽车 整车 电驱"),
    ("2720", "创新药 单抗 生物制药"),
    ("3581", "医疗器械 影像 诊断"),
    ("6513", "企业软件 SaaS 数据平台"),
    ("3973", "芯片设计 集成电路 车规"),
    ("0141", "蔬菜种植 供港蔬菜 冷链"),
    ("5292", "连锁零售 便利店 社区团购"),
    ("3741", "航空器材 无人机 北斗"),
    ("1951", "运动鞋 智能制造 鞋业"),
    ("6422", "在线教育 课程 平台"),
    ("5810", "物流 仓储 冷链配送"),
)
SYNTH_CITIES = (
    "长沙",
    "株洲",
    "湘潭",
    "常德",
    "岳阳",
    "衡阳",
    "深圳",
    "广州",
    "香港",
    "上海",
    "北京",
    "杭州",
)
SYNTH_ROUNDS = ("天使轮", "Pre-A轮", "A轮", "B轮", "C轮", "D轮")


def synthetic_history(n_investors: int, n_companies: int, seed: int) -> list[Deal]:
    """Deals from investors with hidden tastes (industries, cities, stages, tickets, zipf activity).

    Companies raise successive rounds; earlier investors follow on with probability 0.4.
    """
    rng = np.random.default_rng(seed)
    taste_ind = rng.integers(0, len(SYNTH_INDUSTRIES), size=(n_investors, 2))
    taste_city = rng.integers(0, len(SYNTH_CITIES), size=(n_investors, 2))
    taste_stage = rng.integers(0, 4, size=n_investors)
    activity = 1.0 / np.arange(1, n_investors + 1) ** 0.8
    activity = rng.permutation(activity / activity.sum())
    deals: list[Deal] = []
    for c in range(n_companies):
        deals.extend(_company_rounds(c, rng, taste_ind, taste_city, taste_stage, activity))
    return sorted(deals, key=lambda d: (d.date, d.company))


def _company_rounds(
    c: int,
    rng: np.random.Generator,
    taste_ind: np.ndarray,
    taste_city: np.ndarray,
    taste_stage: np.ndarray,
    activity: np.ndarray,
) -> list[Deal]:
    ind, city = int(rng.integers(len(SYNTH_INDUSTRIES))), int(rng.integers(len(SYNTH_CITIES)))
    stage = int(rng.integers(0, 3))
    day = dt.date(2015, 1, 1) + dt.timedelta(days=int(rng.integers(0, 3000)))
    fit = (
        (taste_ind == ind).any(axis=1) * 4.0 + (taste_city == city).any(axis=1) * 2.0 + 0.2
    ) * activity
    previous: list[int] = []
    out = []
    for r in range(stage, min(stage + int(rng.integers(1, 4)), len(SYNTH_ROUNDS))):
        weights = fit * np.where(np.abs(taste_stage - r) <= 1, 3.0, 0.5)
        fresh = rng.choice(
            len(activity), size=int(rng.integers(1, 4)), replace=False, p=weights / weights.sum()
        )
        follow = [p for p in previous if rng.random() < 0.4]
        members = list(dict.fromkeys([*follow, *fresh.tolist()]))
        amount = f"{int(10 ** (2.5 + r * 0.5 + rng.normal(0, 0.2)))}万元"
        code, words = SYNTH_INDUSTRIES[ind]
        out.append(
            Deal(
                day,
                f"公司{c:05d}",
                tuple(f"投资方{m:05d}" for m in members),
                code,
                SYNTH_CITIES[city],
                SYNTH_ROUNDS[r],
                parse_amount(amount),
                words,
            )
        )
        previous = members
        day += dt.timedelta(days=int(rng.integers(200, 600)))
    return out


def known_set(deals: Sequence[Deal]) -> int:
    """Number of distinct named investors."""
    return len({normalise(n) for d in deals for n in d.investors})
