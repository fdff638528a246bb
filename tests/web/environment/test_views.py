"""The pages: who may see them, the numbers with sources and badges, what-if, report and PDF."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from duijie.environment.models import ProfileItem, ProfileRole
from duijie.jobs.models import Job
from tests.web.environment.factories import indicator, world

pytestmark = pytest.mark.django_db

QUERY = {"profile": "plant", "places": ["4301", "4201", "81"]}


def english(client):  # type: ignore[no-untyped-def]
    client.post(reverse("accounts:set_language"), {"language": "en"})
    return client


def test_outsiders_go_to_log_in_and_other_roles_are_refused(client, client_for, investor) -> None:  # type: ignore[no-untyped-def]
    world()
    assert client.get(reverse("environment:compare")).status_code == 302
    assert client_for(investor).get(reverse("environment:compare")).status_code == 403


def test_comparison_shows_totals_index_badges_fallback_and_missing(client_for, leadership) -> None:  # type: ignore[no-untyped-def]
    world()
    client = english(client_for(leadership))
    page = client.get(reverse("environment:compare"), QUERY)
    assert page.status_code == 200
    columns = {c.code: c for c in page.context["columns"]}
    # Changsha: 12,000 + 6,000 + 750 (Hunan's diesel); Wuhan and Hong Kong lack diesel.
    assert (columns["4301"].annual, columns["4201"].annual, columns["81"].annual) == (
        Decimal(18750), None, None,
    )  # fmt: skip
    assert columns["4301"].index == Decimal(100)  # the only complete peer
    assert columns["4201"].missing == ("diesel",)
    diesel = next(c for c in columns["4301"].cells if c.indicator == "diesel")
    assert (diesel.fallback, diesel.place_name) == (True, "Hunan")
    assert columns["4301"].samples == 1  # the power price is a sample
    html = page.content.decode()
    assert html.count('class="badge env-sample"') >= 2  # the cell and the summary
    assert "Hunan statistical yearbook 2025" in html
    assert "1 item without a value: no total" in html


def test_what_if_recomputes_the_partial_with_one_price_book(
    client_for, organiser, django_assert_max_num_queries
) -> None:  # type: ignore[no-untyped-def]
    world()
    client = client_for(organiser)
    query = QUERY | {"v-4301-land": "20", "q-power": "0", "escalation": "10"}
    with django_assert_max_num_queries(25):
        page = client.get(reverse("environment:compare"), query, headers={"HX-Request": "true"})
    html = page.content.decode()
    assert html.strip().startswith('<div id="results">')
    changsha = page.context["columns"][0]
    assert changsha.annual == Decimal(20750)  # 1000 × 20 + 0 × 0.6 + 750
    assert changsha.ten_year == Decimal(330700)  # 20,750 × 15.937… to four figures
    assert [(c.indicator, c.overridden) for c in changsha.cells] == [
        ("diesel", False), ("land", True), ("power", True),
    ]  # fmt: skip


def test_bad_what_if_input_is_named_and_units_that_do_not_pair_are_refused(
    client_for, organiser
) -> None:  # type: ignore[no-untyped-def]
    w = world()
    client = english(client_for(organiser))
    page = client.get(reverse("environment:compare"), QUERY | {"q-land": "-3"})
    assert page.context["page"].problems == ["“-3” is not a number of at least 0; it is ignored."]
    ProfileItem.objects.filter(indicator=w["land"]).update(unit="m2-month")
    page = client.get(reverse("environment:compare"), QUERY)
    assert page.context["page"].study is None
    assert page.context["page"].problems == [
        "“land (en)” in m2-month times a price in CNY/m2/year is no yearly cost"
    ]


def test_indicator_page_lists_every_value_with_source_and_stale_flag(
    client_for, organiser, settings
) -> None:  # type: ignore[no-untyped-def]
    world()
    settings.ENVIRONMENT_MAX_AGE_DAYS = 1
    page = english(client_for(organiser)).get(reverse("environment:indicators"), {"place": "4301"})
    assert [(v.indicator.code, stale) for v, stale in page.context["rows"]] == [
        ("land", True), ("power", True),
    ]  # fmt: skip
    html = page.content.decode()
    assert html.count("env-stale") == 2 and html.count("env-sample") == 1


def test_staff_edit_a_profile_with_history_leadership_only_reads(
    client_for, organiser, leadership
) -> None:  # type: ignore[no-untyped-def]
    world()
    rent = indicator("rent", "CNY/m2/month")
    url = reverse("environment:profile", args=["plant"])
    assert client_for(leadership).post(url, {"remove": "land"}).status_code == 403
    client = english(client_for(organiser))
    refused = client.post(url, {"indicator": "rent", "quantity": "100", "unit": "m2"})
    assert refused.context["form"].errors["unit"] == [
        "“rent (en)” is priced in CNY/m2/month; give the quantity in m2-month"
        " (nothing is converted implicitly)"
    ]
    assert (
        client.post(url, {"indicator": "rent", "quantity": "1200", "unit": "m2-month"}).status_code
        == 302
    )
    assert ProfileItem.objects.get(indicator=rent).quantity == Decimal(1200)
    assert client.post(url, {"remove": "land"}).status_code == 302
    sentences = [s.text for s in client.get(url).context["history"]]
    assert any("rent" in text for text in sentences)


def test_staff_add_a_role_and_a_wrong_wage_indicator_is_named(client_for, organiser) -> None:  # type: ignore[no-untyped-def]
    w = world()
    wage = indicator("wage_it", "CNY/person/month")
    client = english(client_for(organiser))
    url = reverse("environment:profile", args=["plant"])
    form = {
        "form": "role",
        "role": "it",
        "headcount": "40",
        "months_paid": "13",
        "indicator": "wage_it",
    }
    assert client.post(url, form).status_code == 302
    role = w["profile"].roles.get()
    assert (role.role, role.headcount, role.months_paid, role.indicator) == ("it", 40, 13, wage)
    page = client.get(url)
    assert "IT staff" in page.content.decode() and "wage_it (en)" in page.content.decode()
    refused = client.post(url, form | {"indicator": "land"})
    assert refused.status_code == 200 and refused.context["role_form"].errors["indicator"]
    assert client.post(url, {"remove_role": "it"}).status_code == 302
    assert not w["profile"].roles.exists()


def test_roles_are_listed_in_their_declared_order_by_label(client_for, organiser) -> None:  # type: ignore[no-untyped-def]
    w = world()
    wage = indicator("wage_it", "CNY/person/month")
    for role in ("managers", "general", "production"):  # codes sort general, managers, production
        ProfileRole.objects.create(profile=w["profile"], role=role, headcount=1, indicator=wage)
    page = english(client_for(organiser)).get(reverse("environment:profile", args=["plant"]))
    assert [row.role for row in page.context["roles"]] == ["production", "general", "managers"]
    html = page.content.decode()
    shown = [
        html.index(f"<th>{label}</th>")
        for label in ("Production workers", "General workers", "Managers")
    ]
    assert shown == sorted(shown)


def test_report_page_and_pdf_job(client_for, organiser) -> None:  # type: ignore[no-untyped-def]
    w = world()
    ProfileItem.objects.filter(indicator=w["diesel"]).delete()
    client = english(client_for(organiser))
    page = client.get(reverse("environment:report"), QUERY)
    html = page.content.decode()
    assert html.count("<svg") == 3 and "Hunan statistical yearbook 2025" in html
    assert [s["source"] for s in page.context["sources"]].count("sample") == 1
    (sample,) = [g for g in page.context["source_groups"] if g["source"] == "sample"]
    assert sample["sample"] and [e["indicator"] for e in sample["indicators"]] == ["power (en)"]
    assert [(d["on"], d["places"]) for d in sample["indicators"][0]["dates"]] == [
        (date(2025, 6, 30), ["Changsha"])
    ]
    assert html.count('class="env-source-values"') == 1  # every value, folded on the web
    started = client.post(
        reverse("environment:report_pdf"), {"query": page.context["query"], "language": "zh-hant"}
    )
    job = Job.objects.get(kind="environment.report")
    assert started["Location"].endswith(f"?job={job.pk}")
    assert job.is_successful and job.result_name == "investment-environment-zh-hant.pdf"
    download = client.get(reverse("jobs:download", args=[job.pk]))
    assert b"".join(download.streaming_content).startswith(b"%PDF")


def test_the_first_comparison_shows_the_increase_and_weights_used(client_for, leadership) -> None:  # type: ignore[no-untyped-def]
    """Opened without choices, the inputs hold the 0 % increase and the weights of 1 that
    the summary's "Ten years at 0.0% a year" and the quality axis use, not empty boxes."""
    world()
    page = english(client_for(leadership)).get(reverse("environment:compare"))
    form = page.context["form"]
    assert form["escalation"].value() == "0"
    weights = [name for name in form.fields if name.startswith("w_")]
    assert weights and {form[name].value() for name in weights} == {"1"}
    html = page.content.decode()
    assert 'name="escalation" value="0"' in html
    assert "Ten years at 0.0% a year." in html
