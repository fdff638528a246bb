"""Every write of the chains app: chain edits and imports, placing firms, making leads.

A chain is always written whole and only when the core finds nothing wrong with it
(:func:`duijie_core.chains.model.validate`: cycles, dangling links, duplicate links, links
with no mapping); otherwise :class:`ChainRejected` carries the problems and nothing is
saved.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from duijie.chains.adapters import FIRM_KINDS, core_chains
from duijie.chains.cache import bump
from duijie.chains.models import (
    Chain,
    Edge,
    Link,
    Placement,
    PlacementReview,
    PlacementStatus,
    ReviewDecision,
)
from duijie.directory.models import Organisation
from duijie.pipeline.models import Deal
from duijie.pipeline.services import create_deal
from duijie.reference.models import PromotionMethod
from duijie_core.chains import model as core
from duijie_core.chains.embedding import EmbeddingPlacer
from duijie_core.chains.knowledge import Company, KnowledgeGraph, stock_code
from duijie_core.chains.placement import Placement as CorePlacement
from duijie_core.chains.placement import Placer
from duijie_core.problems import Problem

INDUSTRY_CHAIN_METHOD = "industry-chain"


class ChainRejected(Exception):
    """The chain as edited has problems; nothing was saved."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        super().__init__(", ".join(p.code for p in problems))
        self.problems = tuple(problems)


@dataclass(frozen=True)
class ChainDraft:
    """A whole chain as a form or a spreadsheet gives it (links carry their upstream codes)."""

    code: str
    names: core.Names
    links: tuple[core.Link, ...]
    kinds: tuple[str, ...] = ()

    def as_core(self) -> core.Chain:
        return core.Chain(self.code, self.names, self.links, self.kinds)


def check_draft(draft: ChainDraft) -> tuple[Problem, ...]:
    """What the core finds wrong with `draft` (empty when it may be saved)."""
    return core.validate(draft.as_core())


@transaction.atomic
def save_chain(*, draft: ChainDraft, order: int | None = None) -> Chain:
    """Create or replace the chain `draft.code` with exactly the draft's links and edges.

    Raises :class:`ChainRejected` (nothing written) when the draft has problems. Side
    effects: the chain row, its links (matched by code: kept, renamed, added, deleted with
    their placements) and edges, each change recorded in the history.
    """
    problems = check_draft(draft)
    if problems:
        raise ChainRejected(problems)
    chain = Chain.objects.filter(code=draft.code).first() or Chain(code=draft.code)
    _set_names(chain, draft.names)
    chain.kinds = list(draft.kinds)
    if order is not None:
        chain.order = order
    chain.save()
    links = _save_links(chain, draft.links)
    _save_edges(chain, draft.links, links)
    return chain


def _set_names(row: Chain | Link, names: core.Names) -> None:
    row.name, row.name_hant, row.name_en = names.zh_hans, names.zh_hant, names.en


def _save_links(chain: Chain, drafts: Sequence[core.Link]) -> dict[str, Link]:
    existing = {link.code: link for link in chain.links.all()}
    for code in set(existing) - {d.id for d in drafts}:
        existing.pop(code).delete()
    for order, draft in enumerate(drafts):
        link = existing.get(draft.id) or Link(chain=chain, code=draft.id)
        before = _link_values(link) if link.pk else None
        _set_names(link, draft.names)
        link.gbt, link.shenwan, link.keywords = (
            list(draft.gbt),
            list(draft.shenwan),
            list(draft.keywords),
        )
        link.io_sector, link.order = draft.io_sector, order
        if before != _link_values(link):
            link.save()
        existing[draft.id] = link
    return existing


def _link_values(link: Link) -> tuple[Any, ...]:
    fields = ("name", "name_hant", "name_en", "gbt", "shenwan", "keywords", "io_sector", "order")
    return tuple(getattr(link, f) for f in fields)


def _save_edges(chain: Chain, drafts: Sequence[core.Link], links: dict[str, Link]) -> None:
    wanted = {(links[u].pk, links[d.id].pk) for d in drafts for u in d.upstream}
    for edge in chain.edges.all():
        if (edge.upstream_id, edge.downstream_id) not in wanted:
            edge.delete()
        else:
            wanted.discard((edge.upstream_id, edge.downstream_id))
    names = {link.pk: link.name for link in links.values()}
    for upstream, downstream in sorted(wanted):
        Edge.objects.create(
            chain=chain, upstream_id=upstream, downstream_id=downstream,
            label=f"{names[upstream]} → {names[downstream]}",
        )  # fmt: skip


