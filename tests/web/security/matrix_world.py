"""The permission matrix's world: the demo data plus one of each file, and real URL
arguments for every pattern, taken from objects that are NOT the demo owner's or the
demo investor's (so for them every object page is someone else's)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from django.core.files.base import ContentFile
from django.tasks import TaskResultStatus
from django.urls import URLPattern, URLResolver, get_resolver

from duijie.accounts.models import User
from duijie.catalogue.models import Project, ProjectAttachment, Roadshow
from duijie.chains.models import Chain, Link
from duijie.demo import DEMO_LOGINS, populate
from duijie.directory.models import (
    Campaign,
    IntroductionPath,
    Mandate,
    MergeRecord,
    Organisation,
    Person,
    PersonDuplicate,
    SuspectedDuplicate,
)
from duijie.intel.models import Document, Fact
from duijie.jobs.models import Job
from duijie.matchmaking.models import MatchRun, Recommendation
from duijie.parks.models import Corridor, Platform, PolicyInnovation, Port
from duijie.pipeline.dashboard import CHARTS
from duijie.pipeline.models import AftercareIssue, Deal, StageEvent
from duijie.tradeweek.models import (
    Event,
    Meeting,
    MeetingRequest,
    MeetingSlot,
    Participant,
    Registration,
    StandbyOffer,
    Venue,
)

MISSING = 999_999_999  # no such object: the view must answer 404 (or refuse first)
ROLES = ("anonymous", "owner", "investor", "leader", "staff", "admin")
LOGINS = {login.email.split("@")[0]: login.email for login in DEMO_LOGINS}


def url_patterns() -> Iterator[tuple[str, str]]:
    """(namespaced name, route) of every pattern of the site but the admin's."""

    def walk(resolver: URLResolver, prefix: str, namespace: str) -> Iterator[tuple[str, str]]:
        for entry in resolver.url_patterns:
            if isinstance(entry, URLResolver):
                inner = namespace + (f"{entry.namespace}:" if entry.namespace else "")
                if inner != "admin:":
                    yield from walk(entry, prefix + str(entry.pattern), inner)
            elif isinstance(entry, URLPattern) and entry.name:
                yield namespace + entry.name, prefix + str(entry.pattern)

    yield from walk(get_resolver(), "/", "")


def build_world() -> dict[str, object]:
    """Populate the demo; add a job, an attachment and an evidence file of other users."""
    populate(seed=2025, scale=1)
    users = {role: User.objects.get(email=email) for role, email in LOGINS.items()}
    mine = {users["owner"].pk, users["investor"].pk}
    hidden = (
        Project.objects.exclude(status="published").exclude(owner_user__in=mine).order_by("pk")
    ).first()
    attachment = ProjectAttachment(project=hidden, kind="document", caption="plan.pdf")
    attachment.file.save("plan.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"), save=True)
    event = StageEvent.objects.order_by("pk").first()
    event.evidence_file.save("contract.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"), save=True)
    job = Job.objects.create(
        kind="catalogue.booklet",
        created_by=users["staff"],
        status=TaskResultStatus.SUCCESSFUL,
        result_name="booklet.pdf",
    )
    job.result_file.save("booklet.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"), save=True)
    others = Participant.objects.exclude(user__in=mine)
    twins = [Person.objects.create(name="王偉", match_key=f"matrix-{i}") for i in range(2)]
    PersonDuplicate.objects.create(a=twins[0], b=twins[1], score=0.6, evidence=[])
    return {"users": users, "hidden": hidden, "attachment": attachment, "event": event,
            "job": job, "others": others}  # fmt: skip


def _pk(queryset: object) -> int:
    found = queryset.order_by("pk").first()  # type: ignore[attr-defined]  (same on every database)
    return found.pk if found is not None else MISSING


