"""Domain functions of the pipeline: every write goes through here.

Each function takes keyword arguments, runs in a transaction and keeps the deal's
denormalised figures (stage, milestone dates, CNY amounts, last progress) in step
with its events via :func:`refresh_deal`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.db.models import Q, Sum

from duijie.catalogue.models import Project
from duijie.directory.resolution import name_lookalikes, resolved_as_same
from duijie.env import env_int
from duijie.matchmaking.providers import OutcomeRecord
from duijie.pipeline.models import (
    COUNTED_STATUSES,
    GAP_FIELDS,
    REPORTING_CURRENCY,
    STAGE_DATE_FIELDS,
    CapitalArrival,
    Deal,
    DuplicateStatus,
    ExchangeRate,
    ResignSuspicion,
    Stage,
    StageEvent,
)
from duijie.pipeline.phrases import PipelineError
from duijie_core import money
from duijie_core.pipeline import currency
from duijie_core.pipeline.figures import milestone_gaps
from duijie_core.pipeline.similarity import DealKey, Suspicion, find_suspects, organisation_keys
from duijie_core.pipeline.stages import Move, check_evidence, check_move
from duijie_core.pipeline.stages import Stage as CoreStage
from duijie_core.problems import Problem

DEFAULT_STALL_DAYS = 90


def stall_days() -> int:
    """Days without progress after which a deal is stalled (setting, env, default 90)."""
    configured = getattr(settings, "PIPELINE_STALL_DAYS", None)
    return int(configured) if configured else env_int("STALL_DAYS", DEFAULT_STALL_DAYS)


def core_rate(row: ExchangeRate) -> money.ExchangeRate:
    return money.ExchangeRate(row.base, row.quote, Decimal(row.rate), row.on)


def core_rates() -> list[money.ExchangeRate]:
    """Every stored rate as the core's rate (for matching's price comparisons)."""
    return [core_rate(r) for r in ExchangeRate.objects.all()]


def to_reporting(amount: Decimal, code: str, on: dt.date) -> tuple[Decimal, ExchangeRate | None]:
    """`amount` of `code` in CNY at the rate in force on `on`; PipelineError if no rate."""
    rows = {r.pk: r for r in ExchangeRate.objects.filter(base=code, quote=REPORTING_CURRENCY)}
    found = currency.convert_on(
        money.Money(amount, code), quote=REPORTING_CURRENCY, on=on,
        rates=[core_rate(r) for r in rows.values()],
    )  # fmt: skip
    if isinstance(found, Problem):
        raise PipelineError([found])
    used = next((r for r in rows.values() if found.rate and core_rate(r) == found.rate), None)
    return found.converted.amount, used


def read_amount(text: str, code: str) -> money.Amount:
    """Parse an amount as written; PipelineError if it cannot be read."""
    try:
        return money.parse_amount(text, default_currency=code)
    except money.AmountError:
        raise PipelineError([Problem("amount_unreadable", {"text": text})]) from None


def _apply_amount(deal: Deal, text: str, code: str) -> None:
    """Set the amount fields of `deal` from `text` (a range keeps its midpoint)."""
    middle = money.amount_midpoint(read_amount(text, code)) if text.strip() else None
    deal.amount_text = text.strip()
    deal.amount = middle.amount if middle else None
    deal.currency = middle.currency if middle else code
    deal.amount_approximate = bool(middle and middle.approximate)


def _convert_deal_amount(deal: Deal) -> None:
    """Refresh ``amount_cny`` at the signing date (or today); no rate leaves it empty."""
    deal.amount_cny, deal.amount_rate = None, None
    if deal.amount is None:
        return
    try:
        deal.amount_cny, deal.amount_rate = to_reporting(
            deal.amount, deal.currency, deal.signed_on or deal.opened_on
        )
    except PipelineError:
        return


@transaction.atomic
def create_deal(*, title: str, investor, owner, opened_on: dt.date, amount_text: str = "",
                currency_code: str = REPORTING_CURRENCY, methods: Iterable = (),
                **fields) -> Deal:  # fmt: skip
    """Open a deal at the lead stage.

    Side effects: creates the Deal and its promotion-method links. ``fields`` are
    further Deal fields (title_en, project, enterprise, edition, event_name, city,
    key_industry, notes, is_demo).
    """
    deal = Deal(title=title, investor=investor, owner=owner, opened_on=opened_on, **fields)
    deal.last_progress_on = opened_on
    _apply_amount(deal, amount_text, currency_code)
    _convert_deal_amount(deal)
    deal.save()
    deal.methods.set(list(methods))
    return deal


# Fields whose change can make a signed deal look like (or stop looking like) another.
IDENTITY_FIELDS = ("title", "title_en", "investor_id", "project_id", "amount_cny", "city_id")


def _identity(deal: Deal) -> tuple[object, ...]:
    return tuple(getattr(deal, f) for f in IDENTITY_FIELDS)


@transaction.atomic
def update_deal_amount(*, deal: Deal, amount_text: str, currency_code: str) -> Deal:
    """Change the agreed amount. Side effects: as :func:`update_deal`."""
    return update_deal(deal=deal, amount_text=amount_text, currency_code=currency_code)


@transaction.atomic
def update_deal(*, deal: Deal, amount_text: str, currency_code: str = REPORTING_CURRENCY,
                methods: Iterable | None = None, **fields) -> Deal:  # fmt: skip
    """Change a deal's details (``fields`` as in :func:`create_deal`) and agreed amount.

    Side effects: saves the deal with a fresh CNY value; sets its promotion methods
    when given; when a signed deal's name, investor, project, city or amount changed,
    runs the re-signing check again (:func:`recheck_resigning`).
    """
    before = _identity(deal)
    for name, value in fields.items():
        setattr(deal, name, value)
    _apply_amount(deal, amount_text, currency_code)
    _convert_deal_amount(deal)
    deal.save()
    if methods is not None:
        deal.methods.set(list(methods))
    if deal.signed_on and _identity(deal) != before:
        recheck_resigning(deal)
    return deal


def _has_evidence(file: object, link: str, note: str) -> bool:
    return bool(file) or bool(link.strip()) or bool(note.strip())


def _evidence_problems(kind: str, file: object, link: str, note: str) -> list[Problem]:
    """Problems when the evidence kind does not match what was supplied."""
    if not _has_evidence(file, link, note):
        return []  # reported once as evidence_required by check_move
    return check_evidence(
        kind, has_file=bool(file), has_link=bool(link.strip()), has_note=bool(note.strip())
    )


@transaction.atomic
def move_deal(*, deal: Deal, to_stage: int, on: dt.date, by, evidence_kind: str,
              evidence_file=None, evidence_link: str = "", evidence_note: str = "",
              reason: str = "", today: dt.date) -> StageEvent:  # fmt: skip
    """Move `deal` to `to_stage` with dated evidence (see :mod:`duijie_core.pipeline.stages`).

    Side effects: creates a StageEvent, refreshes the deal's figures and, when the
    deal first reaches *signed*, runs the re-signing check. Raises PipelineError.
    """
    move = Move(
        CoreStage(deal.stage), CoreStage(to_stage), on,
        has_evidence=_has_evidence(evidence_file, evidence_link, evidence_note),
        reason=reason,
    )  # fmt: skip
    problems = check_move(move, today=today)
    problems += _evidence_problems(evidence_kind, evidence_file, evidence_link, evidence_note)
    if problems:
        raise PipelineError(problems)
    event = StageEvent.objects.create(
        deal=deal, from_stage=deal.stage, to_stage=to_stage, occurred_on=on,
        evidence_kind=evidence_kind, evidence_file=evidence_file or "",
        evidence_link=evidence_link.strip(), evidence_note=evidence_note.strip(),
        reason=reason.strip(), confirmed_by=by,
    )  # fmt: skip
    refresh_deal(deal)
    return event


def replay(events: Iterable[tuple[int, dt.date]]) -> tuple[int, dict[int, dt.date]]:
    """The stage and first evidenced milestone dates after `events` ``(to_stage, on)``.

    Forward moves date the target and every skipped stage (if not dated yet);
    back-steps clear the dates of the stages above the new stage.
    """
    stage, reached = int(Stage.LEAD), {}
    for to_stage, on in events:
        if to_stage > stage:
            for passed in range(stage + 1, to_stage + 1):
                reached.setdefault(passed, on)
        else:
            reached = {s: d for s, d in reached.items() if s <= to_stage}
        stage = to_stage
    return stage, reached


def refresh_deal(deal: Deal) -> None:
    """Recompute the deal's stage, milestone dates, CNY amounts and last progress.

    Side effects: saves the deal; the first time it counts as signed, runs
    :func:`check_resigning`.
    """
    events = list(deal.events.order_by("occurred_on", "pk").values_list("to_stage", "occurred_on"))
    was_signed = deal.signed_on is not None
    deal.stage, reached = replay(events)
    for stage, field in STAGE_DATE_FIELDS.items():
        setattr(deal, field, reached.get(stage))
    for field, gap in zip(GAP_FIELDS, milestone_gaps(reached), strict=True):
        setattr(deal, field, gap)
    arrivals = deal.arrivals.aggregate(total=Sum("amount_cny"))
    deal.arrived_cny = arrivals["total"] or Decimal(0)
    last_arrival = (
        deal.arrivals.order_by("-arrived_on").values_list("arrived_on", flat=True).first()
    )
    dates = [deal.opened_on, *(on for _s, on in events), *([last_arrival] if last_arrival else [])]
    deal.last_progress_on = max(dates)
    _convert_deal_amount(deal)
    deal.save()
    if deal.signed_on and not was_signed and deal.duplicate_status == DuplicateStatus.UNCHECKED:
        check_resigning(deal)


def _organisation_names(org) -> tuple[str, ...]:  # type: ignore[no-untyped-def]
    return (org.name, org.short_name, org.name_en, *org.aliases)


def project_line(project_id: int | None) -> int | None:
    """The first project of the carry-over chain `project_id` belongs to (one query a step)."""
    if project_id is None:
        return None
    seen, current = set(), project_id
    while current is not None and current not in seen:
        seen.add(current)
        origin = Project.objects.filter(pk=current).values_list("origin_id", flat=True).first()
        if origin is None:
            return current
        current = origin
    return current


def _deal_key(
    deal: Deal, lines: dict[int, int | None], entities: dict[str, dict[int, str]] | None = None
) -> DealKey:
    entities = entities or {}
    investor, enterprise = deal.investor, deal.enterprise
    return DealKey(
        id=deal.pk, names=(deal.title, deal.title_en),
        investor_keys=_party_keys(investor, entities.get("investor", {})),
        enterprise_keys=(
            _party_keys(enterprise, entities.get("enterprise", {})) if enterprise else frozenset()
        ),
        project_id=deal.project_id, project_line=lines.get(deal.project_id or 0),
        amount=deal.amount_cny, city_id=deal.city_id, signed_on=deal.signed_on,
    )  # fmt: skip


def _party_keys(org, entities: dict[int, str]) -> frozenset[str]:  # type: ignore[no-untyped-def]
    keys = organisation_keys(org.pk, _organisation_names(org))
    return keys | {entities[org.pk]} if org.pk in entities else keys


def _line_projects(deal: Deal) -> set[int]:
    """Every project of the carry-over chain of the deal's project (both directions)."""
    line = project_line(deal.project_id)
    if line is None:
        return set()
    members, frontier = {line}, {line}
    while frontier:
        frontier = set(Project.objects.filter(origin__in=frontier).values_list("pk", flat=True))
        frontier -= members
        members |= frontier
    return members


