"""Every edited model records create, update and delete with the request's user."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.http import HttpResponse
from simple_history.middleware import HistoryRequestMiddleware

from duijie.catalogue.models import Project
from duijie.directory.models import Affiliation, BuyingNeed, Mandate, SchoolAttended
from duijie.pipeline.models import AftercareIssue, AftercareVisit, CapitalArrival, Stage
from duijie.tradeweek.models import Registration
from tests.web.directory.factories import make_organisation, make_person
from tests.web.pipeline import factories as pipeline

pytestmark = pytest.mark.django_db

D = dt.date


def _stage_event(edition, user):  # type: ignore[no-untyped-def]
    deal = pipeline.make_deal(user)
    pipeline.move(deal, Stage.NEGOTIATING, D(2025, 5, 14), user)
    return deal.events.get()


MAKERS = {
    "organisation": (lambda e, u: make_organisation(), "name", "騰訊控股有限公司"),
    "mandate": (
        lambda e, u: Mandate.objects.create(organisation=make_organisation(), title="甲"),
        "title",
        "乙",
    ),
    "buying need": (
        lambda e, u: BuyingNeed.objects.create(organisation=make_organisation(), title="甲"),
        "title",
        "乙",
    ),
    "person": (lambda e, u: make_person(), "phone", "+852 5555 0000"),
    "school": (
        lambda e, u: SchoolAttended.objects.create(person=make_person(), school="湖南大學"),
        "graduated",
        1998,
    ),
    "affiliation": (
        lambda e, u: Affiliation.objects.create(person=make_person(), organisation_name="甲"),
        "title",
        "董事長",
    ),
    "project": (lambda e, u: Project.objects.create(edition=e, code="H1"), "park", "經開區"),
    "deal": (lambda e, u: pipeline.make_deal(u), "notes", "已簽約"),
    "stage event": (_stage_event, "evidence_note", "合同掃描件"),
    "capital arrival": (
        lambda e, u: CapitalArrival.objects.create(
            deal=pipeline.make_deal(u),
            arrived_on=D(2025, 6, 1),
            amount=Decimal(1),
            currency="CNY",
            amount_cny=Decimal(1),
            evidence_note="銀行回單",
            recorded_by=u,
        ),
        "evidence_note",
        "銀行水單",
    ),
    "aftercare visit": (
        lambda e, u: AftercareVisit.objects.create(
            organisation=make_organisation(), visited_on=D(2025, 6, 1), staff=u, summary="甲"
        ),
        "summary",
        "乙",
    ),
    "aftercare issue": (
        lambda e, u: AftercareIssue.objects.create(
            organisation=make_organisation(), raised_on=D(2025, 6, 1), title="甲", owner=u
        ),
        "status",
        "resolved",
    ),
    "event": (lambda e, u: pipeline.make_event(e), "title", "簽約儀式"),
    "registration": (
        lambda e, u: Registration.objects.create(
            event=pipeline.make_event(e), user=u, status="pending"
        ),
        "status",
        "confirmed",
    ),
    "meeting": (lambda e, u: pipeline.make_meetings(e, ["scheduled"])[0], "status", "held"),
}


@pytest.mark.parametrize("name", MAKERS)
def test_each_model_records_create_update_delete_with_the_user(name, rf, organiser, edition):
    make, field, value = MAKERS[name]
    touched = []

    def edit(request):  # type: ignore[no-untyped-def]
        obj = make(edition, organiser)
        setattr(obj, field, value)
        obj.save()
        touched.append((type(obj), obj.pk))
        obj.delete()
        return HttpResponse()

    request = rf.post("/")
    request.user = organiser
    HistoryRequestMiddleware(edit)(request)
    model, pk = touched[0]
    rows = list(model.history.filter(id=pk).order_by("history_id"))
    assert [(row.history_type, row.history_user) for row in rows] == [
        ("+", organiser),
        ("~", organiser),
        ("-", organiser),
    ]
    assert getattr(rows[1], field) == value
