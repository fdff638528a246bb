"""Reasons: codes with parameters, rendered in each language (issue #11)."""

from __future__ import annotations

from decimal import Decimal

from duijie_core.matching.reasons import make_reason, render
from duijie_core.money import Money


def test_industry_reasons_carry_the_code_and_read_english_in_english():
    reason = make_reason("industry_exact", industry="电力、热力生产和供应业", industry_code="44")
    assert reason.params == {"industry": "电力、热力生产和供应业", "industry_code": "44"}
    assert reason.texts == {
        "zh-Hant": "行業完全吻合：電力、熱力生產和供應業",
        "zh-Hans": "行业完全吻合：电力、热力生产和供应业",
        "en": "same industry: Production and Supply of Electricity and Heat",
    }


def test_key_industry_and_industry_names_without_a_code_are_found_by_name():
    assert make_reason("industry_related", chain="新能源").texts["en"] == (
        "same key industry: New energy"
    )
    assert make_reason("history_industry", count=3, industry="医药制造业").texts["en"] == (
        "invested in 3 Manufacture of Medicines companies"
    )


def test_render_uses_the_callers_names_first():
    names = {"湖南省": "Hunan", "44": "Power and heat"}
    params = {"region": "湖南省"}
    assert render("region_match", params, "en", names) == "focus region includes Hunan"
    assert render("region_match", params, "en") == "focus region includes 湖南省"
    industry = {"industry": "电力、热力生产和供应业", "industry_code": "44"}
    assert render("industry_exact", industry, "en", names) == "same industry: Power and heat"
    assert render("region_match", params, "zh-Hant", {"湖南省": "湖南省"}) == "關注地區包括湖南省"


def test_amounts_are_written_per_language():
    amount = Money(Decimal(150_000_000), "CNY")
    reason = make_reason("ticket_typical", typical=amount, amount=amount)
    assert reason.texts["en"] == "typical past ticket CN¥150m, close to CN¥150m"
    assert reason.params == {"typical": "CN¥150m", "amount": "CN¥150m"}
    assert "億" in reason.texts["zh-Hant"]


def test_typical_ticket_is_close_only_within_a_factor_of_three() -> None:
    import datetime as dt
    import math

    from duijie_core.matching.explain import _ticket_reason
    from duijie_core.matching.model import ProjectQuery
    from duijie_core.money import Money

    query = ProjectQuery("p", dt.date(2025, 1, 1), amount=Money(150_000_000, "CNY"))
    amount = math.log10(150e6)
    far_below = _ticket_reason(math.log10(12e6), amount, query)
    assert far_below.code == "ticket_typical_below"
    assert far_below.texts["en"] == "typical past ticket CN¥12m, below the CN¥150m sought"
    assert _ticket_reason(math.log10(100e6), amount, query).code == "ticket_typical"
    assert (
        _ticket_reason(math.log10(600e6), amount, query).texts["zh-Hans"].startswith("过往单笔约 ")
    )
    assert _ticket_reason(math.log10(600e6), amount, query).code == "ticket_typical_above"
