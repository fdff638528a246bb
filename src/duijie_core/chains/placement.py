"""Firms on links, each placement with a confidence and its evidence.

Listed companies are placed through their Shenwan industry (confidence 0.9) and through their
weighted main products (a product whose name contains a link keyword; confidence 0.5 + half the
revenue share of the matching products, at most 0.85; both together 0.95). Any other firm is
placed through the GB/T 4754 classes it is filed under (:meth:`Placer.place_classified`;
confidence 0.9, a class under a link's code counts) and lexically from its product names or
description: the text is normalised
(:func:`duijie_core.text.normalise`: 繁/简, full-width, case) and searched for every link
keyword (Chinese and English; an English keyword only as a whole word, so "led" is not found
in "controlled"); confidence 0.4 + 0.15 per distinct keyword found, at most 0.8.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from duijie_core.chains.knowledge import Company
from duijie_core.chains.model import Chain
from duijie_core.text import normalise

INDUSTRY_CONFIDENCE = 0.9
BOTH_CONFIDENCE = 0.95
PRODUCT_BASE, PRODUCT_MAX = 0.5, 0.85
TEXT_BASE, TEXT_STEP, TEXT_MAX = 0.4, 0.15, 0.8

LinkKey = tuple[str, str]  # (chain id, link id)


@dataclass(frozen=True)
class Evidence:
    """Why a firm is on a link: ``kind`` is industry, product or text."""

    kind: str
    detail: str
    weight: float = 0.0


@dataclass(frozen=True)
class Placement:
    """A firm on a link; ``scale``: revenue share of its products on the link (0 = unknown)."""

    firm: str
    chain: str
    link: str
    confidence: float
    scale: float
    evidence: tuple[Evidence, ...]


class Placer:
    """Maps industries and texts to links; built once for a set of chains."""

    def __init__(
        self, chains: Sequence[Chain], industry_names: Mapping[str, str] | None = None
    ) -> None:
        self.chains = tuple(chains)
        self.industry_names = dict(industry_names or {})
        by_industry: dict[str, list[LinkKey]] = defaultdict(list)
        by_keyword: dict[str, list[LinkKey]] = defaultdict(list)
        by_gbt: dict[str, list[LinkKey]] = defaultdict(list)
        for chain in chains:
            for link in chain.links:
                for code in link.gbt:
                    by_gbt[code].append((chain.id, link.id))
                for code in link.shenwan:
                    by_industry[code].append((chain.id, link.id))
                for keyword in link.keywords:
                    by_keyword[normalise(keyword)].append((chain.id, link.id))
        self.by_industry = dict(by_industry)
        self.by_keyword = dict(by_keyword)
        self.by_gbt = dict(by_gbt)
        ordered = sorted(by_keyword, key=len, reverse=True)
        self._pattern = re.compile("|".join(map(re.escape, ordered))) if ordered else None

    def keywords_in(self, text: str) -> dict[LinkKey, list[str]]:
        """The link keywords found in `text`, by link (overlapping matches included)."""
        found: dict[LinkKey, list[str]] = defaultdict(list)
        if self._pattern is None:
            return found
        key = normalise(text)
        for start in range(len(key)):
            match = self._pattern.match(key, start)
            if match is None:
                continue
            for keyword in _contained(match.group(), self.by_keyword):
                if not _whole_word(key, start, start + len(keyword)):
                    continue
                for link in self.by_keyword[keyword]:
                    if keyword not in found[link]:
                        found[link].append(keyword)
        return found

    def place_text(self, firm: str, texts: Iterable[str]) -> list[Placement]:
        """Lexical placement of `firm` from its product names or description `texts`."""
        keywords: dict[LinkKey, list[str]] = defaultdict(list)
        for text in texts:
            for link, words in self.keywords_in(text).items():
                keywords[link].extend(w for w in words if w not in keywords[link])
        return [
            Placement(
                firm,
                chain,
                link,
                round(min(TEXT_MAX, TEXT_BASE + TEXT_STEP * len(words)), 4),
                0.0,
                tuple(Evidence("text", word) for word in words),
            )
            for (chain, link), words in sorted(keywords.items())
        ]

    def place_classified(self, firm: str, gbt_codes: Iterable[str]) -> list[Placement]:
        """Placement of `firm` through its GB/T 4754 codes: a code equal to or under (longer
        than, starting with) a link's code places the firm on that link."""
        evidence: dict[LinkKey, list[Evidence]] = defaultdict(list)
        for code in gbt_codes:
            digits = code.lstrip("ABCDEFGHIJKLMNOPQRST")
            for end in range(2, len(digits) + 1):
                for link in self.by_gbt.get(digits[:end], ()):
                    evidence[link].append(Evidence("industry", f"GB/T {digits}"))
        return [
            Placement(firm, chain, link, INDUSTRY_CONFIDENCE, 0.0, tuple(items))
            for (chain, link), items in sorted(evidence.items())
        ]

    def place_listed(self, company: Company, *, use_industry: bool = True) -> list[Placement]:
        """Placement of a listed company through its industry and its weighted products."""
        evidence: dict[LinkKey, list[Evidence]] = defaultdict(list)
        if use_industry:
            for code in company.industries:
                for link in self.by_industry.get(code, ()):
                    name = self.industry_names.get(code)
                    evidence[link].append(Evidence("industry", f"{code} {name}" if name else code))
        for product, weight in company.products:
            for link in self.keywords_in(product):
                evidence[link].append(Evidence("product", product, weight))
        placements = []
        for (chain_id, link_id), items in sorted(evidence.items()):
            share = sum(min(1.0, max(0.0, e.weight)) for e in items if e.kind == "product")
            has_product = any(e.kind == "product" for e in items)
            has_industry = any(e.kind == "industry" for e in items)
            if has_industry and has_product:
                confidence = BOTH_CONFIDENCE
            elif has_industry:
                confidence = INDUSTRY_CONFIDENCE
            else:
                confidence = min(PRODUCT_MAX, PRODUCT_BASE + share / 2)
            placements.append(
                Placement(
                    company.code,
                    chain_id,
                    link_id,
                    round(confidence, 4),
                    round(min(1.0, share), 4),
                    tuple(items),
                )
            )
        return placements


def _contained(text: str, keywords: dict[str, list[LinkKey]]) -> list[str]:
    """`text` (a longest match) and every shorter keyword that is a prefix of it."""
    return [text[:end] for end in range(len(text), 0, -1) if text[:end] in keywords]


def _latin(character: str) -> bool:
    return character.isascii() and character.isalnum()


def _whole_word(text: str, start: int, end: int) -> bool:
    """False when a keyword starting or ending with a Latin letter is inside a word (a plural
    ``s``/``es`` after it is allowed)."""
    if _latin(text[start]) and start > 0 and _latin(text[start - 1]):
        return False
    if not _latin(text[end - 1]):
        return True
    for plural in ("", "s", "es"):
        stop = end + len(plural)
        if text[end:stop] == plural and (stop >= len(text) or not _latin(text[stop])):
            return True
    return False
