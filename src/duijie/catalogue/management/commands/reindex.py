"""``manage.py reindex``: search keys and the project search index brought up to date.

Run after an upgrade that changes what search finds (e.g. English and Pinyin names of
places and industries, Pinyin of organisation names) or after ``load_reference``.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand

from duijie.catalogue.search import reindex_all
from duijie.directory.services import refresh_search_keys


class Command(BaseCommand):
    help = "Recompute organisations' search keys and every project's search index."

    def handle(self, *args: object, **options: object) -> None:
        organisations = refresh_search_keys()
        tokens = reindex_all()
        self.stdout.write(
            f"organisations with new keys: {organisations}; project index rows changed: {tokens}"
        )