def _party_q(prefix: str, org) -> Q:  # type: ignore[no-untyped-def]
    """Deals whose `prefix` organisation entity resolution may take for `org`."""
    return name_lookalikes(org, prefix)


def _signed_lookalike_pool(deal: Deal) -> list[Deal]:
    """Signed, counted deals that could be the same investment as `deal` (DB pre-filter)."""
    near = _party_q("investor", deal.investor)
    if deal.enterprise_id:
        near |= _party_q("enterprise", deal.enterprise)
    if deal.project_id:
        near |= Q(project_id__in=_line_projects(deal))
    if deal.amount_cny:
        band = (deal.amount_cny * Decimal("0.9"), deal.amount_cny / Decimal("0.9"))
        near |= Q(amount_cny__range=band)
    pool = Deal.objects.filter(near, signed_on__isnull=False).exclude(pk=deal.pk)
    pool = pool.exclude(duplicate_status__in=[DuplicateStatus.DUPLICATE, DuplicateStatus.SUSPECT])
    return list(pool.select_related("investor", "enterprise"))


def _suspects_of(deal: Deal, pool: list[Deal]) -> list[Suspicion]:
    """The core's suspicions for `deal` against `pool` (project lines looked up once each).

    Organisations entity resolution pairs with the deal's investor (or enterprise) share
    an ``entity:`` key with it, so a short name or another spelling is the same party.
    """
    lines = {d.project_id: project_line(d.project_id) for d in [deal, *pool] if d.project_id}
    entities = {"investor": _entities(deal.investor, [d.investor for d in pool])}
    if deal.enterprise:
        others = [d.enterprise for d in pool if d.enterprise]
        entities["enterprise"] = _entities(deal.enterprise, others)
    others = [_deal_key(d, lines, entities) for d in pool]
    return find_suspects(_deal_key(deal, lines, entities), others)


