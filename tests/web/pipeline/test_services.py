import datetime as dt
import random
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from duijie.pipeline import services
from duijie.pipeline.forms import MoveForm
from duijie.pipeline.models import (
    GAP_FIELDS,
    STAGE_DATE_FIELDS,
    DuplicateStatus,
    Evidence,
    ResignSuspicion,
    Stage,
)
from duijie.pipeline.phrases import PipelineError
from duijie_core.problems import Problem

from .factories import TODAY, city, make_deal, make_org, make_rate, move, walk

pytestmark = pytest.mark.django_db
D = dt.date


def test_amount_as_written_is_parsed_and_converted_with_the_rate_used(organiser):
    rate = make_rate("HKD", "0.92", D(2025, 1, 1))
    deal = make_deal(organiser, amount_text="HK$300萬", opened_on=D(2025, 3, 1))
    assert (deal.amount, deal.currency, deal.amount_text) == (Decimal(3_000_000), "HKD", "HK$300萬")
    assert (deal.amount_cny, deal.amount_rate) == (Decimal("2760000.00"), rate)


def test_amount_without_rate_is_not_converted_and_unknown_is_empty(organiser):
    usd = make_deal(organiser, amount_text="US$5M")
    unknown = make_deal(organiser, amount_text="未披露")
    assert (usd.amount, usd.currency, usd.amount_cny) == (Decimal(5_000_000), "USD", None)
    assert (unknown.amount, unknown.amount_cny, unknown.amount_text) == (None, None, "未披露")


def test_unreadable_amount_is_refused(organiser):
    with pytest.raises(PipelineError) as caught:
        make_deal(organiser, amount_text="很多錢")
    assert caught.value.problems == [Problem("amount_unreadable", {"text": "很多錢"})]


def test_forward_moves_date_skipped_stages_and_back_steps_clear_them(organiser):
    deal = make_deal(organiser)
    move(deal, Stage.SIGNED, D(2025, 5, 14), organiser)
    move(deal, Stage.LAND_ACQUIRED, D(2025, 7, 1), organiser)
    deal.refresh_from_db()
    assert (deal.stage, deal.negotiating_on, deal.signed_on) == (
        Stage.LAND_ACQUIRED,
        D(2025, 5, 14),
        D(2025, 5, 14),
    )
    assert (deal.registered_on, deal.land_acquired_on) == (D(2025, 7, 1), D(2025, 7, 1))
    move(deal, Stage.REGISTERED, D(2025, 8, 1), organiser, reason="土地出讓延後")
    deal.refresh_from_db()
    assert (deal.stage, deal.registered_on, deal.land_acquired_on) == (
        Stage.REGISTERED,
        D(2025, 7, 1),
        None,
    )
    assert deal.last_progress_on == D(2025, 8, 1)
    assert [e.is_back_step for e in deal.events.all()] == [False, False, True]


def test_moves_without_evidence_or_reason_are_refused(organiser):
    deal = walk(make_deal(organiser), organiser, {Stage.SIGNED: D(2025, 5, 14)})
    with pytest.raises(PipelineError) as caught:
        move(deal, Stage.OPERATING, D(2025, 6, 1), organiser, evidence_note=" ")
    assert caught.value.problems == [Problem("evidence_required", {"stage": "operating"})]
    with pytest.raises(PipelineError) as caught:
        move(deal, Stage.LEAD, D(2025, 6, 1), organiser)
    assert caught.value.problems == [Problem("reason_required", {"stage": "lead"})]
    assert deal.events.count() == 1


def test_editing_a_past_event_keeps_history_and_refreshes_the_deal(organiser, agency_admin):
    deal = walk(
        make_deal(organiser),
        organiser,
        {Stage.SIGNED: D(2025, 5, 14), Stage.REGISTERED: D(2025, 6, 1)},
    )
    event = deal.events.get(to_stage=Stage.REGISTERED)
    services.edit_stage_event(event=event, by=agency_admin, today=TODAY, occurred_on=D(2025, 6, 20))
    deal.refresh_from_db()
    assert deal.registered_on == D(2025, 6, 20)
    revision = event.history.get(history_type="~")
    assert revision.history_user == agency_admin
    assert (revision.prev_record.occurred_on, revision.occurred_on) == (
        D(2025, 6, 1),
        D(2025, 6, 20),
    )
    with pytest.raises(PipelineError):
        services.edit_stage_event(event=event, by=agency_admin, today=TODAY, evidence_note="")


