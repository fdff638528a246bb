"""The demo: reference data, the 2025 Hunan–GBA week, one login per role and
sample records from every app.

Deterministic from a seed; ``scale`` multiplies record counts so benchmarks can
ask for 10× and 100× sizes. Each app's ``duijie.<app>.demo.populate`` has the
signature ``populate(*, rng: random.Random, scale: int, edition: Edition)
-> dict[str, int]``; they run in dependency order (:data:`APP_DEMOS`).
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction

from duijie.accounts.models import User
from duijie.accounts.roles import Role
from duijie.catalogue import demo as catalogue_demo
from duijie.directory import demo as directory_demo
from duijie.matchmaking import demo as matchmaking_demo
from duijie.pipeline import demo as pipeline_demo
from duijie.reference.loaders import load_all
from duijie.reference.models import Edition
from duijie.tradeweek import demo as tradeweek_demo

DEMO_PASSWORD = "duijie-demo-2025"
APP_DEMOS: dict[str, Callable[..., dict[str, int]]] = {
    "directory": directory_demo.populate,
    "catalogue": catalogue_demo.populate,
    "matchmaking": matchmaking_demo.populate,
    "tradeweek": tradeweek_demo.populate,
    "pipeline": pipeline_demo.populate,
}


def register_demo(app: str, populate_app: Callable[..., dict[str, int]]) -> None:
    """Add the demo of an app above the pipeline (whose ``demo`` command runs this module),
    from its ``AppConfig.ready``; it runs after the apps listed here."""
    APP_DEMOS[app] = populate_app


@dataclass(frozen=True)
class DemoLogin:
    email: str
    role: str
    name: str


DEMO_LOGINS = (
    DemoLogin("admin@demo.duijie.test", Role.ADMIN, "示範管理員"),
    DemoLogin("staff@demo.duijie.test", Role.ORGANISER, "示範招商專員"),
    DemoLogin("owner@demo.duijie.test", Role.PROJECT_OWNER, "示範項目方"),
    DemoLogin("investor@demo.duijie.test", Role.INVESTOR, "示範投資者"),
    DemoLogin("buyer@demo.duijie.test", Role.INVESTOR, "示範採購商"),
    DemoLogin("supplier@demo.duijie.test", Role.PROJECT_OWNER, "示範供應商"),
    DemoLogin("leader@demo.duijie.test", Role.LEADERSHIP, "示範領導"),
)


def ensure_demo_edition() -> Edition:
    """The 2025 Hunan–GBA Economic and Trade Cooperation Week (13–16 May 2025)."""
    edition, _created = Edition.objects.update_or_create(
        slug="hunan-gba-2025",
        defaults={
            "name": "2025湖南—粤港澳大湾区经贸合作活动周（示范）",
            "name_hant": "2025湖南—粵港澳大灣區經貿合作活動週（示範）",
            "name_en": "2025 Hunan–GBA Economic and Trade Cooperation Week (demo)",
            "starts_on": dt.date(2025, 5, 13),
            "ends_on": dt.date(2025, 5, 16),
            "is_current": True,
        },
    )
    return edition


def ensure_demo_users() -> list[User]:
    """One login per role, password :data:`DEMO_PASSWORD`; existing ones are reset."""
    users = []
    for login in DEMO_LOGINS:
        user, _created = User.objects.update_or_create(
            email=login.email, defaults={"role": login.role, "name": login.name}
        )
        user.is_staff = user.is_superuser = login.role == Role.ADMIN
        user.set_password(DEMO_PASSWORD)
        user.save()
        users.append(user)
    return users


def populate(*, seed: int = 2025, scale: int = 1) -> dict[str, int]:
    """Load everything the demo needs. Side effects: writes reference data, the demo
    edition, demo users and each app's sample records."""
    counts = dict(load_all())
    with transaction.atomic():
        edition = ensure_demo_edition()
        counts["users"] = len(ensure_demo_users())
        pipeline_demo.create_rates()  # before the match run: prices in HKD compare with CNY
    for app, populate_app in APP_DEMOS.items():
        rng = random.Random(f"{seed}:{app}")
        with transaction.atomic():
            counts |= populate_app(rng=rng, scale=scale, edition=edition)
    return counts