def _entities(org, others: list) -> dict[int, str]:  # type: ignore[no-untyped-def,type-arg]
    """{organisation id: entity key} for `org` and the `others` resolved as the same."""
    key = f"entity:{org.pk}"
    return {org.pk: key} | dict.fromkeys(resolved_as_same(org, others), key)


def _suspicion_rows(
    deal: Deal, pool: dict[int, Deal], found: list[Suspicion]
) -> list[ResignSuspicion]:
    return [
        ResignSuspicion(
            deal=deal,
            other=pool[s.other_id],
            score=s.score,
            reasons=[{"code": r.code, "value": r.value} for r in s.reasons],
        )
        for s in found
    ]


@transaction.atomic
def check_resigning(deal: Deal) -> list[ResignSuspicion]:
    """Compare a newly signed deal with the signed ones; flag it before it is counted.

    Side effects: sets ``duplicate_status`` to *suspect* (with ResignSuspicion rows)
    or *clear*.
    """
    pool = {d.pk: d for d in _signed_lookalike_pool(deal)}
    rows = _suspicion_rows(deal, pool, _suspects_of(deal, list(pool.values())))
    ResignSuspicion.objects.bulk_create(rows)
    deal.duplicate_status = DuplicateStatus.SUSPECT if rows else DuplicateStatus.CLEAR
    deal.save(update_fields=["duplicate_status", "updated_at"])
    return rows


