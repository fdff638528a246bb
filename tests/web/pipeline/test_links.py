"""Links to other apps (matchmaking, trade week, catalogue), the event a deal was signed
at, the deal form's edition-bound choices, the city filter and "my stalled deals"."""

import datetime as dt

import pytest
from django.http import QueryDict
from django.urls import reverse
from django.utils import timezone

from duijie.pipeline import activity, services
from duijie.pipeline.activity import Activity
from duijie.pipeline.dashboard import FigureContext
from duijie.pipeline.filters import DealFilter, FigureFilter
from duijie.pipeline.forms import DealForm
from duijie.pipeline.models import Deal, Stage
from duijie.pipeline.report import signed_by_event
from duijie.reference.models import AdminDivision, Edition
from tests.web.catalogue.factories import project

from .factories import (
    city,
    make_deal,
    make_event,
    make_match_run,
    make_meetings,
    make_org,
    walk,
)

pytestmark = pytest.mark.django_db
D = dt.date
TODAY = timezone.localdate()


def test_matches_suggested_counts_the_latest_finished_run_only(organiser, leadership, edition):
    make_match_run(edition, 5)
    latest = make_match_run(edition, 3)
    make_match_run(edition, 9, status="FAILED")
    assert activity.matches_suggested(edition, organiser) == Activity(
        3, reverse("matchmaking:run", args=[latest.pk])
    )
    assert activity.matches_suggested(edition, leadership) == Activity(3, None)  # no run pages
    assert activity.matches_suggested(None, organiser) == Activity(3, None)


def test_meetings_held_counts_held_meetings_and_links_the_week_analytics(leadership, edition):
    make_meetings(edition, ["held", "held", "scheduled", "no_show", "cancelled"])
    assert activity.meetings_held(edition, leadership) == Activity(
        2, reverse("tradeweek:staff_analytics")
    )
    other = Edition.objects.create(
        slug="past", name="往屆", starts_on=D(2024, 5, 1), ends_on=D(2024, 5, 5)
    )
    assert activity.meetings_held(other, leadership) == Activity(0, None)


def test_projects_published_links_the_catalogue(edition):
    assert activity.projects_published(edition) == Activity(
        0, f"{reverse('catalogue:list')}?edition={edition.pk}"
    )


def test_dashboard_shows_other_apps_figures_with_links(client_for, leadership, edition):
    make_meetings(edition, ["held"])
    make_match_run(edition, 4)
    page = client_for(leadership).get(reverse("pipeline:dashboard")).content.decode()
    assert f'<a href="{reverse("tradeweek:staff_analytics")}">1</a>' in page
    assert '<p class="figure">4</p>' in page
    assert "not yet available" not in page
    data = client_for(leadership).get(reverse("pipeline:chart_data", args=["headline"])).json()
    assert data["matches_suggested"] == {"value": 4, "url": None}
    assert data["meetings_held"] == {"value": 1, "url": reverse("tradeweek:staff_analytics")}


def test_deal_form_offers_only_the_editions_events_and_projects(organiser, edition):
    event = make_event(edition)
    other = Edition.objects.create(
        slug="past", name="往屆", starts_on=D(2024, 5, 1), ends_on=D(2024, 5, 5)
    )
    elsewhere = make_event(other, title="往屆簽約會", day=15)
    form = DealForm(initial={"edition": edition})
    assert list(form.fields["event"].queryset) == [event]
    data = {
        "title": "長沙智能製造基地",
        "investor": make_org().pk,
        "edition": edition.pk,
        "event": elsewhere.pk,
        "owner": organiser.pk,
        "opened_on": "2025-03-01",
        "currency_code": "CNY",
    }
    bound = DealForm(data)
    assert not bound.is_valid()
    assert list(bound.errors) == ["event"]
    assert DealForm({**data, "event": event.pk}).is_valid()


