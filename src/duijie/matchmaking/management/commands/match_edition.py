"""``manage.py match_edition --edition SLUG [--top 20] [--capacity N] [--engine]``: run now."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from duijie.matchmaking.services import start_run
from duijie.reference.models import Edition


class Command(BaseCommand):
    help = "Run matching for one edition (synchronously) and print the load figures."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--edition", required=True, help="edition slug")
        parser.add_argument("--top", type=int, default=20, help="suggestions per project")
        parser.add_argument("--capacity", type=int, default=None, help="most projects per investor")
        parser.add_argument("--fitted-weights", action="store_true", help="use the latest fit")
        parser.add_argument(
            "--engine",
            action="store_true",
            help="rank with the matcher, not the learned ranker trained on the deal history",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        edition = Edition.objects.filter(slug=options["edition"]).first()
        if edition is None:
            raise CommandError(f"no edition {options['edition']!r}")
        if options["top"] < 1 or (options["capacity"] is not None and options["capacity"] < 1):
            raise CommandError("--top and --capacity must be at least 1")
        run = start_run(
            edition=edition,
            user=None,
            top=options["top"],
            capacity=options["capacity"],
            use_fitted_weights=options["fitted_weights"],
            background=False,
            learned=not options["engine"],
        )
        self.stdout.write(f"run {run.pk}: {run.recommendations.count()} suggestions")
        ranker = run.ranker
        self.stdout.write(
            f"ranked by: {ranker.get('used')}"
            + (f" ({ranker['why']})" if ranker.get("why") else "")
            + f", {ranker.get('train_queries', 0)} training queries,"
            f" {ranker.get('rounds', 0)} boosting rounds"
        )
        for label, stats in (("before", run.load_before), ("after", run.load_after)):
            self.stdout.write(
                f"load {label}: {stats.get('n_investors')} investors, max {stats.get('max')},"
                f" mean {stats.get('mean')}, top-10% share {stats.get('top10_share')}"
            )
