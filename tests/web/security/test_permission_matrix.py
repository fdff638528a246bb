"""Every URL pattern × every role, GET and POST, with real ids of other users' objects.

The expected outcome of each (pattern, role, method) is kept below as data, one line per
pattern: two strings of one letter per role in the order of ``ROLES`` (anonymous, demo
project owner, demo investor, leadership, agency staff, agency admin), for GET and for
POST (an empty form). Letters: ``o`` answered (2xx, or a redirect that is not to the
login page), ``l`` sent to log in, ``n`` refused (403) or not found (404), ``m`` method
not allowed (405), ``r`` another refusal (400, 409, 413, 429). A 500 is never expected.
The objects are the demo's, none of them the owner's or the investor's (see
``matrix_world``): for those two every object page is someone else's.
"""

from __future__ import annotations

import os

import pytest
from django.test import Client
from django.urls import reverse

from tests.web.security.matrix_world import ROLES, arguments, build_world, url_patterns

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

# Reviewed by hand: anonymous visitors reach only the public pages (catalogue, programme,
# events, login and reset) and otherwise go to log in; the owner and the investor reach
# their own pages (home, my projects, my organisation, agenda, requests, suggestions) and
# never staff pages or other people's objects (an investor keeps a shortlist);
# leadership reads the dashboard, deals, chains and analytics; staff and admin reach
# the rest. POST rows after a successful POST of staff
# can read "n" for admin: the object is gone (a delete) or the step is done.
# fmt: off
EXPECTED: dict[str, tuple[str, str]] = {
    "accounts:home": ("looooo", "looooo"),
    "accounts:login": ("oooooo", "oooooo"),
    "accounts:logout": ("mmmmmm", "llllll"),
    "accounts:password_reset": ("oooooo", "oooooo"),
    "accounts:password_reset_complete": ("oooooo", "mmmmmm"),
    "accounts:password_reset_confirm": ("oooooo", "oooooo"),
    "accounts:password_reset_done": ("oooooo", "mmmmmm"),
    "accounts:set_language": ("mmmmmm", "oooooo"),
    "catalogue:attach": ("mmmmmm", "lnnnoo"),
    "catalogue:booklet": ("lnnnoo", "lnnnoo"),
    "catalogue:carry": ("mmmmmm", "lnnnnn"),
    "catalogue:county_options": ("oooooo", "oooooo"),
    "catalogue:create": ("lonnoo", "lonnoo"),
    "catalogue:detail": ("nnnnoo", "nnnnoo"),
    "catalogue:edit": ("lnnnoo", "lnnnoo"),
    "catalogue:export": ("lnnnoo", "lnnnoo"),
    "catalogue:file": ("nnnnoo", "nnnnoo"),
    "catalogue:import": ("lnnnoo", "lnnnoo"),
    "catalogue:list": ("oooooo", "oooooo"),
    "catalogue:manage": ("lnnnoo", "lnnnoo"),
    "catalogue:mine": ("lonnoo", "lonnoo"),
    "catalogue:move": ("mmmmmm", "lnnnoo"),
    "catalogue:review_queue": ("lnnnoo", "lnnnoo"),
    "catalogue:roadshow": ("lnnnnn", "lnnnnn"),
    "catalogue:roadshow_deck": ("lnnnnn", "lnnnnn"),
    "catalogue:roadshows": ("lnnnoo", "lnnnoo"),
    "catalogue:shortlist": ("lnonno", "lnonno"),
    "catalogue:shortlist_toggle": ("mmmmmm", "lnonno"),
    "chains:compare": ("lnnooo", "lnnooo"),
    "chains:edit": ("lnnnoo", "lnnnoo"),
    "chains:export": ("lnnnoo", "lnnnoo"),
    "chains:firms": ("lnnooo", "lnnooo"),
    "chains:graph": ("lnnooo", "lnnooo"),
    "chains:import": ("lnnnoo", "lnnnoo"),
    "chains:lead": ("mmmmmm", "lnnnnn"),
    "chains:link": ("lnnooo", "lnnooo"),
    "chains:list": ("lnnooo", "lnnooo"),
    "chains:map": ("lnnooo", "lnnooo"),
    "chains:place": ("mmmmmm", "lnnnoo"),
    "chains:review": ("mmmmmm", "lnnnnn"),
    "chains:targets_xlsx": ("lnnooo", "lnnooo"),
    "directory:campaign": ("lnnnoo", "lnnnoo"),
    "directory:campaign_create": ("mmmmmm", "lnnnoo"),
    "directory:duplicate_dismiss": ("mmmmmm", "lnnnnn"),
    "directory:duplicate_merge": ("lnnnoo", "lnnnnn"),
    "directory:duplicates": ("lnnnoo", "lnnnoo"),
    "directory:duplicates_refresh": ("mmmmmm", "lnnnoo"),
    "directory:export": ("lnnooo", "lnnooo"),
    "directory:import": ("lnnnoo", "lnnnoo"),
    "directory:introduction_add": ("mmmmmm", "lnnnoo"),
    "directory:introduction_delete": ("mmmmmm", "lnnnon"),
    "directory:mandate_create": ("lnnnoo", "lnnnoo"),
    "directory:mandate_delete": ("lnnnoo", "lnnnon"),
    "directory:mandate_edit": ("lnnnoo", "lnnnoo"),
    "directory:merge_undo": ("mmmmmm", "lnnnnn"),
    "directory:my_organisation": ("looooo", "looooo"),
    "directory:need_create": ("lnnnoo", "lnnnoo"),
    "directory:need_delete": ("lnnnoo", "lnnnon"),
    "directory:need_edit": ("lnnnoo", "lnnnoo"),
    "directory:supply_terms": ("lnnnoo", "lnnnoo"),
    "directory:product_create": ("lnnnoo", "lnnnoo"),
    "directory:product_edit": ("lnnnoo", "lnnnoo"),
    "directory:product_delete": ("lnnnoo", "lnnnon"),
    "directory:delivery_create": ("lnnnoo", "lnnnoo"),
    "directory:delivery_edit": ("lnnnoo", "lnnnoo"),
    "directory:delivery_delete": ("lnnnoo", "lnnnon"),
    "directory:network": ("lnnnoo", "lnnnoo"),
    "directory:organisation": ("lnnooo", "lnnooo"),
    "directory:organisation_create": ("lnnnoo", "lnnnoo"),
    "directory:organisation_edit": ("lnnnoo", "lnnnoo"),
    "directory:organisations": ("lnnooo", "lnnooo"),
    "directory:people": ("lnnnoo", "lnnnoo"),
    "directory:person": ("lnnnoo", "lnnnoo"),
    "directory:person_consent": ("lnnnrr", "lnnnrr"),
    "directory:person_duplicate_dismiss": ("mmmmmm", "lnnnnn"),
    "directory:person_duplicate_merge": ("lnnnoo", "lnnnnn"),  # POST: the scan before renews pairs
    "directory:person_duplicates": ("lnnnoo", "lnnnoo"),
    "directory:person_duplicates_refresh": ("mmmmmm", "lnnnoo"),
    "directory:person_edit": ("lnnnoo", "lnnnoo"),
    "directory:person_erase": ("lnnnoo", "lnnnoo"),
    "directory:person_interaction": ("mmmmmm", "lnnnoo"),
    "directory:segment_save": ("mmmmmm", "lnnnoo"),
    "environment:compare": ("lnnooo", "mmmmmm"),
    "environment:export": ("lnnooo", "mmmmmm"),
    "environment:import": ("lnnnoo", "lnnnoo"),
    "environment:indicators": ("lnnooo", "mmmmmm"),
    "environment:profile": ("lnnooo", "lnnnoo"),
    "environment:profiles": ("lnnooo", "mmmmmm"),
    "environment:report": ("lnnooo", "mmmmmm"),
    "environment:report_pdf": ("lnnooo", "lnnooo"),
    "intel:accept": ("mmmmmm", "lnnnoo"),
    "intel:document": ("lnnnoo", "lnnnoo"),
    "intel:documents": ("lnnnoo", "lnnnoo"),
    "intel:original": ("lnnnnn", "lnnnnn"),
    "intel:read": ("lnnnoo", "lnnnoo"),
    "intel:reject": ("mmmmmm", "lnnnoo"),
    "jobs:download": ("lnnnoo", "lnnnoo"),
    "jobs:recent": ("lnnnoo", "lnnnoo"),
    "jobs:status": ("lnnnoo", "lnnnoo"),
    "matchmaking:feedback": ("mmmmmm", "lnnnoo"),
    "matchmaking:introduce": ("mmmmmm", "lnnnnn"),
    "matchmaking:mine": ("looooo", "looooo"),
    "matchmaking:project_suggestions": ("lnnnoo", "lnnnoo"),
    "matchmaking:run": ("lnnnoo", "lnnnoo"),
    "matchmaking:run_export": ("lnnnoo", "lnnnoo"),
    "matchmaking:run_load": ("lnnnoo", "lnnnoo"),
    "matchmaking:runs": ("lnnnoo", "lnnnoo"),
    "matchmaking:weights": ("lnnnoo", "lnnnoo"),
    "matchmaking:feedback_list": ("lnnnoo", "lnnnoo"),
    "operations:healthz": ("oooooo", "mmmmmm"),
    "operations:metrics": ("oooooo", "mmmmmm"),
    "operations:readyz": ("oooooo", "mmmmmm"),
    "parks:attach": ("mmmmmm", "lnnnoo"),
    "parks:corridor_create": ("lnnnoo", "lnnnoo"),
    "parks:corridor_edit": ("lnnnoo", "lnnnoo"),
    "parks:corridor_export": ("lnnnoo", "lnnnoo"),
    "parks:corridor_import": ("lnnnoo", "lnnnoo"),
    "parks:corridors": ("looooo", "looooo"),
    "parks:create": ("lnnnoo", "lnnnoo"),
    "parks:deal": ("lnnooo", "lnnooo"),
    "parks:detail": ("looooo", "looooo"),
    "parks:edit": ("lnnnoo", "lnnnoo"),
    "parks:export": ("lnnnoo", "lnnnoo"),
    "parks:import": ("lnnnoo", "lnnnoo"),
    "parks:innovation_create": ("lnnnoo", "lnnnoo"),
    "parks:innovation_edit": ("lnnnoo", "lnnnoo"),
    "parks:innovation_export": ("lnnnoo", "lnnnoo"),
    "parks:innovation_import": ("lnnnoo", "lnnnoo"),
    "parks:innovations": ("looooo", "looooo"),
    "parks:list": ("looooo", "looooo"),
    "parks:port_create": ("lnnnoo", "lnnnoo"),
    "parks:port_edit": ("lnnnoo", "lnnnoo"),
    "parks:port_export": ("lnnnoo", "lnnnoo"),
    "parks:port_import": ("lnnnoo", "lnnnoo"),
    "parks:ports": ("looooo", "looooo"),
    "parks:route": ("looooo", "looooo"),
    "parks:suggest_mandate": ("lnnnoo", "lnnnnn"),  # POST: directory:mandate_delete ran first
    "parks:suggest_project": ("lnnnoo", "lnnnoo"),
    "pipeline:aftercare": ("lnnnoo", "lnnnoo"),
    "pipeline:arrival_add": ("mmmmmm", "lnnnoo"),
    "pipeline:chart_data": ("lnnooo", "lnnooo"),
    "pipeline:dashboard": ("lnnooo", "lnnooo"),
    "pipeline:deal_create": ("lnnnoo", "lnnnoo"),
    "pipeline:deal_detail": ("lnnooo", "lnnooo"),
    "pipeline:deal_edit": ("lnnnoo", "lnnnoo"),
    "pipeline:deal_form_options": ("lnnnoo", "lnnnoo"),
    "pipeline:deal_list": ("lnnooo", "lnnooo"),
    "pipeline:deal_move": ("mmmmmm", "lnnnoo"),
    "pipeline:deal_resolve": ("mmmmmm", "lnnnoo"),
    "pipeline:edition_report": ("mmmmmm", "lnnnnn"),
    "pipeline:event_edit": ("lnnnoo", "lnnnoo"),
    "pipeline:evidence_file": ("lnnooo", "lnnooo"),
    "pipeline:export_pdf": ("lnnooo", "lnnooo"),
    "pipeline:export_xlsx": ("lnnooo", "lnnooo"),
    "pipeline:issue_add": ("lnnnoo", "lnnnoo"),
    "pipeline:issue_resolve": ("lnnnoo", "lnnnoo"),
    "pipeline:visit_add": ("lnnnoo", "lnnnoo"),
    "reference:division_options": ("oooooo", "oooooo"),
    "reference:pick": ("lnnooo", "mmmmmm"),
    "tradeweek:agenda": ("looooo", "looooo"),
    "tradeweek:agenda_pdf": ("looooo", "looooo"),
    "tradeweek:calendar": ("nnnnnn", "nnnnnn"),
    "tradeweek:cancel_registration": ("lmmmmm", "lnnnnn"),
    "tradeweek:check_in": ("lnnnnn", "lnnnnn"),
    "tradeweek:event": ("oooooo", "oooooo"),
    "tradeweek:meeting_cancel": ("lmmmmm", "lnnnoo"),
    "tradeweek:meeting_move": ("lnnnoo", "lnnnoo"),
    "tradeweek:meeting_outcome": ("lnnnnn", "lnnnnn"),
    "tradeweek:no_show": ("lnnnmm", "lnnnoo"),
    "tradeweek:offer_take": ("lmmmmm", "lnnnnn"),
    "tradeweek:participants": ("loonnn", "loonnn"),
    "tradeweek:programme": ("oooooo", "oooooo"),
    "tradeweek:register": ("lmmmmm", "looooo"),
    "tradeweek:registration_action": ("lnnnmm", "lnnnnn"),
    "tradeweek:request_new": ("loonnn", "loonnn"),
    "tradeweek:request_respond": ("lmmmmm", "lnnnnn"),
    "tradeweek:request_withdraw": ("lmmmmm", "lnnnnn"),
    "tradeweek:requests": ("loonnn", "loonnn"),
    "tradeweek:schedule_export": ("lnnnoo", "lnnnoo"),
    "tradeweek:seat_fill": ("lnnnoo", "lnnnoo"),
    "tradeweek:staff": ("lnnnoo", "lnnnoo"),
    "tradeweek:staff_analytics": ("lnnooo", "lnnooo"),
    "tradeweek:staff_cancel": ("lnnnoo", "lnnnoo"),
    "tradeweek:staff_event": ("lnnnoo", "lnnnoo"),
    "tradeweek:staff_event_edit": ("lnnnoo", "lnnnoo"),
    "tradeweek:staff_event_new": ("lnnnoo", "lnnnoo"),
    "tradeweek:staff_events": ("lnnnoo", "lnnnoo"),
    "tradeweek:staff_offers": ("lnnnoo", "lnnnoo"),
    "tradeweek:staff_participants": ("lnnnoo", "lnnnoo"),
    "tradeweek:staff_requests": ("lnnnoo", "lnnnoo"),
    "tradeweek:staff_invite": ("lnnnmm", "lnnnoo"),
    "tradeweek:staff_rules": ("lnnnoo", "lnnnoo"),
    "tradeweek:staff_schedule": ("lnnnoo", "lnnnoo"),
    "tradeweek:staff_slots": ("lnnnoo", "lnnnoo"),
    "tradeweek:staff_speakers": ("lnnnoo", "lnnnoo"),
    "tradeweek:staff_venue_edit": ("lnnnoo", "lnnnoo"),
    "tradeweek:staff_venue_new": ("lnnnoo", "lnnnoo"),
    "tradeweek:staff_venues": ("lnnnoo", "lnnnoo"),
}
# fmt: on


