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
from duijie_core.resolution.linkage import HOST, PROBE
from duijie_core.resolution.model import OrgRecord
from duijie_core.resolution.names import (
    LEGAL_SUFFIXES,
    clean_name,
    core_name,
    english_tokens,
    english_words,
    name_key,
    strip_suffixes,
    trade_name,
)
from duijie_core.resolution.orgkinds import BodyKey, body_key, city_prefix
from duijie_core.resolution.regions import (
    DEFAULT_REGIONS,
    NATIONAL_PREFIXES,
    Regions,
    province_from_legal_name,
)
from duijie_core.resolution.romanise import latin_words, leading_joins, pinyin_keys
from duijie_core.resolution.similarity import deletion_keys

HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
FRAME_MARK = "□"
SHORT_KEY_LENGTH = 4
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
    bodies: frozenset[BodyKey] = frozenset()
    hosts: tuple[str, ...] = ()
    cities: frozenset[str] = frozenset()


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
        bodies=frozenset(k for n in chinese if (k := body_key(n, regions))),
        hosts=_unique(host_name(n) for n in chinese if "公司" in n),
        cities=frozenset(c for n in chinese if (c := city_prefix(n, regions))),
    )


def host_name(name: str) -> str:
    """A full legal name as short names are found in it: normalised, no brackets, no legal
    form, no 中国/中华, the place kept (株洲中车时代电气 holds 时代电气, 邵阳维克液压 holds
    邵阳液压 as 邵阳 … 液压)."""
    text = strip_suffixes(clean_name(name), LEGAL_SUFFIXES, 2)
    for national in NATIONAL_PREFIXES:
        text = text.removeprefix(national)
    return text


def short_trades(org: PreparedOrg) -> tuple[Trade, ...]:
    """The trades of the names written without 公司 (short names), at least 2 characters."""
    return tuple(t for t in org.trades if t.core in org.short_cores and len(t.trade) >= 2)


def trade_inside(trade: Trade, host: str) -> bool:
    """Whether ``host`` holds the short name: its trade name, then its industry words (if
    any) later on (时代 + 电气 in 中车时代电气; 中联重科 in 中联重科)."""
    at = host.find(trade.trade)
    return at >= 0 and (not trade.industry or host.find(trade.industry, at + len(trade.trade)) >= 0)


def substrings(text: str, shortest: int = 2, longest: int = SHORT_KEY_LENGTH) -> set[str]:
    """The distinct substrings of ``text`` of ``shortest`` to ``longest`` characters."""
    return {text[i : i + n] for n in range(shortest, longest + 1) for i in range(len(text) - n + 1)}


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
    keys += sorted(body.block for body in org.bodies)
    keys += [f"{PROBE}{t.trade[:SHORT_KEY_LENGTH]}" for t in short_trades(org)]
    keys += [f"{HOST}{sub}" for sub in sorted(set().union(*map(substrings, org.hosts)))]
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