def test_create_and_filter_deals_by_event(client_for, organiser, edition):
    event = make_event(edition)
    client = client_for(organiser)
    response = client.post(
        reverse("pipeline:deal_create"),
        {
            "title": "長沙智能製造基地",
            "investor": make_org().pk,
            "edition": edition.pk,
            "event": event.pk,
            "event_name": "",
            "owner": organiser.pk,
            "opened_on": "2025-03-01",
            "amount_text": "5億元",
            "currency_code": "CNY",
        },
    )
    deal = Deal.objects.get()
    assert response.status_code == 302
    assert (deal.event, deal.amount_text) == (event, "5億元")
    make_deal(organiser, title="其他項目", investor=make_org("另一投資者"), edition=edition)
    listed = client.get(reverse("pipeline:deal_list"), {"event": event.pk})
    assert [d.title for d in listed.context["page"]] == ["長沙智能製造基地"]
    ctx = FigureContext(
        form=FigureFilter(QueryDict(f"event={event.pk}")), by="edition", today=TODAY
    )
    assert ctx.drill(stage=0) == f"/pipeline/deals/?counted=on&event={event.pk}&stage=0"


def test_report_groups_signed_deals_by_linked_or_written_event(organiser, edition):
    event = make_event(edition)
    signed = {Stage.SIGNED: D(2025, 5, 14)}
    for i, fields in enumerate([{"event": event}, {"event": event}, {"event_name": "長沙推介會"}]):
        deal = make_deal(
            organiser, title=f"項目{i}", investor=make_org(f"投資者{i}"), edition=edition, **fields
        )
        walk(deal, organiser, signed)
    make_deal(organiser, title="未簽", investor=make_org("投資者9"), edition=edition, event=event)
    rows = signed_by_event(edition)
    assert [(name, n, int(amount)) for name, n, amount in rows] == [
        ("投資推介暨項目簽約會", 2, 200_000_000),
        ("長沙推介會", 1, 100_000_000),
    ]


def _past_edition() -> Edition:
    return Edition.objects.create(
        slug="past", name="往屆", starts_on=D(2024, 5, 1), ends_on=D(2024, 5, 5)
    )


def test_the_deal_form_s_project_is_a_picker_that_follows_the_edition(organiser, edition):
    """The older search box (its own view and URL) is gone: the project field is a picker
    over the catalogue's projects source whose searches send the edition select's value."""
    mine = project(edition, code="P0101", name_hant="長沙儲能電池")
    project(_past_edition(), code="P0101", name_hant="往屆長沙項目")
    html = DealForm(initial={"edition": edition}).as_div()
    picker = reverse("reference:pick", args=["projects"])
    assert f'hx-get="{picker}"' in html
    assert 'hx-include="#id_project, #id_edition"' in html
    assert 'hx-trigger="input changed delay:250ms, search, change from:#id_edition"' in html
    assert f'<option value="{mine.pk}">P0101' in html  # the edition's projects before typing
    assert "往屆長沙項目" not in html and "project_q" not in html


def test_the_projects_source_gives_the_chosen_edition_s_projects(client_for, organiser, edition):
    past = _past_edition()
    now = project(edition, code="P0201", name_hant="長沙儲能電池")
    then = project(past, code="P0202", name_hant="長沙舊項目")
    client = client_for(organiser)
    url = reverse("reference:pick", args=["projects"])

    def options(**params: str) -> str:
        return client.get(url, {"field": "project", "to": "pk", **params}).content.decode()

    assert f'value="{now.pk}"' in options(edition=str(edition.pk), project__q="長沙")
    assert f'value="{then.pk}"' not in options(edition=str(edition.pk), project__q="長沙")
    assert f'value="{then.pk}"' in options(edition=str(past.pk), project__q="長沙")
    assert f'value="{now.pk}"' not in options(edition=str(past.pk))
    assert "P0201" not in options(edition="", project__q="長沙")  # no edition, no projects
    assert "P0201" in options(edition=str(edition.pk), project__q="p0201")  # by code


def test_projects_outsiders_and_the_gone_project_options(client, client_for, investor, leadership):
    url = reverse("reference:pick", args=["projects"])
    assert client.get(url).status_code == 302
    assert client_for(investor).get(url).status_code == 403
    assert client_for(leadership).get(url).status_code == 403
    gone = reverse("pipeline:deal_form_options", args=["project"])
    assert client_for(investor).get(gone).status_code == 403