@transaction.atomic
def recheck_resigning(deal: Deal) -> list[ResignSuspicion]:
    """Run the re-signing check again after a signed deal's details changed.

    Side effects: removes the open suspicions of `deal` and compares it again. A deal
    staff already confirmed distinct stays distinct unless it now resembles a deal it
    was not compared with before. A marked duplicate stays a duplicate.
    """
    if deal.duplicate_status == DuplicateStatus.DUPLICATE:
        return []
    if deal.duplicate_status != DuplicateStatus.DISTINCT:
        deal.suspicions.all().delete()
        return check_resigning(deal)
    judged = set(deal.suspicions.values_list("other_id", flat=True))
    pool = {d.pk: d for d in _signed_lookalike_pool(deal) if d.pk not in judged}
    rows = _suspicion_rows(deal, pool, _suspects_of(deal, list(pool.values())))
    if not rows:
        return []
    ResignSuspicion.objects.bulk_create(rows)
    deal.duplicate_status = DuplicateStatus.SUSPECT
    deal.save(update_fields=["duplicate_status", "updated_at"])
    return rows


@transaction.atomic
def confirm_distinct(*, deal: Deal, by) -> Deal:
    """Staff confirm a suspect is a new deal. Side effects: the deal counts from now on."""
    deal.duplicate_status, deal.duplicate_of, deal.duplicate_checked_by = (
        DuplicateStatus.DISTINCT, None, by,
    )  # fmt: skip
    deal._history_user = by
    deal.save(
        update_fields=["duplicate_status", "duplicate_of", "duplicate_checked_by", "updated_at"]
    )
    return deal