def draft_of(chain: core.Chain) -> ChainDraft:
    """A stored (core) chain as a draft, e.g. to edit it."""
    return ChainDraft(chain.id, chain.names, chain.links, chain.kinds)


def load_shipped_chains() -> int:
    """Create the chains shipped with the core that are not in the database yet.

    Side effects: chains, links and edges (with history). Returns how many were created.
    """
    known = set(Chain.objects.values_list("code", flat=True))
    created = 0
    for order, chain in enumerate(core.shipped_chains()):
        if chain.id not in known:
            save_chain(draft=draft_of(chain), order=order)
            created += 1
    return created


def firm_texts(organisation: Organisation) -> list[str]:
    """What the lexical placer reads of a firm: its names and its description."""
    return [t for t in (organisation.name, organisation.name_en, organisation.description) if t]


@transaction.atomic
def place_firms(
    *,
    organisations: Iterable[Organisation] | None = None,
    knowledge: KnowledgeGraph | None = None,
    embedding: EmbeddingPlacer | None = None,
) -> int:
    """Place every firm of the directory (or `organisations`) on the links of every chain.

    A firm is placed through its GB/T 4754 classes (confidence 0.9) and lexically from its
    names and description (0.4 + 0.15 per keyword, at most 0.8); a listed firm found in
    `knowledge` (a chain_kg-shaped graph, by its six-digit stock code) also through its
    Shenwan industry and weighted products (0.5–0.95, with its revenue share on the link);
    with a fitted `embedding` placer, firms with a description also by its meaning
    (0.4–0.75, at the measured threshold). The higher confidence wins per link, with the
    evidence of all. Staff's reviews hold: a confirmed placement stays confirmed (and stays
    even when no evidence is found any more), a rejected one is not proposed again unless
    its evidence changed. Side effects: the firms' placements are replaced; kept analyses
    become stale. Returns the number of placements written.
    """
    chains = core_chains()
    placer = Placer(chains, knowledge.industry_names if knowledge else None)
    listed = {c.code: c for c in knowledge.companies} if knowledge else {}
    links = {(link.chain.code, link.code): link.pk for link in Link.objects.select_related("chain")}
    firms = (
        Organisation.objects.filter(kind__in=FIRM_KINDS).prefetch_related("industries")
        if organisations is None
        else organisations
    )
    reviews = {
        (r.organisation_id, r.link_id): r
        for r in PlacementReview.objects.only(
            "organisation_id", "link_id", "decision", "evidence_key"
        )
    }
    found = [(o, _found_for(o, placer, listed)) for o in firms]
    if embedding is not None:
        by_meaning = _by_meaning(embedding, [o for o, _ in found])
        found = [(o, placed + by_meaning.get(str(o.pk), [])) for o, placed in found]
    ids = [organisation.pk for organisation, _ in found]
    rows = [
        row
        for organisation, placed in found
        for row in _rows_of(organisation, placed, links)
        if _still_proposed(row, reviews)
    ]
    _replace_placements(rows, None if organisations is None else ids)
    return len(rows)


def _replace_placements(rows: Sequence[Placement], firm_ids: Sequence[int] | None) -> None:
    """Write `rows` instead of the placements of `firm_ids` (None: of every firm), keeping
    the confirmed placements no row replaces; kept analyses become stale."""
    written = {(row.organisation_id, row.link_id) for row in rows}
    kept = [
        pk
        for pk, firm, link in Placement.objects.filter(status=PlacementStatus.CONFIRMED)
        .values_list("pk", "organisation_id", "link_id")
        .iterator()
        if (firm, link) not in written
    ]
    stale = Placement.objects.exclude(pk__in=kept)
    (stale if firm_ids is None else stale.filter(organisation_id__in=firm_ids)).delete()
    Placement.objects.bulk_create(rows, batch_size=2000)
    bump()


def evidence_key(evidence: Sequence[dict[str, Any]]) -> str:
    """A fingerprint of a placement's evidence (order does not matter)."""
    text = json.dumps(sorted(evidence, key=lambda e: json.dumps(e, sort_keys=True)), sort_keys=True)
    return hashlib.sha1(text.encode(), usedforsecurity=False).hexdigest()