def outcome(response) -> str:  # type: ignore[no-untyped-def]
    code = response.status_code
    if code >= 500:
        return "E"
    if code in (301, 302, 303, 307, 308):
        return "l" if response["Location"].startswith(reverse("accounts:login")) else "o"
    if code < 400:
        return "o"
    return {403: "n", 404: "n", 405: "m"}.get(code, "r")


def test_every_pattern_and_role(settings, tmp_path):  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path
    settings.RATE_LIMITS_ENABLED = False  # the limits have their own tests
    world = build_world()
    kwargs = {name: make() for name, make in arguments(world).items()}
    urls = {name: reverse(name, kwargs=kwargs.get(name)) for name, _route in url_patterns()}
    clients = {}
    for role in ROLES:
        clients[role] = Client()
        if role != "anonymous":
            clients[role].force_login(world["users"][role])  # type: ignore[index]
    seen: dict[str, list[str]] = {name: ["", ""] for name in urls}
    for column, method in enumerate(("get", "post")):
        for name, url in urls.items():
            for role in ROLES:
                client = clients[role]
                if name == "accounts:logout":  # would log the shared client out
                    client = Client()
                    if role != "anonymous":
                        client.force_login(world["users"][role])  # type: ignore[index]
                response = getattr(client, method)(url)
                seen[name][column] += outcome(response)
    if os.environ.get("DUIJIE_MATRIX_DUMP"):
        for name in sorted(seen):
            print(f'    "{name}": ("{seen[name][0]}", "{seen[name][1]}"),')
    errors = [name for name, (get, post) in seen.items() if "E" in get + post]
    assert errors == [], "500s"
    different = {
        name: (tuple(seen[name]), EXPECTED.get(name))
        for name in seen
        if tuple(seen[name]) != EXPECTED.get(name)
    }
    assert different == {}