def test_capital_arrivals_are_converted_and_summed_in_cny(organiser):
    make_rate("HKD", "0.90", D(2025, 1, 1))
    rate = make_rate("HKD", "0.95", D(2025, 6, 1))
    deal = walk(make_deal(organiser), organiser, {Stage.SIGNED: D(2025, 5, 14)})
    services.record_capital_arrival(
        deal=deal,
        arrived_on=D(2025, 5, 20),
        amount_text="2000萬元",
        currency_code="CNY",
        evidence_note="入賬",
        by=organiser,
        today=TODAY,
    )
    arrival = services.record_capital_arrival(
        deal=deal,
        arrived_on=D(2025, 7, 1),
        amount_text="HK$1000萬",
        currency_code="CNY",
        evidence_note="入賬",
        by=organiser,
        today=TODAY,
    )
    deal.refresh_from_db()
    assert (arrival.amount_cny, arrival.rate) == (Decimal("9500000.00"), rate)
    assert (deal.arrived_cny, deal.last_progress_on) == (Decimal("29500000.00"), D(2025, 7, 1))
    with pytest.raises(PipelineError) as caught:
        services.record_capital_arrival(
            deal=deal,
            arrived_on=D(2025, 7, 1),
            amount_text="數千萬",
            currency_code="CNY",
            evidence_note="",
            by=organiser,
            today=TODAY,
        )
    assert [p.code for p in caught.value.problems] == ["amount_not_single", "evidence_missing_note"]


def test_resigning_is_flagged_before_counting_and_staff_decide(organiser):
    investor = make_org("深圳某上市公司")
    first = walk(
        make_deal(organiser, title="湖南健康醫療大數據中心", investor=investor, city=city("4303")),
        organiser,
        {Stage.SIGNED: D(2023, 5, 10)},
    )
    again = walk(
        make_deal(organiser, title="湖南健康医疗大数据中心", investor=investor, city=city("4303")),
        organiser,
        {Stage.SIGNED: D(2025, 5, 14)},
    )
    elsewhere = walk(
        make_deal(organiser, title="湖南健康医疗大数据中心", investor=investor, city=city("4301")),
        organiser,
        {Stage.SIGNED: D(2025, 5, 15)},
    )
    assert (first.duplicate_status, again.duplicate_status) == (
        DuplicateStatus.CLEAR,
        DuplicateStatus.SUSPECT,
    )
    assert elsewhere.duplicate_status == DuplicateStatus.CLEAR
    suspicion = ResignSuspicion.objects.get(deal=again)
    assert (suspicion.other, suspicion.reasons) == (
        first,
        [
            {"code": "same_investor", "value": ""},
            {"code": "similar_amount", "value": "0.0"},
            {"code": "similar_name", "value": "100"},
            {"code": "same_city", "value": ""},
        ],
    )
    assert again.is_counted is False
    services.mark_duplicate(deal=again, of=first, by=organiser)
    assert (again.duplicate_status, again.duplicate_of, again.duplicate_checked_by) == (
        "duplicate",
        first,
        organiser,
    )
    services.confirm_distinct(deal=again, by=organiser)
    assert (again.duplicate_status, again.duplicate_of, again.is_counted) == (
        "distinct",
        None,
        True,
    )
    with pytest.raises(PipelineError):
        services.mark_duplicate(deal=again, of=again, by=organiser)


def test_stall_days_from_setting_then_environment(settings, monkeypatch):
    assert services.stall_days() == 90
    monkeypatch.setenv("DUIJIE_STALL_DAYS", "30")
    assert services.stall_days() == 30
    settings.PIPELINE_STALL_DAYS = 45
    assert services.stall_days() == 45


