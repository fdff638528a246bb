"""``manage.py schedule_meetings --edition SLUG [--time-limit S]``: the Schedule button."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from duijie.reference.models import Edition
from duijie.tradeweek.phrases import scheduling_reason
from duijie.tradeweek.services.scheduling import instance_json, schedule_edition


class Command(BaseCommand):
    help = "Schedule the accepted meeting requests of an edition (or export its instance JSON)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--edition", required=True, help="edition slug")
        parser.add_argument("--time-limit", type=float, default=20.0, help="seconds for the solver")
        parser.add_argument("--seed", type=int, default=0)
        parser.add_argument(
            "--export", type=Path, help="write the instance JSON here instead of solving"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        edition = Edition.objects.filter(slug=options["edition"]).first()
        if edition is None:
            raise CommandError(f"no edition {options['edition']!r}")
        if options["export"]:
            options["export"].write_text(
                json.dumps(instance_json(edition), ensure_ascii=False, indent=1)
            )
            self.stdout.write(f"wrote {options['export']}")
            return
        run = schedule_edition(
            edition=edition, time_limit=options["time_limit"], seed=options["seed"]
        )
        if not run.ok:
            for problem in run.problems:
                self.stderr.write(scheduling_reason(problem["code"], problem["params"], "en"))
            raise CommandError("the instance has problems; nothing was changed")
        self.stdout.write(
            f"scheduled {run.scheduled}, unscheduled {run.unscheduled}, moved {run.moved}"
        )
