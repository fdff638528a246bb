"""Organisation resolution: one organisation however it is written.

Identifiers first: the same credit code or HK CR No. is the same organisation (score 1.0),
a different one is never the same (cannot-link, whatever the names say); a shared stock code
scores 0.97 (codes are rarely reused), and two different A-share codes (B shares aside) mean
two listed companies. Organisations incorporated in different jurisdictions
(mainland: a credit code or a mainland province; Hong Kong: a CR No. without ``F`` or the
region 香港; Macao; Taiwan) are never the same either: 比亞迪（香港）有限公司 is a subsidiary
of 比亚迪股份有限公司, not the same legal person. A cluster also never spans two known
provinces (a short name without region cannot bridge 湖南華聯電子 and 廣東華聯電子); a pair
with the same identifier but different provinces is still listed by ``duplicates()``.

Then names, compared on their core names (see
:mod:`duijie_core.resolution.names`):

========================  =====  ===============================================
rule                      score  meaning
========================  =====  ===============================================
``same_name``             1.00   same normalised name (T/S, width, case ignored)
``same_core_name``        0.95   same name once region and legal form are stripped
``short_name``            0.90   a name written without 公司 is the other's trade name
                                 (比亞迪 / 比亞迪汽車有限公司)
``english_name``          0.93   same distinctive English tokens
``core_name_similarity``  1-d/n  edit distance d on cores of n characters (typos);
                                 at most 0.80 when the trade names differ
``english_similarity``    0.9×J  token Jaccard J ≥ 0.5 of English names
``abbreviation``          0.75   the shorter core is a subsequence (華瓷 / 華聯瓷業)
``region_agree``          +0.02  both provinces known and equal
``region_differ``         −0.20  both provinces known and different
========================  =====  ===============================================

With the default thresholds (match 0.85, review 0.70) a typo in the trade name (華聯 / 華連:
different trade names, maybe different companies) or an abbreviation goes to review, never
to an automatic merge; so does the same core in two provinces (0.75): trade names are only
unique within a region. Typos outside the trade name (industry words) can merge
automatically when the core is long enough (1 - 1/8 = 0.875).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Self

from duijie_core.identifiers import (
    IdentifierError,
    Problem,
    normalise_credit_code,
    normalise_hk_cr_no,
    parse_stock_code,
    problem,
)
from duijie_core.resolution.engine import Resolver, Scored
from duijie_core.resolution.linkage import Label
from duijie_core.resolution.model import Evidence, OrgRecord
from duijie_core.resolution.names import core_name, english_tokens, name_key, trade_name
from duijie_core.resolution.regions import DEFAULT_REGIONS, Regions, province_from_legal_name
from duijie_core.resolution.similarity import deletion_keys, edit_similarity, is_abbreviation

TRADE_NAME_DIFFER_CAP = 0.8
JURISDICTIONS = {"香港特别行政区": "hk", "澳门特别行政区": "mo", "台湾省": "tw"}
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


@dataclass(frozen=True)
class PreparedOrg:
    """Matching keys of one :class:`OrgRecord` (internal; never displayed)."""

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


def _evidence(rule: str, weight: float, **params: object) -> Evidence:
    return Evidence(
        rule, round(float(weight), 3), tuple(sorted((k, str(v)) for k, v in params.items()))
    )


def _unique(items: Iterable[str]) -> tuple[str, ...]:
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
    chinese = [n for n in written if _HAN.search(n)]
    latin = [n for n in (*written, *record.english_names) if not _HAN.search(n)]
    extra = [aliases[name_key(n)] for n in (*written, *latin) if name_key(n) in aliases]
    problems: list[Problem] = []
    stocks = (_read_identifier(code, parse_stock_code, problems) for code in record.stock_codes)
    return PreparedOrg(
        key=record.key,
        name_keys=frozenset(name_key(n) for n in (*chinese, *latin)),
        cores=_unique(core_name(n, regions) for n in (*chinese, *extra) if _HAN.search(n)),
        short_cores=frozenset(core_name(n, regions) for n in chinese if "公司" not in n),
        english=_unique_tokens(english_tokens(n) for n in (*latin, *extra) if not _HAN.search(n)),
        province=_province(record, chinese, regions),
        credit_code=_read_identifier(record.credit_code, normalise_credit_code, problems),
        hk_cr_no=_read_identifier(record.hk_cr_no, normalise_hk_cr_no, problems),
        stock_codes=frozenset(code for code in stocks if code),
        problems=tuple(problems),
    )


def _unique_tokens(items: Iterable[tuple[str, ...]]) -> tuple[tuple[str, ...], ...]:
    return tuple(dict.fromkeys(item for item in items if item))


def _province(record: OrgRecord, chinese: list[str], regions: Regions) -> str | None:
    """The province of the region field, else the first one a name reveals."""
    if record.region:
        found = regions.province_of(record.region)
        if found:
            return found
    return next((p for n in chinese if (p := province_from_legal_name(n, regions))), None)


def org_block_keys(org: PreparedOrg) -> list[str]:
    """Blocking keys: identifiers, core names, one-deletion variants, trade names, English.

    ``d:`` keys (the core and its one-deletion variants, for typos) are only used in small
    blocks (``max_typo_block``): in a dense namespace a typo is not told from another firm.
    """
    keys = [f"id:cc:{org.credit_code}"] if org.credit_code else []
    keys += [f"id:cr:{org.hk_cr_no}"] if org.hk_cr_no else []
    keys += [f"id:sc:{code}" for code in sorted(org.stock_codes)]
    for core in org.cores:
        keys.append(f"c:{core}")
        keys += [f"d:{variant}" for variant in deletion_keys(core)]
        keys.append(f"t:{trade_name(core)}")
    keys += [f"e:{' '.join(tokens)}" for tokens in org.english]
    return keys


def a_shares(org: PreparedOrg) -> set[str]:
    """The A-share codes of ``org``, B shares (200…, 900…) excluded."""
    return {
        code
        for code in org.stock_codes
        if not code.endswith(".HK") and not code.startswith(("200", "900"))
    }


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


def org_labels(org: PreparedOrg) -> list[Label]:
    """Cannot-link labels: one credit code, HK CR No., A-share code, province, jurisdiction."""
    labels = [("credit_code", org.credit_code)] if org.credit_code else []
    labels += [("hk_cr_no", org.hk_cr_no)] if org.hk_cr_no else []
    labels += [("province", org.province)] if org.province else []
    labels += [("a_share", code) for code in sorted(a_shares(org))[:1]]
    place = jurisdiction(org)
    return labels + ([("jurisdiction", place)] if place else [])


def identifier_evidence(a: PreparedOrg, b: PreparedOrg) -> list[Evidence]:
    """Evidence from identifiers: shared ones, and conflicts (weight 0)."""
    found = []
    for rule, x, y in (
        ("credit_code", a.credit_code, b.credit_code),
        ("hk_cr_no", a.hk_cr_no, b.hk_cr_no),
    ):
        if x and y:
            same = x == y
            found.append(
                _evidence(rule, 1.0, code=x) if same else _evidence(f"{rule}_conflict", 0, a=x, b=y)
            )
    shares_a, shares_b = a_shares(a), a_shares(b)
    if shares_a and shares_b and not shares_a & shares_b:
        found.append(_evidence("a_share_conflict", 0, a=min(shares_a), b=min(shares_b)))
    place_a, place_b = jurisdiction(a), jurisdiction(b)
    if place_a and place_b and place_a != place_b:
        found.append(_evidence("jurisdiction_conflict", 0, a=place_a, b=place_b))
    shared = sorted(a.stock_codes & b.stock_codes)
    found += [_evidence("stock_code", 0.97, code=code) for code in shared[:1]]
    return found


def chinese_name_evidence(a: PreparedOrg, b: PreparedOrg) -> Evidence | None:
    """The best evidence from the Chinese names of ``a`` and ``b`` (None if nothing similar)."""
    same = sorted(a.name_keys & b.name_keys)
    if same:
        return _evidence("same_name", 1.0, name=same[0])
    found = [
        core_pair_evidence(x, y, x in a.short_cores or y in b.short_cores)
        for x in a.cores
        for y in b.cores
    ]
    return max((e for e in found if e), key=lambda e: (e.weight, e.rule), default=None)


def core_pair_evidence(x: str, y: str, written_short: bool = False) -> Evidence | None:
    """The evidence two core names give, strongest rule first.

    ``short_name`` needs ``written_short``: one of the names was written without 公司
    (比亞迪, 宏達股份), not a full legal name that happens to reduce to a trade name.
    """
    if x == y:
        return _evidence("same_core_name", 0.95, core=x)
    short, full = sorted((x, y), key=lambda c: (len(c), c))
    if written_short and trade_name(full) == short and len(short) >= 2:
        return _evidence("short_name", 0.9, short=short, full=full)
    if abs(len(x) - len(y)) <= 2 and min(len(x), len(y)) >= 2:
        similarity = edit_similarity(x, y)
        if trade_name(x) != trade_name(y):
            similarity = min(similarity, TRADE_NAME_DIFFER_CAP)
        if similarity >= 0.6:
            return _evidence("core_name_similarity", similarity, a=x, b=y)
    if is_abbreviation(short, full):
        return _evidence("abbreviation", 0.75, short=short, full=full)
    return None


def english_name_evidence(a: PreparedOrg, b: PreparedOrg) -> Evidence | None:
    """The best evidence from the English names of ``a`` and ``b``."""
    best: Evidence | None = None
    for x in a.english:
        for y in b.english:
            if x == y:
                return _evidence("english_name", 0.93, name=" ".join(x))
            jaccard = len(set(x) & set(y)) / len(set(x) | set(y))
            if jaccard >= 0.5 and (best is None or 0.9 * jaccard > best.weight):
                best = _evidence("english_similarity", 0.9 * jaccard, a=" ".join(x), b=" ".join(y))
    return best


def region_evidence(a: PreparedOrg, b: PreparedOrg) -> Evidence | None:
    """Agreement (+0.02) or disagreement (−0.20) of two known provinces."""
    if a.province is None or b.province is None:
        return None
    if a.province == b.province:
        return _evidence("region_agree", 0.02, province=a.province)
    return _evidence("region_differ", -0.2, a=a.province, b=b.province)


def score_orgs(a: PreparedOrg, b: PreparedOrg) -> Scored:
    """The score of a pair (0 to 1) and the evidence behind it; 0 when identifiers conflict."""
    ids = identifier_evidence(a, b)
    if any(e.rule.endswith("_conflict") for e in ids):
        return 0.0, tuple(ids)
    names = [e for e in (chinese_name_evidence(a, b), english_name_evidence(a, b)) if e]
    best_name = max(names, key=lambda e: e.weight, default=None)
    region = region_evidence(a, b)
    name_score = (best_name.weight if best_name else 0.0) + (region.weight if region else 0.0)
    score = max([name_score, *(e.weight for e in ids)])
    evidence = [*ids, *([best_name] if best_name else []), *([region] if region else [])]
    return min(max(score, 0.0), 1.0), tuple(evidence)


class OrgResolver(Resolver[OrgRecord, PreparedOrg]):
    """Resolve organisations (see the module docstring for the rules and scores).

    ``regions`` is the gazetteer (:func:`~duijie_core.resolution.regions.load_regions`);
    ``aliases`` maps a known name to another name of the same organisation, e.g.
    ``{"BYD": "比亞迪"}`` (compared by normalised key). Learned: ``identifier_problems_``
    (record key → problems with identifiers that were ignored).
    """

    def __init__(
        self,
        *,
        threshold: float = 0.85,
        review_threshold: float = 0.7,
        max_block: int = 200,
        ambiguity_margin: float = 0.05,
        max_typo_block: int = 30,
        regions: Regions = DEFAULT_REGIONS,
        aliases: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(
            threshold=threshold,
            review_threshold=review_threshold,
            max_block=max_block,
            ambiguity_margin=ambiguity_margin,
        )
        self.max_typo_block = max_typo_block
        self.regions = regions
        self.aliases = aliases

    def fit(self, records: Sequence[OrgRecord]) -> Self:
        """Learn the existing organisations (see :meth:`Resolver.fit`)."""
        self._alias_keys = {name_key(k): v for k, v in (self.aliases or {}).items()}
        super().fit(records)
        self.identifier_problems_ = {p.key: p.problems for p in self.prepared_ if p.problems}
        return self

    def _key(self, record: OrgRecord) -> str:
        return record.key

    def _block_limit(self, key: str) -> int:
        return self.max_typo_block if key.startswith("d:") else self.max_block

    def _prepare(self, record: OrgRecord) -> PreparedOrg:
        return prepare_org(record, self.regions, self._alias_keys)

    def _block_keys(self, prepared: PreparedOrg) -> list[str]:
        return org_block_keys(prepared)

    def _labels(self, prepared: PreparedOrg) -> list[Label]:
        return org_labels(prepared)

    def _score(self, a: PreparedOrg, b: PreparedOrg) -> Scored:
        return score_orgs(a, b)


def check_merge(a: OrgRecord, b: OrgRecord) -> list[Problem]:
    """Why ``a`` and ``b`` may not be merged (empty when they may).

    Refused: merging a record with itself, and different credit codes or HK CR Nos
    (compared in canonical form; identifiers that cannot be read do not block a merge).
    """
    if a.key == b.key:
        return [problem("merge.same_record", key=a.key)]
    found = []
    x, y = prepare_org(a), prepare_org(b)
    for code, first, second in (
        ("merge.credit_code_conflict", x.credit_code, y.credit_code),
        ("merge.hk_cr_no_conflict", x.hk_cr_no, y.hk_cr_no),
    ):
        if first and second and first != second:
            found.append(problem(code, a=first, b=second))
    return found
