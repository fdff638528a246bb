import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation
from openpyxl import load_workbook

from duijie.jobs.models import Job
from duijie.pipeline.models import AftercareIssue, AftercareVisit, Deal, Stage

from .factories import make_deal, make_org, walk

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def some_deals(owner, edition, n: int) -> list[Deal]:  # type: ignore[no-untyped-def]
    deals = []
    for i in range(n):
        deal = make_deal(
            owner,
            title=f"示範項目{i}",
            investor=make_org(f"投資者{i}"),
            edition=edition,
            opened_on=TODAY - dt.timedelta(days=300),
        )
        deals.append(walk(deal, owner, {Stage.SIGNED: TODAY - dt.timedelta(days=200)}))
    return deals


READ_URLS = ["pipeline:dashboard", "pipeline:deal_list", "pipeline:export_xlsx"]
STAFF_URLS = [
    "pipeline:deal_create",
    "pipeline:aftercare",
    "pipeline:visit_add",
    "pipeline:issue_add",
]


def test_anonymous_is_sent_to_login(client):
    for name in READ_URLS + STAFF_URLS:
        response = client.get(reverse(name))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))


def test_investors_and_project_owners_are_refused(client_for, investor, project_owner):
    for user in (investor, project_owner):
        client = client_for(user)
        assert [client.get(reverse(n)).status_code for n in READ_URLS + STAFF_URLS] == [403] * 7


def test_leadership_reads_but_does_not_edit(client_for, leadership):
    client = client_for(leadership)
    assert [client.get(reverse(n)).status_code for n in STAFF_URLS] == [403] * 4


def test_leadership_reads_dashboard_and_drill_down(client_for, leadership, organiser, edition):
    deal = some_deals(organiser, edition, 1)[0]
    client = client_for(leadership)
    assert client.get(reverse("pipeline:dashboard")).status_code == 200
    assert client.get(reverse("pipeline:deal_detail", args=[deal.pk])).status_code == 200
    assert client.post(reverse("pipeline:deal_move", args=[deal.pk])).status_code == 403
    assert client.post(reverse("pipeline:arrival_add", args=[deal.pk])).status_code == 403
    assert (
        client.get(reverse("pipeline:event_edit", args=[deal.events.first().pk])).status_code == 403
    )


@pytest.mark.parametrize("n", [1, 4])
def test_deal_list_query_count_is_fixed(
    client_for, organiser, edition, n, django_assert_num_queries
):
    some_deals(organiser, edition, n)
    client = client_for(organiser)
    with django_assert_num_queries(10):
        response = client.get(
            reverse("pipeline:deal_list"), {"edition": edition.pk, "reached": "signed"}
        )
    assert response.status_code == 200
    assert response.context["page"].paginator.count == n


@pytest.mark.parametrize("n", [1, 4])
def test_chart_endpoints_query_count_is_fixed(
    client_for, leadership, organiser, edition, n, django_assert_num_queries
):
    some_deals(organiser, edition, n)
    client = client_for(leadership)
    client.get(reverse("pipeline:dashboard"))  # session and user loaded once
    expected = {"stages": 4, "rates": 5, "amounts": 5, "speed": 4, "trend": 5, "headline": 9}
    for key, count in expected.items():
        with django_assert_num_queries(count):
            response = client.get(
                reverse("pipeline:chart_data", args=[key]), {"edition": edition.pk}
            )
        assert response.status_code == 200


def test_stages_endpoint_json(client_for, leadership, organiser, edition):
    some_deals(organiser, edition, 2)
    data = client_for(leadership).get(reverse("pipeline:chart_data", args=["stages"])).json()
    assert data["series"][0]["data"] == [0, 0, 2, 0, 0, 0, 0, 0]
    assert data["links"][0][2] == f"/pipeline/deals/?counted=on&edition={edition.pk}&stage=2"
    assert (
        client_for(leadership).get(reverse("pipeline:chart_data", args=["nope"])).status_code == 404
    )


def test_exports_xlsx_and_pdf(client_for, leadership, organiser, edition):
    some_deals(organiser, edition, 2)
    client = client_for(leadership)
    response = client.get(reverse("pipeline:export_xlsx"), {"edition": edition.pk})
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames[1:] == ["stages", "rates", "amounts", "speed", "trend"]
    with translation.override("zh-hant"):
        assert [c.value for c in book["stages"][5]] == [str(Stage.SIGNED.label), 2]
    pdf = client.get(reverse("pipeline:export_pdf"), {"edition": edition.pk})
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")


def test_edition_report_button_queues_a_job(client_for, leadership, edition):
    response = client_for(leadership).post(
        reverse("pipeline:edition_report"), {"edition": edition.pk}
    )
    job = Job.objects.get()
    assert (job.kind, job.params) == (
        "pipeline.edition_report",
        {"edition": edition.pk, "language": "zh-hant"},
    )
    assert response["Location"] == f"/pipeline/dashboard/?edition={edition.pk}&job={job.pk}"
    assert (job.status, job.result_file.read(5)) == ("SUCCESSFUL", b"%PDF-")
    client = client_for(leadership)
    assert f'hx-get="/jobs/{job.pk}/status/"' in client.get(response["Location"]).text
    status = client.get(f"/jobs/{job.pk}/status/").text
    assert f'href="/jobs/{job.pk}/download/"' in status and "hx-trigger" not in status


def test_edition_report_command_writes_a_pdf(tmp_path, organiser, edition):
    some_deals(organiser, edition, 1)
    out = tmp_path / "report.pdf"
    call_command("edition_report", edition=edition.slug, language="en", out=out)
    assert out.read_bytes().startswith(b"%PDF")


