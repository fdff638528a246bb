"""``manage.py demo``: in the top app of the import contract because it loads every app's demo."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from duijie.demo import DEMO_LOGINS, DEMO_PASSWORD, populate


class Command(BaseCommand):
    help = (
        "Load reference data and realistic, clearly labelled demo data (deterministic from --seed)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--seed", type=int, default=2025, help="random seed (default 2025)")
        parser.add_argument(
            "--scale", type=int, default=1, help="multiply record counts (1, 10, 100 …)"
        )

    def handle(self, *args: Any, seed: int, scale: int, **options: Any) -> None:
        if scale < 1:
            self.stderr.write("--scale must be 1 or more")
            raise SystemExit(2)
        for kind, count in populate(seed=seed, scale=scale).items():
            self.stdout.write(f"  {kind}: {count}")
        self.stdout.write(
            self.style.SUCCESS(f"Demo data ready. Demo logins (password: {DEMO_PASSWORD}):")
        )
        for login in DEMO_LOGINS:
            self.stdout.write(f"  {login.role:<14} {login.email}")
