"""Name evidence for a pair of organisations (Chinese, English, romanised) and its context.

The *context* is computed once from all records being compared; it tells whether a name is
ambiguous: a core written without region that organisations in two provinces carry
(众合科技 in 张家界 and in 杭州), or a pinyin spelling that two different Chinese trade
names share (Yixin = 亿鑫 / 益鑫). Ambiguous evidence goes to review, never to a merge.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from dataclasses import field as dataclass_field

from duijie_core.resolution.model import Evidence
from duijie_core.resolution.names import trade_name
from duijie_core.resolution.orgkeys import (
    FRAME_MARK,
    HAN,
    JURISDICTIONS,
    PreparedOrg,
    Trade,
    jurisdiction,
    short_trades,
    substrings,
    trade_inside,
)
from duijie_core.resolution.romanise import industry_english, leading_joins, pinyin_keys
from duijie_core.resolution.similarity import edit_similarity, is_abbreviation

TRADE_NAME_DIFFER_CAP = 0.65
TWO_CHARACTER_TRADE = 2
AMBIGUOUS_CAP = 0.8
ENGLISH_WITH_CHINESE_CAP = 0.8
FILLER_WORDS = frozenset(("and", "of", "the"))
SCORES = {
    "same_core_name": 0.95,
    "short_name": 0.9,
    "romanised_name": 0.9,
    "romanised_name_partial": 0.78,
    "homophone_name": 0.76,
    "homophone_name_same_frame": 0.88,
    "name_typo_same_frame": 0.8,
    "abbreviation": 0.72,
    "trade_name_inside": 0.9,
    "short_name_ambiguous": 0.75,
}


def evidence(rule: str, weight: float, **params: object) -> Evidence:
    """An :class:`Evidence` with rounded weight and sorted string parameters."""
    return Evidence(
        rule, round(float(weight), 3), tuple(sorted((k, str(v)) for k, v in params.items()))
    )


@dataclass(frozen=True)
class NameContext:
    """Who else carries a name: core or trade → provinces; trade pinyin → trades.

    ``provinces`` has keys ``c:<core>`` and ``t:<trade>``; ``trades`` maps a pinyin key to
    the (trade, industry) pairs romanised that way; ``english`` maps English name tokens to
    the Chinese cores of the records carrying them.
    """

    provinces: Mapping[str, frozenset[str]]
    trades: Mapping[str, frozenset[tuple[str, str]]]
    english: Mapping[tuple[str, ...], frozenset[str]] = dataclass_field(default_factory=dict)
    holders: Mapping[str, frozenset[str]] = dataclass_field(default_factory=dict)
    held: frozenset[str] = frozenset()
    trade_firms: Mapping[str, int] = dataclass_field(default_factory=dict)


def name_context(orgs: Sequence[PreparedOrg]) -> NameContext:
    """The context of a set of prepared organisations."""
    provinces: dict[str, set[str]] = {}
    trades: dict[str, set[tuple[str, str]]] = {}
    english: dict[tuple[str, ...], set[str]] = {}
    for org in orgs:
        for tokens in org.english:
            english.setdefault(tokens, set()).update(org.cores)
        for trade in org.trades:
            if org.province:
                provinces.setdefault(f"c:{trade.core}", set()).add(org.province)
                provinces.setdefault(f"t:{trade.trade}", set()).add(org.province)
            for key in trade.pinyin:
                trades.setdefault(key, set()).add((trade.trade, trade.industry))
    holders, held = short_name_holders(orgs)
    firms: dict[str, set[str]] = {}
    for org in orgs:
        for trade in org.trades if org.hosts else ():
            firms.setdefault(trade.trade, set()).add(trade.core)
    return NameContext(
        {k: frozenset(v) for k, v in provinces.items()},
        {k: frozenset(v) for k, v in trades.items()},
        {k: frozenset(v) for k, v in english.items() if len(v) > 1},
        holders,
        held,
        {k: len(v) for k, v in firms.items() if len(v) > 1},
    )


def short_name_holders(
    orgs: Sequence[PreparedOrg],
) -> tuple[dict[str, frozenset[str]], frozenset[str]]:
    """Short name (core) → the distinct firms (cores of full names) holding it, and the
    cores and trade names of full names (a short name that *is* a firm's core or trade name
    belongs to that firm, not to others that contain it)."""
    shorts = {t.trade: t for org in orgs for t in short_trades(org)}
    found: dict[str, set[str]] = {}
    held: set[str] = set()
    for org in orgs:
        if not org.hosts:
            continue
        held.update(x for t in org.trades for x in (t.core, t.trade))
        for host in org.hosts:
            for sub in substrings(host, 2, max(len(host), 2)) & shorts.keys():
                trade = shorts[sub]
                if trade_inside(trade, host):
                    found.setdefault(trade.core, set()).update(org.cores or (host,))
    return {k: frozenset(v) for k, v in found.items()}, frozenset(held)


EMPTY_CONTEXT = NameContext({}, {})


def _ambiguous_place(
    found: Evidence, key: str, a: PreparedOrg, b: PreparedOrg, context: NameContext
) -> Evidence | None:
    """An ``ambiguous_name`` note when a record without province matches a name that
    organisations in several provinces (of the records' jurisdiction, when known) carry."""
    if found.weight <= AMBIGUOUS_CAP or (a.province and b.province):
        return None
    places = {jurisdiction(org) for org in (a, b)} - {None}
    provinces = [
        p for p in context.provinces.get(key, ()) if JURISDICTIONS.get(p, "mainland") in places
    ]
    count = len(provinces) if places else len(context.provinces.get(key, ()))
    return evidence("ambiguous_name", 0, provinces=count) if count > 1 else None


def chinese_name_evidence(
    a: PreparedOrg, b: PreparedOrg, context: NameContext = EMPTY_CONTEXT
) -> list[Evidence]:
    """The best evidence from the Chinese names of ``a`` and ``b`` (empty if nothing similar),
    followed by an ``ambiguous_name`` note that caps the score at review level."""
    same = sorted(
        k for k in a.name_keys & b.name_keys if HAN.search(k) or not a.cores or not b.cores
    )
    if same:
        return [evidence("same_name", 1.0, name=same[0])]
    found = [
        (pair_evidence(x, y, x.core in a.short_cores or y.core in b.short_cores, a, b), x, y)
        for x in a.trades
        for y in b.trades
    ]
    scored = [(e, x, y) for e, x, y in found if e]
    if not any(e.weight >= SCORES["trade_name_inside"] for e, _, _ in scored):
        inside = inside_evidence(a, b, context)
        if inside:
            return [inside]
    if not scored:
        return []
    best, x, y = max(scored, key=lambda item: (item[0].weight, item[0].rule))
    best = _shared_short_name(best, context)
    key = f"t:{min((x, y), key=lambda t: len(t.core)).core}"
    key = f"c:{x.core}" if best.rule == "same_core_name" else key
    note = _ambiguous_place(best, key, a, b, context)
    return [best, *([note] if note else [])]


def _shared_short_name(found: Evidence, context: NameContext) -> Evidence:
    """A ``short_name`` that is the trade name of several firms' full names (东方 of 东方电子,
    东方通信, 东方电气) is ambiguous: review, never a merge."""
    if found.rule != "short_name":
        return found
    params = dict(found.params)
    firms = context.trade_firms.get(params["short"], 0)
    if firms < 2:
        return found
    weight = SCORES["short_name_ambiguous"]
    return evidence(
        "short_name_ambiguous", weight, short=params["short"], full=params["full"], firms=firms
    )


def inside_evidence(a: PreparedOrg, b: PreparedOrg, context: NameContext) -> Evidence | None:
    """A short name of one record found inside the other's full legal name (字號, whatever
    stands around it): ``trade_name_inside`` when no other firm holds it, review-level
    ``short_name_ambiguous`` when several do, None when the short name is another firm's
    own core or trade name (that firm's rules apply) or is not inside."""
    for short, full in ((a, b), (b, a)):
        for trade in short_trades(short):
            host = next((h for h in full.hosts if trade_inside(trade, h)), None)
            if host is None or trade.core in context.held:
                continue
            holders = len(context.holders.get(trade.core, ())) or 1
            rule = "trade_name_inside" if holders == 1 else "short_name_ambiguous"
            return evidence(rule, SCORES[rule], short=trade.core, full=host, firms=holders)
    return None


def pair_evidence(
    x: Trade, y: Trade, written_short: bool, a: PreparedOrg, b: PreparedOrg
) -> Evidence | None:
    """The evidence two core names give, strongest rule first.

    ``short_name`` needs ``written_short``: one of the names was written without 公司
    (比亞迪, 宏達股份), not a full legal name that happens to reduce to a trade name.
    """
    if x.core == y.core:
        return evidence("same_core_name", SCORES["same_core_name"], core=x.core)
    short, full = sorted((x.core, y.core), key=lambda c: (len(c), c))
    if written_short and trade_name(full) == short and len(short) >= 2:
        return evidence("short_name", SCORES["short_name"], short=short, full=full)
    typo = typo_evidence(x, y, same_frame(x.core, y.core, a, b))
    if typo:
        return typo
    if abs(len(x.core) - len(y.core)) <= 2 and min(len(x.core), len(y.core)) >= 2:
        similarity = edit_similarity(x.core, y.core)
        if x.trade != y.trade:
            similarity = min(similarity, TRADE_NAME_DIFFER_CAP)
        if similarity >= 0.6:
            return evidence("core_name_similarity", similarity, a=x.core, b=y.core)
    if written_short and is_abbreviation(short, full):
        return evidence("abbreviation", SCORES["abbreviation"], short=short, full=full)
    return None


def same_frame(x: str, y: str, a: PreparedOrg, b: PreparedOrg) -> bool:
    """Whether a name of ``a`` with core ``x`` and one of ``b`` with core ``y`` differ only
    inside the core (same place prefix, same legal form); a bare short name has no frame."""
    frames_a = {frame for core, frame in a.frames if core == x and frame != FRAME_MARK and frame}
    return any(core == y and frame in frames_a for core, frame in b.frames)


def typo_evidence(x: Trade, y: Trade, framed: bool) -> Evidence | None:
    """Two cores of one length that read the same (homophones, 華聯 / 華連: the usual typing
    slip with a pinyin input method) or, in the same frame, differ in one character."""
    if len(x.core) != len(y.core) or len(x.core) < 2:
        return None
    if set(pinyin_keys(x.core)) & set(pinyin_keys(y.core)):
        rule = "homophone_name_same_frame" if framed else "homophone_name"
        return evidence(rule, SCORES[rule], a=x.core, b=y.core)
    differing = sum(c != d for c, d in zip(x.core, y.core, strict=True))
    if x.trade != y.trade and len(x.trade) <= TWO_CHARACTER_TRADE:
        return None  # 華湘 / 瀟湘: half of a two-character trade name is another firm
    if framed and differing == 1:
        return evidence("name_typo_same_frame", SCORES["name_typo_same_frame"], a=x.core, b=y.core)
    return None


def industry_agreement(industry: str, rest: Sequence[str]) -> bool | None:
    """Whether English words after the trade name translate ``industry``.

    True: they do (or both are empty); False: partly, or one side is empty or unknown
    (review); None: they contradict (能源 / Pharmaceutical).
    """
    english = industry_english(industry)
    words = set(rest) - FILLER_WORDS
    if english is None or not words or not english:
        return english is not None and not words and not english
    if words <= english:
        return True
    return False if words & english else None


def romanised_evidence(
    a: PreparedOrg, b: PreparedOrg, context: NameContext = EMPTY_CONTEXT
) -> list[Evidence]:
    """English name of one record = pinyin of the other's trade name + translated industry
    (empty if not), followed by an ``ambiguous_name`` note as for Chinese names."""
    found = [
        (e, trade)
        for x, y in ((a, b), (b, a))
        for words in x.english_words
        for trade in y.trades
        if (e := _romanised_pair(words, trade, context))
    ]
    if not found:
        return []
    best, trade = max(found, key=lambda item: (item[0].weight, item[0].rule))
    note = _ambiguous_place(best, f"c:{trade.core}", a, b, context)
    return [best, *([note] if note else [])]


def _romanised_pair(words: tuple[str, ...], trade: Trade, context: NameContext) -> Evidence | None:
    for joined, rest in leading_joins(words):
        if joined not in trade.pinyin:
            continue
        agree = industry_agreement(trade.industry, rest)
        if agree is None:
            return None
        rivals = {t for t, i in context.trades.get(joined, ()) if industry_agreement(i, rest)}
        if agree and len(rivals - {trade.trade}) == 0:
            return evidence(
                "romanised_name", SCORES["romanised_name"], name=joined, trade=trade.core
            )
        return evidence(
            "romanised_name_partial",
            SCORES["romanised_name_partial"],
            name=" ".join(words),
            trade=trade.core,
        )
    return None


def english_name_evidence(
    a: PreparedOrg, b: PreparedOrg, context: NameContext = EMPTY_CONTEXT
) -> Evidence | None:
    """The best evidence from the English names of ``a`` and ``b``.

    When both records also have Chinese names, or the English name is carried by records
    with different Chinese names, English alone stays at review level: English names are
    transliterations (亿鑫 and 益鑫 are both "Yixin"), the Chinese name is the legal one.
    """
    best: Evidence | None = None
    cap = ENGLISH_WITH_CHINESE_CAP if a.cores and b.cores else 1.0
    for x in a.english:
        for y in b.english:
            if x == y:
                shared = min(cap, ENGLISH_WITH_CHINESE_CAP if x in context.english else 1.0)
                return evidence("english_name", min(0.93, shared), name=" ".join(x))
            jaccard = len(set(x) & set(y)) / len(set(x) | set(y))
            weight = min(0.9 * jaccard, cap)
            if jaccard >= 0.5 and (best is None or weight > best.weight):
                best = evidence("english_similarity", weight, a=" ".join(x), b=" ".join(y))
    return best


def region_evidence(a: PreparedOrg, b: PreparedOrg) -> Evidence | None:
    """Agreement (+0.02) or disagreement (−0.20) of two known provinces."""
    if a.province is None or b.province is None:
        return None
    if a.province == b.province:
        return evidence("region_agree", 0.02, province=a.province)
    return evidence("region_differ", -0.2, a=a.province, b=b.province)
