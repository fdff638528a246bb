"""Matching keys of an organisation record: names, romanisations, identifiers, blocking keys.

Internal to organisation resolution; nothing here is ever displayed.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from duijie_core.identifiers import (
    IdentifierError,
    normalise_credit_code,
    normalise_hk_cr_no,
    parse_stock_code,
)
from duijie_core.problems import Problem
from duijie_core.resolution.model import OrgRecord
from duijie_core.resolution.names import (
    core_name,
    english_tokens,
    english_words,
    name_key,
    trade_name,
)
from duijie_core.resolution.regions import DEFAULT_REGIONS, Regions, province_from_legal_name
from duijie_core.resolution.romanise import latin_words, leading_joins, pinyin_keys
from duijie_core.resolution.similarity import deletion_keys

HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
FRAME_MARK = "□"
JURISDICTIONS = {"香港特别行政区": "hk", "澳门特别行政区": "mo", "台湾省": "tw"}


@dataclass(frozen=True)
class Trade:
    """A core name split into trade name (字號) and industry, with the trade's pinyin keys."""

    core: str
    trade: str
    industry: str
    pinyin: tuple[str, ...]


@dataclass(frozen=True)
class PreparedOrg:
    """Matching keys of one :class:`OrgRecord` (internal; never displayed).

    ``frames`` are (core, the written name with the core replaced by □): two names with the
    same frame differ only inside the core (same place, same legal form), the situation of
    a typo in a copied name.
    """

    key: str
    name_keys: frozenset[str]
    cores: tuple[str, ...]
    short_cores: frozenset[str]
    english: tuple[tuple[str, ...], ...]
    province: str | None
    credit_code: str | None
    hk_cr_no: str | None
    stock_codes: frozenset[str]
    problems: tuple[Problem, ...]
    trades: tuple[Trade, ...] = ()
    frames: tuple[tuple[str, str], ...] = ()
    english_words: tuple[tuple[str, ...], ...] = ()


def _unique[T](items: Iterable[T]) -> tuple[T, ...]:
    return tuple(dict.fromkeys(item for item in items if item))


def _read_identifier(
    text: str | None, reader: Callable[[str], object], problems: list[Problem]
) -> str | None:
    """The canonical identifier, or None (and a problem) when it cannot be read."""
    if not text:
        return None
    try:
        return str(reader(text))
    except IdentifierError as error:
        problems.append(error.problem)
        return None


def prepare_org(
    record: OrgRecord, regions: Regions = DEFAULT_REGIONS, aliases: Mapping[str, str] | None = None
) -> PreparedOrg:
    """The matching keys of ``record``; ``aliases`` maps a name key to another known name."""
    aliases = aliases or {}
    written = (*record.names, *record.aliases)
    chinese = [n for n in written if HAN.search(n)]
    latin = [n for n in (*written, *record.english_names) if not HAN.search(n)]
    extra = [aliases[name_key(n)] for n in (*written, *latin) if name_key(n) in aliases]
    problems: list[Problem] = []
    stocks = (_read_identifier(code, parse_stock_code, problems) for code in record.stock_codes)
    cores = _unique(core_name(n, regions) for n in (*chinese, *extra) if HAN.search(n))
    english = [n for n in (*latin, *extra) if not HAN.search(n)]
    return PreparedOrg(
        key=record.key,
        name_keys=frozenset(name_key(n) for n in (*chinese, *latin)),
        cores=cores,
        short_cores=frozenset(core_name(n, regions) for n in chinese if "公司" not in n),
        english=_unique(english_tokens(n) for n in english),
        province=_province(record, chinese, latin, regions),
        credit_code=_read_identifier(record.credit_code, normalise_credit_code, problems),
        hk_cr_no=_read_identifier(record.hk_cr_no, normalise_hk_cr_no, problems),
        stock_codes=frozenset(code for code in stocks if code),
        problems=tuple(problems),
        trades=tuple(split_trade(core) for core in cores),
        frames=_unique(name_frame(n, regions) for n in record.names if HAN.search(n)),
        english_words=_unique(english_words(n) for n in english),
    )


def split_trade(core: str) -> Trade:
    """The core's trade name, industry part and the trade's pinyin keys."""
    trade = trade_name(core)
    return Trade(core, trade, core[len(trade) :], pinyin_keys(trade))


def name_frame(name: str, regions: Regions) -> tuple[str, str]:
    """(core, the name key with the core replaced by □); the frame is '' if not found."""
    core, key = core_name(name, regions), name_key(name)
    return core, key.replace(core, FRAME_MARK, 1) if core in key else ""


def _province(
    record: OrgRecord, chinese: list[str], latin: list[str], regions: Regions
) -> str | None:
    """The province of the region field, else the first one a Chinese or English name reveals."""
    if record.region:
        found = regions.province_of(record.region)
        if found:
            return found
    from_chinese = (province_from_legal_name(n, regions) for n in chinese)
    return next((p for p in from_chinese if p), None) or _english_province(latin, regions)


def _english_province(latin: list[str], regions: Regions) -> str | None:
    """The province named by the first one or two words of an English name (Hunan …)."""
    for name in latin:
        found = latin_words(name.casefold())
        for length in (2, 1):
            province = regions.province_of(" ".join(found[:length])) if found else None
            if province:
                return province
    return None


def org_block_keys(org: PreparedOrg) -> list[str]:
    """Blocking keys: identifiers, core names, typo keys, trade names and pinyin, English.

    ``d:`` (one-deletion variants of the core) and ``f:`` (the frame with one core character
    wild) keys find typos and are only used in small blocks (``max_typo_block``). ``p:`` keys
    put a trade name's pinyin with the leading words of English names (湘能 / Xiangneng).
    """
    keys = [f"id:cc:{org.credit_code}"] if org.credit_code else []
    keys += [f"id:cr:{org.hk_cr_no}"] if org.hk_cr_no else []
    keys += [f"id:sc:{code}" for code in sorted(org.stock_codes)]
    for trade in org.trades:
        keys += [f"c:{trade.core}", f"t:{trade.trade}"]
        keys += [f"d:{variant}" for variant in deletion_keys(trade.core)]
        keys += [f"p:{key}" for key in trade.pinyin]
    for core, frame in org.frames:
        keys += [f"f:{frame}|{core[:i]}?{core[i + 1 :]}" for i in range(len(core)) if frame]
    keys += [f"e:{' '.join(tokens)}" for tokens in org.english]
    keys += [f"p:{joined}" for words in org.english_words for joined, _ in leading_joins(words)]
    return keys


def jurisdiction(org: PreparedOrg) -> str | None:
    """Where the organisation is incorporated: mainland, hk, mo, tw (None if unknown).

    A credit code means mainland; a CR No. without ``F`` means a Hong Kong company;
    otherwise the province tells.
    """
    if org.credit_code:
        return "mainland"
    if org.hk_cr_no and not org.hk_cr_no.startswith("F"):
        return "hk"
    return JURISDICTIONS.get(org.province, "mainland") if org.province else None