def test_staff_record_a_stage_with_evidence(client_for, organiser, edition):
    deal = some_deals(organiser, edition, 1)[0]
    client = client_for(organiser)
    url = reverse("pipeline:deal_move", args=[deal.pk])
    client.post(
        url, {"to_stage": 3, "on": TODAY.isoformat(), "evidence_kind": "note", "evidence_note": ""}
    )
    deal.refresh_from_db()
    assert deal.stage == Stage.SIGNED
    client.post(
        url,
        {"to_stage": 3, "on": TODAY.isoformat(), "evidence_kind": "note", "evidence_note": "執照"},
    )
    deal.refresh_from_db()
    assert (deal.stage, deal.registered_on) == (Stage.REGISTERED, TODAY)


def test_staff_create_a_deal(client_for, organiser, edition):
    investor = make_org()
    response = client_for(organiser).post(
        reverse("pipeline:deal_create"),
        {
            "title": "新項目",
            "investor": investor.pk,
            "owner": organiser.pk,
            "opened_on": TODAY.isoformat(),
            "amount_text": "3.5億人民幣",
            "currency_code": "CNY",
            "edition": edition.pk,
        },
    )
    deal = Deal.objects.get()
    assert response["Location"] == reverse("pipeline:deal_detail", args=[deal.pk])
    assert (deal.amount_cny, deal.stage, deal.owner) == (350_000_000, Stage.LEAD, organiser)


def test_aftercare_log(client_for, organiser):
    investor = make_org()
    client = client_for(organiser)
    client.post(
        reverse("pipeline:visit_add"),
        {"organisation": investor.pk, "visited_on": TODAY.isoformat(), "summary": "回訪"},
    )
    client.post(
        reverse("pipeline:issue_add"),
        {"organisation": investor.pk, "raised_on": TODAY.isoformat(), "title": "用電報裝"},
    )
    issue = AftercareIssue.objects.get()
    client.post(
        reverse("pipeline:issue_resolve", args=[issue.pk]),
        {"resolved_on": TODAY.isoformat(), "resolution": "已解決"},
    )
    issue.refresh_from_db()
    assert (AftercareVisit.objects.get().summary, issue.status) == ("回訪", "resolved")
    assert client.get(reverse("pipeline:aftercare")).status_code == 200


def test_home_panels(client_for, organiser, leadership, edition):
    some_deals(organiser, edition, 1)
    staff_home = client_for(organiser).get(reverse("accounts:home")).content.decode()
    assert "示範項目0" in staff_home
    leader_home = client_for(leadership).get(reverse("accounts:home"))
    assert leader_home.status_code == 200


def _post_for_a_deal(client_for, organiser, edition, view, language, data):  # type: ignore[no-untyped-def]
    """Post ``data`` to ``view`` of a signed deal as ``organiser`` reading ``language``."""
    deal = some_deals(organiser, edition, 1)[0]
    organiser.language = language
    organiser.save()
    page = f"http://testserver{reverse('pipeline:deal_detail', args=[deal.pk])}"
    response = client_for(organiser).post(reverse(view, args=[deal.pk]), data, HTTP_REFERER=page)
    deal.refresh_from_db()
    return response, deal


def test_a_bad_stage_date_shows_the_form_again_with_the_input_and_the_error_by_its_field(
    client_for, organiser, edition
):
    data = {"to_stage": 3, "on": "2025-02-30", "evidence_kind": "note", "evidence_note": "執照副本"}
    response, deal = _post_for_a_deal(
        client_for, organiser, edition, "pipeline:deal_move", "zh-hant", data
    )
    page = response.content.decode()
    assert (response.status_code, deal.stage) == (200, Stage.SIGNED)
    assert '<details class="card no-print" id="stage-change" open>' in page
    assert '<label for="id_on">日期：</label>' in page
    assert '<ul class="errorlist" id="id_on_error"><li>輸入有效的日期</li></ul>' in page
    assert 'name="on" value="2025-02-30"' in page
    assert "執照副本</textarea>" in page
    assert "* on" not in page
    # switching the language here goes back to the deal, not to the POST-only address
    detail = reverse("pipeline:deal_detail", args=[deal.pk])
    assert f'name="next" value="http://testserver{detail}"' in page


def test_a_broken_stage_rule_is_shown_on_the_form_not_lost_in_a_redirect(
    client_for, organiser, edition
):
    data = {"to_stage": 1, "on": TODAY.isoformat(), "evidence_kind": "note", "evidence_note": "x"}
    response, deal = _post_for_a_deal(
        client_for, organiser, edition, "pipeline:deal_move", "en", data
    )
    assert (response.status_code, deal.stage) == (200, Stage.SIGNED)
    assert 'class="errorlist nonfield"' in response.content.decode()


def test_a_bad_capital_arrival_keeps_the_input(client_for, organiser, edition):
    data = {
        "arrived_on": "",
        "amount_text": "5000萬元",
        "currency_code": "CNY",
        "evidence_note": "n",
    }
    response, deal = _post_for_a_deal(
        client_for, organiser, edition, "pipeline:arrival_add", "en", data
    )
    page = response.content.decode()
    assert (response.status_code, deal.arrivals.count()) == (200, 0)
    assert '<details class="card no-print" id="capital-arrived" open>' in page
    required = (
        '<ul class="errorlist" id="id_arrived_on_error"><li>This field is required.</li></ul>'
    )
    assert required in page
    assert 'value="5000萬元"' in page
