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

Then names, compared on their core names (see :mod:`duijie_core.resolution.names`,
:mod:`.orgevidence` and :mod:`.romanise`); the best name rule counts:

=============================  =====  ==========================================
rule                           score  meaning
=============================  =====  ==========================================
``same_name``                  1.00   same normalised Chinese name (T/S, width, case);
                                      an equal English name only if a side lacks Chinese
``same_core_name``             0.95   same name once region and legal form are stripped
``short_name``                 0.90   a name written without 公司 is the other's trade name
``romanised_name``             0.90   English name = pinyin of the trade name + industry in
                                      English (Xiangneng Energy Storage / 湘能储能)
``homophone_name_same_frame``  0.88   cores read the same, names otherwise identical
                                      (长沙华联科技有限公司 / 长沙华连科技有限公司)
``english_name``               0.93   same distinctive English tokens (0.80 when both
                                      records have Chinese names or the English name is
                                      carried by records with different Chinese names)
``name_typo_same_frame``       0.80   one core character differs, names otherwise identical
``romanised_name_partial``     0.78   pinyin matches, industry missing, or two Chinese trade
                                      names read that way
``homophone_name``             0.76   cores read the same (different place or legal form)
``abbreviation``               0.72   the shorter core is a subsequence (華瓷 / 華聯瓷業)
``core_name_similarity``       1-d/n  edit distance d on cores of n characters; at most
                                      0.65 (below review) when trade names differ
``english_similarity``         0.9×J  token Jaccard J ≥ 0.5 of English names (capped as
                                      ``english_name``)
``trade_name_inside``          0.90   a short name stands inside one firm's registered name
                                      (时代电气 / 株洲中车时代电气)
``short_name_ambiguous``       0.75   such a short name (or a ``short_name``) that several
                                      firms hold: review
``body_differs``               0      public bodies, chambers, associations, universities
                                      of another place or group (:mod:`.orgkinds`)
``place_differs``              cap    names starting with different cities: at most 0.60
``region_agree``               +0.02  both provinces known and equal
``region_differ``              −0.20  both provinces known and different
``ambiguous_name``             cap    a record without province matches a name carried in
                                      two provinces (of its jurisdiction): at most 0.80
=============================  =====  ==========================================

With the default thresholds (match 0.85, review 0.70) a homophone typo in an otherwise
identical name merges; a one-character typo that is not a homophone, a homophone in another
place, an abbreviation, an ambiguous short name and the same core in two provinces (0.75)
go to review, never to an automatic merge: trade names are only unique within a region.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Self

from duijie_core.identifiers import problem
from duijie_core.problems import Problem
from duijie_core.resolution.engine import Resolver, Scored
from duijie_core.resolution.linkage import Label
from duijie_core.resolution.model import Evidence, OrgRecord
from duijie_core.resolution.names import name_key
from duijie_core.resolution.orgevidence import (
    AMBIGUOUS_CAP,
    EMPTY_CONTEXT,
    NameContext,
    chinese_name_evidence,
    english_name_evidence,
    name_context,
    region_evidence,
    romanised_evidence,
)
from duijie_core.resolution.orgevidence import evidence as _evidence
from duijie_core.resolution.orgkeys import (
    JURISDICTIONS,
    PreparedOrg,
    jurisdiction,
    org_block_keys,
    prepare_org,
)
from duijie_core.resolution.orgkinds import body_evidence, place_evidence
from duijie_core.resolution.regions import DEFAULT_REGIONS, Regions

TYPO_KEYS = ("d:", "f:")
PLACE_DIFFERS_CAP = 0.6
ROMANISED_CAP = 0.65


def a_shares(org: PreparedOrg) -> set[str]:
    """The A-share codes of ``org``, B shares (200…, 900…) excluded."""
    return {
        code
        for code in org.stock_codes
        if not code.endswith(".HK") and not code.startswith(("200", "900"))
    }


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


def score_orgs(a: PreparedOrg, b: PreparedOrg, context: NameContext = EMPTY_CONTEXT) -> Scored:
    """The score of a pair (0 to 1) and the evidence behind it; 0 when identifiers conflict.

    The best name evidence counts, plus the region; an ``ambiguous_name`` note caps the name
    score at review level.
    """
    ids = identifier_evidence(a, b)
    if any(e.rule.endswith("_conflict") for e in ids):
        return 0.0, tuple(ids)
    body = body_evidence(a.bodies, b.bodies)
    if body is not None:
        return max([0.0, *(e.weight for e in ids)]), (*ids, body)
    chinese, romanised = chinese_name_evidence(a, b, context), romanised_evidence(a, b, context)
    if a.cores and b.cores and romanised:  # the Chinese names are the legal ones
        romanised = [replace(romanised[0], weight=min(romanised[0].weight, ROMANISED_CAP))]
    english = english_name_evidence(a, b, context)
    options = [found for found in (chinese, romanised, [english] if english else []) if found]
    names = max(options, key=lambda found: found[0].weight, default=[])
    region = region_evidence(a, b)
    name_score = (names[0].weight if names else 0.0) + (region.weight if region else 0.0)
    if any(e.rule == "ambiguous_name" for e in names):
        name_score = min(name_score, AMBIGUOUS_CAP)
    place = place_evidence(a.cities, b.cities) if names else None
    if place is not None:
        names, name_score = [*names, place], min(name_score, PLACE_DIFFERS_CAP)
    score = max([name_score, *(e.weight for e in ids)])
    evidence = [*ids, *names, *([region] if region else [])]
    return round(min(max(score, 0.0), 1.0), 3), tuple(evidence)


class OrgResolver(Resolver[OrgRecord, PreparedOrg, NameContext]):
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
        return self.max_typo_block if key.startswith(TYPO_KEYS) else self.max_block

    def _prepare(self, record: OrgRecord) -> PreparedOrg:
        return prepare_org(record, self.regions, self._alias_keys)

    def _block_keys(self, prepared: PreparedOrg) -> list[str]:
        return org_block_keys(prepared)

    def _labels(self, prepared: PreparedOrg) -> list[Label]:
        return org_labels(prepared)

    def _context(self, prepared: Sequence[PreparedOrg]) -> NameContext:
        return name_context(prepared)

    def _score(self, a: PreparedOrg, b: PreparedOrg, context: NameContext) -> Scored:
        return score_orgs(a, b, context)


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


__all__ = [
    "JURISDICTIONS",
    "OrgResolver",
    "PreparedOrg",
    "check_merge",
    "jurisdiction",
    "prepare_org",
    "score_orgs",
]