def arguments(world: dict[str, object]) -> dict[str, Callable[[], dict[str, object]]]:
    """URL keyword arguments per pattern name (patterns without arguments need none)."""
    hidden: Project = world["hidden"]  # type: ignore[assignment]
    others = world["others"]
    other_meetings = Meeting.objects.exclude(request__requester__in=Participant.objects.filter(
        user__in=[world["users"]["owner"], world["users"]["investor"]]  # type: ignore[index]
    ))  # fmt: skip
    meeting = other_meetings.order_by("pk").first()
    return {
        "accounts:password_reset_confirm": lambda: {"uidb64": "MQ", "token": "set-password"},
        "directory:organisation": lambda: {"pk": _pk(_others_organisations(world))},
        "directory:organisation_edit": lambda: {"pk": _pk(_others_organisations(world))},
        "directory:mandate_create": lambda: {"pk": _pk(_others_organisations(world))},
        "directory:mandate_edit": lambda: {"pk": _pk(_others_mandates(world))},
        "directory:mandate_delete": lambda: {"pk": _pk(_others_mandates(world))},
        "directory:need_create": lambda: {"pk": _pk(_others_organisations(world))},
        "directory:need_edit": lambda: {"pk": _pk(_needs())},
        "directory:need_delete": lambda: {"pk": _pk(_needs())},
        "directory:supply_terms": lambda: {"pk": _pk(_others_organisations(world))},
        "directory:product_create": lambda: {"pk": _pk(_others_organisations(world))},
        "directory:product_edit": lambda: {"pk": _pk(_supply(world, "supply_products"))},
        "directory:product_delete": lambda: {"pk": _pk(_supply(world, "supply_products"))},
        "directory:delivery_create": lambda: {"pk": _pk(_others_organisations(world))},
        "directory:delivery_edit": lambda: {"pk": _pk(_supply(world, "delivery_times"))},
        "directory:delivery_delete": lambda: {"pk": _pk(_supply(world, "delivery_times"))},
        "directory:person": lambda: {"pk": _pk(Person.objects)},
        "directory:person_edit": lambda: {"pk": _pk(Person.objects)},
        "directory:person_consent": lambda: {"pk": _pk(Person.objects)},
        "directory:person_interaction": lambda: {"pk": _pk(Person.objects)},
        "directory:person_erase": lambda: {"pk": _pk(Person.objects)},
        "directory:introduction_add": lambda: {"pk": _pk(Person.objects)},
        "directory:introduction_delete": lambda: {"pk": _pk(IntroductionPath.objects)},
        "directory:person_duplicate_merge": lambda: {"pk": _pk(PersonDuplicate.objects)},
        "directory:person_duplicate_dismiss": lambda: {"pk": _pk(PersonDuplicate.objects)},
        "directory:campaign": lambda: {"pk": _pk(Campaign.objects)},
        "directory:duplicate_merge": lambda: {"pk": _pk(SuspectedDuplicate.objects)},
        "directory:duplicate_dismiss": lambda: {"pk": _pk(SuspectedDuplicate.objects)},
        "catalogue:export": lambda: {"fmt": "xlsx"},
        "catalogue:roadshow": lambda: {"pk": _pk(Roadshow.objects)},
        "catalogue:roadshow_deck": lambda: {"pk": _pk(Roadshow.objects)},
        "catalogue:manage": lambda: {"pk": hidden.pk},
        "catalogue:edit": lambda: {"pk": hidden.pk},
        "catalogue:attach": lambda: {"pk": hidden.pk},
        "catalogue:file": lambda: {"pk": hidden.pk, "file_pk": world["attachment"].pk},  # type: ignore[attr-defined]
        "catalogue:carry": lambda: {"pk": hidden.pk},
        "catalogue:move": lambda: {"pk": hidden.pk, "step": "submit"},
        "catalogue:detail": lambda: {"edition": hidden.edition.slug, "code": hidden.code},
        "matchmaking:run": lambda: {"pk": _pk(MatchRun.objects)},
        "matchmaking:run_load": lambda: {"pk": _pk(MatchRun.objects)},
        "matchmaking:run_export": lambda: {"pk": _pk(MatchRun.objects)},
        "matchmaking:project_suggestions": lambda: {"pk": hidden.pk},
        "matchmaking:feedback": lambda: {"pk": _pk(_others_recommendations(world))},
        "matchmaking:introduce": lambda: {"pk": _pk(_others_recommendations(world))},
        "tradeweek:event": lambda: {"pk": _pk(Event.objects.filter(is_public=True))},
        "tradeweek:register": lambda: {"pk": _pk(Event.objects.filter(is_public=True))},
        "tradeweek:cancel_registration": lambda: {"pk": _pk(_others_registrations(world))},
        "tradeweek:calendar": lambda: {"token": "not-a-real-token"},
        "tradeweek:request_new": lambda: {"pk": _pk(others)},
        "tradeweek:request_respond": lambda: {"pk": _pk(_others_requests(world))},
        "tradeweek:request_withdraw": lambda: {"pk": _pk(_others_requests(world))},
        "tradeweek:meeting_cancel": lambda: {"pk": meeting.pk if meeting else MISSING},
        "tradeweek:meeting_outcome": lambda: {"pk": meeting.pk if meeting else MISSING},
        "tradeweek:offer_take": lambda: {"pk": _pk(StandbyOffer.objects)},
        "tradeweek:check_in": lambda: {"token": "not-a-real-token"},
        "tradeweek:staff_event": lambda: {"pk": _pk(Event.objects)},
        "tradeweek:staff_event_edit": lambda: {"pk": _pk(Event.objects)},
        "tradeweek:staff_venue_edit": lambda: {"pk": _pk(Venue.objects)},
        "tradeweek:registration_action": lambda: {
            "pk": _pk(Registration.objects),
            "action": "confirm",
        },
        "tradeweek:no_show": lambda: {
            "pk": meeting.pk if meeting else MISSING,
            "participant_pk": meeting.request.requester_id if meeting else MISSING,
        },
        "pipeline:chart_data": lambda: {"key": next(iter(CHARTS))},
        "pipeline:deal_detail": lambda: {"pk": _pk(Deal.objects)},
        "pipeline:deal_edit": lambda: {"pk": _pk(Deal.objects)},
        "pipeline:deal_form_options": lambda: {"field": "event"},
        "reference:pick": lambda: {"source": "organisations"},
        "pipeline:deal_move": lambda: {"pk": _pk(Deal.objects)},
        "pipeline:arrival_add": lambda: {"pk": _pk(Deal.objects)},
        "pipeline:deal_resolve": lambda: {"pk": _pk(Deal.objects)},
        "pipeline:evidence_file": lambda: {"pk": world["event"].pk},  # type: ignore[attr-defined]
        "pipeline:event_edit": lambda: {"pk": world["event"].pk},  # type: ignore[attr-defined]
        "pipeline:issue_resolve": lambda: {"pk": _pk(AftercareIssue.objects)},
        "directory:merge_undo": lambda: {"pk": _pk(MergeRecord.objects)},
        "catalogue:shortlist_toggle": lambda: {
            "pk": _pk(Project.objects.filter(status="published"))
        },
        "tradeweek:meeting_move": lambda: {"pk": meeting.pk if meeting else MISSING},
        "tradeweek:staff_cancel": lambda: {"pk": meeting.pk if meeting else MISSING},
        "tradeweek:seat_fill": lambda: {"slot_pk": _pk(MeetingSlot.objects), "table": 1},
        "tradeweek:staff_speakers": lambda: {"pk": _pk(Event.objects)},
        "tradeweek:staff_invite": lambda: _unpaired(),
        "chains:map": lambda: {"chain": _chain().code},
        "chains:graph": lambda: {"chain": _chain().code},
        "chains:edit": lambda: {"chain": _chain().code},
        "chains:link": lambda: {"chain": _chain().code, "link": _link().code},
        "chains:firms": lambda: {"chain": _chain().code, "link": _link().code},
        "chains:targets_xlsx": lambda: {"chain": _chain().code, "link": _link().code},
        "chains:lead": lambda: {"chain": _chain().code, "link": _link().code},
        "chains:review": lambda: {"chain": _chain().code, "link": _link().code},
        "environment:profile": lambda: {"code": "manufacturing-plant"},
        "intel:document": lambda: {"pk": _pk(Document.objects)},
        "intel:original": lambda: {"pk": _pk(Document.objects)},
        "intel:accept": lambda: {"pk": _pk(Fact.objects)},
        "intel:reject": lambda: {"pk": _pk(Fact.objects)},
        "parks:detail": lambda: {"code": _platform().code},
        "parks:edit": lambda: {"code": _platform().code},
        "parks:port_edit": lambda: {"code": _first(Port).code},
        "parks:corridor_edit": lambda: {"code": _first(Corridor).code},
        "parks:innovation_edit": lambda: {"code": _first(PolicyInnovation).code},
        "parks:suggest_project": lambda: {"pk": hidden.pk},
        "parks:suggest_mandate": lambda: {"pk": _pk(_others_mandates(world))},
        "parks:attach": lambda: {"kind": "project", "pk": hidden.pk},
        "parks:deal": lambda: {"pk": _pk(Deal.objects)},
        "jobs:status": lambda: {"pk": world["job"].pk},  # type: ignore[attr-defined]
        "jobs:download": lambda: {"pk": world["job"].pk},  # type: ignore[attr-defined]
    }


