"""Locust users of the stack load test (``scripts/loadtest.sh``): participants reading
their agenda, searching the catalogue and accepting requests, and desk staff checking
people in. Sessions and ids come from ``scripts/loadtest.py prepare``."""

from __future__ import annotations

import itertools
import json
import random
from pathlib import Path

from locust import HttpUser, between, task

PLAN = json.loads(
    (Path(__file__).resolve().parent.parent / "var/stack/loadtest/plan.json").read_text()
)
CSRF = "loadtestcsrfsecret00000000000000"  # 32 characters: an unmasked CSRF secret
PEOPLE = itertools.cycle(PLAN["participants"])


def sign_in(user: HttpUser, session: str) -> None:
    """The session cookie of a signed-in user and a CSRF pair (plain http on loopback)."""
    user.client.cookies.set("sessionid", session)
    user.client.cookies.set("csrftoken", CSRF)
    user.client.headers["X-CSRFToken"] = CSRF


class Participant(HttpUser):
    weight = 19
    wait_time = between(1, 5)

    def on_start(self) -> None:
        me = next(PEOPLE)
        self.pending = list(me["requests"])
        sign_in(self, me["session"])

    @task(4)
    def agenda(self) -> None:
        self.client.get("/week/agenda/", name="agenda")

    @task(4)
    def search(self) -> None:
        term = random.choice(PLAN["search_terms"])
        self.client.get("/projects/", params={"q": term}, name="search")

    @task(1)
    def accept(self) -> None:
        if self.pending:
            pk = self.pending.pop()
            self.client.post(
                f"/week/requests/{pk}/respond/",
                data={"answer": "accept"},
                allow_redirects=False,
                name="accept",
            )


class Desk(HttpUser):
    weight = 1
    wait_time = between(1, 5)

    def on_start(self) -> None:
        sign_in(self, PLAN["desk"]["session"])

    @task
    def check_in(self) -> None:
        token = random.choice(PLAN["desk"]["tokens"])
        self.client.post(f"/week/check-in/{token}/", allow_redirects=False, name="check-in")