def recompute(deal) -> tuple[dict[str, object], dict[str, object]]:  # type: ignore[no-untyped-def]
    """Milestone dates and day gaps worked out afresh from the deal's events."""
    stage, first = 0, {}
    for event in deal.events.order_by("occurred_on", "pk"):
        if event.to_stage > stage:
            for passed in range(stage + 1, event.to_stage + 1):
                first.setdefault(passed, event.occurred_on)
        else:
            first = {s: on for s, on in first.items() if s <= event.to_stage}
        stage = event.to_stage
    dates = {field: first.get(s) for s, field in STAGE_DATE_FIELDS.items()}
    pairs = [(2, 3), (3, 4), (4, 5), (5, 6), (6, 7), (2, 7)]
    gaps = {
        field: (first[b] - first[a]).days if a in first and b in first else None
        for field, (a, b) in zip(GAP_FIELDS, pairs, strict=True)
    }
    return dates, gaps


def stored(deal) -> tuple[dict[str, object], dict[str, object]]:  # type: ignore[no-untyped-def]
    deal.refresh_from_db()
    return (
        {f: getattr(deal, f) for f in STAGE_DATE_FIELDS.values()},
        {f: getattr(deal, f) for f in GAP_FIELDS},
    )


def test_stored_milestone_dates_and_gaps_always_equal_a_recompute(organiser):
    rng = random.Random(7)
    for n in range(6):
        deal = make_deal(organiser, title=f"項目{n}", investor=make_org(f"投資者{n}"))
        on = D(2024, 1, 1)
        for _step in range(8):
            deal.refresh_from_db()
            target = rng.choice([s for s in range(8) if s != deal.stage])
            on += dt.timedelta(days=rng.randint(0, 60))
            move(deal, target, on, organiser, reason="回退" if target < deal.stage else "")
            assert stored(deal) == recompute(deal)
        event = rng.choice(list(deal.events.all()))
        services.edit_stage_event(
            event=event, by=organiser, today=TODAY, occurred_on=D(2023, 12, rng.randint(1, 31))
        )
        assert stored(deal) == recompute(deal)
        assert deal.days_signed_to_registered is None or deal.registered_on is not None


def test_evidence_kind_must_match_what_was_supplied(organiser, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    deal = make_deal(organiser)
    cases = [
        (Evidence.PHOTO, {"evidence_note": "現場照片見附件"}, "evidence_missing_file"),
        (Evidence.DOCUMENT, {"evidence_link": "https://example.test/a"}, "evidence_missing_file"),
        (Evidence.LINK, {"evidence_note": "新聞稿"}, "evidence_missing_link"),
        (Evidence.NOTE, {"evidence_link": "https://example.test/a"}, "evidence_missing_note"),
    ]
    for kind, supplied, code in cases:
        with pytest.raises(PipelineError) as caught:
            services.move_deal(
                deal=deal, to_stage=Stage.SIGNED, on=D(2025, 5, 14), by=organiser,
                evidence_kind=kind, today=TODAY, **supplied,
            )  # fmt: skip
        assert [p.code for p in caught.value.problems] == [code]
    services.move_deal(
        deal=deal, to_stage=Stage.SIGNED, on=D(2025, 5, 14), by=organiser,
        evidence_kind=Evidence.PHOTO, today=TODAY, evidence_note="簽約儀式",
        evidence_file=SimpleUploadedFile("signing.jpg", b"\xff\xd8\xff jpeg"),
    )  # fmt: skip
    event = deal.events.get()
    with pytest.raises(PipelineError) as caught:
        services.edit_stage_event(event=event, by=organiser, today=TODAY, evidence_file="")
    assert [p.code for p in caught.value.problems] == ["evidence_missing_file"]


def test_move_form_names_the_missing_evidence_field():
    with translation.override("en"):
        form = MoveForm(
            {"to_stage": 2, "on": "2025-05-14", "evidence_kind": "link", "evidence_note": "新聞稿"}
        )
        assert not form.is_valid()
        assert form.errors["evidence_link"] == ["Evidence of this kind needs the link."]