@transaction.atomic
def mark_duplicate(*, deal: Deal, of: Deal, by) -> Deal:
    """Staff mark `deal` as a duplicate of `of`. Side effects: figures exclude it."""
    if of.pk == deal.pk:
        raise PipelineError([Problem("duplicate_of_itself")])
    deal.duplicate_status, deal.duplicate_of, deal.duplicate_checked_by = (
        DuplicateStatus.DUPLICATE, of, by,
    )  # fmt: skip
    deal._history_user = by
    deal.save(
        update_fields=["duplicate_status", "duplicate_of", "duplicate_checked_by", "updated_at"]
    )
    return deal


EDITABLE_EVENT_FIELDS = ("occurred_on", "evidence_link", "evidence_note", "reason")


@transaction.atomic
def edit_stage_event(*, event: StageEvent, by, today: dt.date, **changes) -> StageEvent:
    """Correct a past stage event, keeping who changed what and when.

    Side effects: saves the event (its change history names ``by``) and the deal's
    refreshed figures. Evidence cannot be removed; the date cannot move into the future.
    """
    for name, value in changes.items():
        if name in (*EDITABLE_EVENT_FIELDS, "evidence_file") and value is not None:
            setattr(event, name, value)
    problems = []
    if event.occurred_on > today:
        problems.append(Problem("date_in_future", {"date": event.occurred_on.isoformat()}))
    if not _has_evidence(event.evidence_file, event.evidence_link, event.evidence_note):
        problems.append(Problem("evidence_required", {"stage": str(event.to_stage)}))
    problems += _evidence_problems(
        event.evidence_kind, event.evidence_file, event.evidence_link, event.evidence_note
    )
    if problems:
        raise PipelineError(problems)
    event._history_user = by
    event.save()
    refresh_deal(event.deal)
    return event


@transaction.atomic
def record_capital_arrival(*, deal: Deal, arrived_on: dt.date, amount_text: str,
                           currency_code: str, evidence_note: str, by,
                           today: dt.date) -> CapitalArrival:  # fmt: skip
    """Record capital that arrived. Side effects: creates the arrival (with its CNY value
    and the rate used) and refreshes the deal's arrived total and last progress."""
    amount = read_amount(amount_text, currency_code)
    problems = [] if isinstance(amount, money.Money) else [Problem("amount_not_single")]
    if arrived_on > today:
        problems.append(Problem("date_in_future", {"date": arrived_on.isoformat()}))
    if not evidence_note.strip():
        problems.append(Problem("evidence_missing_note"))
    if problems or not isinstance(amount, money.Money):
        raise PipelineError(problems)
    cny, rate = to_reporting(amount.amount, amount.currency, arrived_on)
    arrival = CapitalArrival.objects.create(
        deal=deal, arrived_on=arrived_on, amount=amount.amount, currency=amount.currency,
        amount_text=amount_text.strip(), amount_cny=cny, rate=rate,
        evidence_note=evidence_note.strip(), recorded_by=by,
    )  # fmt: skip
    refresh_deal(deal)
    return arrival


def signed_deal_outcomes() -> list[OutcomeRecord]:
    """Signed deals that name a catalogue project and an investor: a yes for that pair.

    Registered with matching in ``PipelineConfig.ready()`` (fitting signal weights)."""
    signed = Deal.objects.filter(
        project__isnull=False, signed_on__isnull=False, duplicate_status__in=COUNTED_STATUSES
    )
    return [
        OutcomeRecord(project, investor, True, "signed_deal")
        for project, investor in signed.values_list("project_id", "investor_id")
    ]