def test_a_project_of_another_edition_is_refused(organiser, edition):
    then = project(_past_edition(), code="P0301")
    data = {
        "title": "長沙智能製造基地", "investor": make_org().pk, "edition": edition.pk,
        "project": then.pk, "owner": organiser.pk, "opened_on": "2025-03-01",
        "currency_code": "CNY",
    }  # fmt: skip
    bound = DealForm(data)
    assert not bound.is_valid() and list(bound.errors) == ["project"]


def test_city_filter_lists_hunan_cities_and_cities_in_deals(organiser):
    hunan = set(AdminDivision.objects.filter(level=2, code__startswith="43"))
    shenzhen = AdminDivision.objects.get(code="4403")
    make_deal(organiser, city=shenzhen)
    offered = set(FigureFilter().fields["city"].queryset)
    assert offered == hunan | {shenzhen}
    assert AdminDivision.objects.get(code="4401") not in offered  # Guangzhou: no deal


def test_stalled_link_lists_my_stalled_deals_with_a_toggle(client_for, organiser, agency_admin):
    old = TODAY - dt.timedelta(days=400)
    for i, owner in enumerate([organiser] * 11 + [agency_admin]):
        make_deal(owner, title=f"停滯{i}", investor=make_org(f"投資者{i}"), opened_on=old)
    client = client_for(organiser)
    home = client.get("/").content.decode()
    link = f"{reverse('pipeline:deal_list')}?stalled=on&amp;mine=on"
    assert link in home
    mine = client.get(reverse("pipeline:deal_list"), {"stalled": "on", "mine": "on"})
    assert mine.context["page"].paginator.count == 11
    assert mine.context["toggle_mine"] == "stalled=on"
    everyone = client.get(reverse("pipeline:deal_list"), {"stalled": "on"})
    assert everyone.context["page"].paginator.count == 12
    assert everyone.context["toggle_mine"] == "stalled=on&mine=on"


def test_mine_filter_without_user_is_ignored(organiser):
    make_deal(organiser)
    form = DealFilter(QueryDict("mine=on"))
    cutoff = TODAY
    assert Deal.objects.filter(form.deal_q(stall_cutoff=cutoff)).count() == 1


def test_deal_edit_outsiders_and_changes(client, client_for, organiser, leadership):
    deal = make_deal(organiser, city=city())
    url = reverse("pipeline:deal_edit", args=[deal.pk])
    assert client.get(url).status_code == 302
    assert client_for(leadership).get(url).status_code == 403
    staff = client_for(organiser)
    assert staff.get(url).status_code == 200
    response = staff.post(
        url,
        {
            "title": "長沙冷鏈物流園二期",
            "investor": deal.investor_id,
            "owner": organiser.pk,
            "opened_on": "2025-01-02",
            "amount_text": "HK$3億",
            "currency_code": "CNY",
        },
    )
    assert response.status_code == 302
    deal.refresh_from_db()
    assert (deal.title, deal.amount_text, deal.currency, deal.city) == (
        "長沙冷鏈物流園二期",
        "HK$3億",
        "HKD",
        None,
    )


def test_update_of_a_signed_deal_runs_the_resigning_check_again(organiser):
    investor = make_org()
    first = walk(
        make_deal(organiser, title="長沙冷鏈物流園", investor=investor),
        organiser,
        {Stage.SIGNED: D(2025, 5, 14)},
    )
    second = walk(
        make_deal(
            organiser, title="株洲軌道交通配套產業園", investor=investor, amount_text="8億元"
        ),
        organiser,
        {Stage.SIGNED: D(2025, 5, 20)},
    )
    assert second.duplicate_status == "clear"
    services.update_deal(
        deal=second, title="長沙冷鏈物流園", amount_text="1億元", currency_code="CNY"
    )
    second.refresh_from_db()
    assert second.duplicate_status == "suspect"
    assert list(second.suspicions.values_list("other", flat=True)) == [first.pk]
    services.confirm_distinct(deal=second, by=organiser)
    services.update_deal(deal=second, title="長沙冷鏈物流園（二期）", amount_text="1億元")
    second.refresh_from_db()
    assert second.duplicate_status == "distinct"  # only the deal already judged looks alike