def _first(model: type[Any]) -> Any:
    return model.objects.order_by("pk").first()


def _platform() -> Platform:
    return Platform.objects.order_by("pk").first()  # type: ignore[return-value]


def _chain() -> Chain:
    return Chain.objects.order_by("pk").first()  # type: ignore[return-value]


def _link() -> Link:
    return _chain().links.order_by("pk").first()  # type: ignore[attr-defined, no-any-return]


def _needs():  # type: ignore[no-untyped-def]
    from duijie.directory.models import BuyingNeed

    return BuyingNeed.objects


def _others_recommendations(world: dict[str, object]):  # type: ignore[no-untyped-def]
    """Suggestions made neither for the demo owner's projects nor to the users' organisations
    (every project is covered now, the owner's own among the first)."""
    users = world["users"]
    mine = [users["owner"], users["investor"]]  # type: ignore[index]
    return (
        Recommendation.objects.exclude(project__owner_user__in=mine)
        .exclude(organisation__memberships__user__in=mine)
        .exclude(buyer__memberships__user__in=mine)
    )


def _supply(world: dict[str, object], related: str):  # type: ignore[no-untyped-def]
    """Products supplied or delivery times of an organisation neither demo user acts for."""
    from duijie.directory.models import DeliveryTime, SupplyProduct

    model = SupplyProduct if related == "supply_products" else DeliveryTime
    return model.objects.filter(organisation__in=_others_organisations(world))