def _still_proposed(row: Placement, reviews: dict[tuple[int, int], PlacementReview]) -> bool:
    """False for a placement rejected on the same evidence; marks confirmed ones."""
    review = reviews.get((row.organisation_id, row.link_id))
    if review is None:
        return True
    if review.decision == ReviewDecision.CONFIRMED:
        row.status = PlacementStatus.CONFIRMED
        return True
    return review.evidence_key != evidence_key(row.evidence)


def _found_for(
    organisation: Organisation, placer: Placer, listed: dict[str, Company]
) -> list[CorePlacement]:
    """What the classification, lexical and listed-company placers find for a firm."""
    firm = str(organisation.pk)
    codes = [industry.code for industry in organisation.industries.all()]
    found = placer.place_classified(firm, codes) + placer.place_text(firm, firm_texts(organisation))
    company = listed.get(stock_code(organisation.stock_code)) if organisation.stock_code else None
    if company is not None:
        found += placer.place_listed(company)
    return found


def _by_meaning(
    embedding: EmbeddingPlacer, organisations: Sequence[Organisation]
) -> dict[str, list[CorePlacement]]:
    """The embedding placer's placements of the firms that have a description (one batch)."""
    texts = [
        (str(o.pk), f"{o.name} {o.description}") for o in organisations if o.description.strip()
    ]
    found: dict[str, list[CorePlacement]] = {}
    for placed in embedding.place(texts):
        found.setdefault(placed.firm, []).append(placed)
    return found


def _rows_of(
    organisation: Organisation, found: Sequence[CorePlacement], links: dict[tuple[str, str], int]
) -> list[Placement]:
    """One placement row per link: the highest confidence, the evidence of every placer."""
    best: dict[tuple[str, str], Placement] = {}
    for placed in found:
        key = (placed.chain, placed.link)
        evidence = [
            {"kind": e.kind, "detail": e.detail, "weight": e.weight} for e in placed.evidence
        ]
        if key in best:
            row = best[key]
            row.confidence = max(row.confidence, placed.confidence)
            row.scale = max(row.scale, placed.scale)
            row.evidence = [*row.evidence, *evidence]
            continue
        best[key] = Placement(
            organisation=organisation, link_id=links[key], confidence=placed.confidence,
            scale=placed.scale, evidence=evidence,
        )  # fmt: skip
    return list(best.values())


@transaction.atomic
def review_placement(*, placement: Placement, decision: str, user: Any, now: dt.datetime) -> None:
    """Staff confirm or reject an automatic placement.

    Side effects: the firm's review of the link (created or changed, with history);
    confirmed: the placement is marked confirmed; rejected: the placement is deleted (and
    not proposed again while its evidence stays the same). Kept analyses become stale.
    """
    PlacementReview.objects.update_or_create(
        organisation_id=placement.organisation_id,
        link_id=placement.link_id,
        defaults={
            "decision": decision, "evidence": placement.evidence,
            "firm_name": placement.organisation.name,
            "evidence_key": evidence_key(placement.evidence), "reviewed_by": user,
            "reviewed_at": now,
        },
    )  # fmt: skip
    if decision == ReviewDecision.CONFIRMED:
        placement.status = PlacementStatus.CONFIRMED
        placement.save(update_fields=["status"])
    else:
        placement.delete()
    bump()


@transaction.atomic
def make_lead(*, organisation: Organisation, link: Link, region_name: str, owner: Any,
              today: dt.date) -> Deal:  # fmt: skip
    """Turn a target into a pipeline lead tagged with the industry-chain promotion method.

    Side effects: one Deal at the lead stage (investor: the target firm) and its method link.
    """
    method = PromotionMethod.objects.get(code=INDUSTRY_CHAIN_METHOD)
    title = f"{organisation.short_name or organisation.name} · {link.chain.name} · {link.name}"
    title_en = (
        f"{organisation.name_en or organisation.name} · {link.chain.name_en} · {link.name_en}"
    )
    return create_deal(
        title=title[:300], title_en=title_en[:300], investor=organisation, owner=owner,
        opened_on=today, methods=[method], enterprise=organisation,
        notes=f"{link.chain.name_hant} / {link.name_hant} — {region_name}",
    )  # fmt: skip