def _mine(world: dict[str, object]):  # type: ignore[no-untyped-def]
    users = world["users"]
    return Participant.objects.filter(user__in=[users["owner"], users["investor"]])  # type: ignore[index]


def _unpaired() -> dict[str, object]:
    """Two participants of the week (not the demo logins) with no open request between them."""
    people = list(Participant.objects.exclude(user__email__in=LOGINS.values()).order_by("pk"))
    busy = {
        frozenset(pair)
        for pair in MeetingRequest.objects.filter(status__in=["pending", "accepted"]).values_list(
            "requester_id", "recipient_id"
        )
    }
    for first in people:
        for second in people:
            if first.pk != second.pk and frozenset((first.pk, second.pk)) not in busy:
                return {"first": first.pk, "second": second.pk}
    return {"first": MISSING, "second": MISSING}


def _others_registrations(world: dict[str, object]):  # type: ignore[no-untyped-def]
    users = world["users"]
    return Registration.objects.exclude(user__in=[users["owner"], users["investor"]])  # type: ignore[index]


def _others_requests(world: dict[str, object]):  # type: ignore[no-untyped-def]
    mine = _mine(world)
    return MeetingRequest.objects.exclude(requester__in=mine).exclude(recipient__in=mine)


def _others_mandates(world: dict[str, object]):  # type: ignore[no-untyped-def]
    users = world["users"]
    mine = [users["owner"], users["investor"]]  # type: ignore[index]
    return Mandate.objects.exclude(organisation__memberships__user__in=mine)


def _others_organisations(world: dict[str, object]):  # type: ignore[no-untyped-def]
    users = world["users"]
    mine = [users["owner"], users["investor"]]  # type: ignore[index]
    return Organisation.objects.exclude(memberships__user__in=mine)
