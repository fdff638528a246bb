"""Extract translatable strings of every app into its own ``locale/`` catalogues.

Run after changing UI strings, then fill the zh_Hans entries (and check the
others) — ``scripts/po_fill.py`` fills en and zh_Hant from them.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "duijie.settings")
LOCALES = ["zh_Hant", "zh_Hans", "en"]


def catalogue_dirs(base: Path) -> list[Path]:
    """Each app directory: each app keeps its own catalogue in ``<app>/locale``."""
    return sorted(p.parent for p in (base / "src" / "duijie").glob("*/apps.py"))


def main(base: Path = ROOT, only: str | None = None) -> None:
    """Extract strings for every catalogue, or only the app named ``only``."""
    import django
    from django.core.management import call_command

    django.setup()
    for directory in catalogue_dirs(base):
        if only and directory.name != only:
            continue
        (directory / "locale").mkdir(exist_ok=True)
        os.chdir(directory)
        call_command(
            "makemessages",
            locale=LOCALES,
            ignore_patterns=["locale/*", "static/*"],
            no_obsolete=True,
            add_location="file",
            verbosity=0,
        )


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--base", type=Path, default=ROOT, help="repository root")
    parser.add_argument("--app", help="only this app (e.g. catalogue)")
    args = parser.parse_args()
    main(args.base.resolve(), args.app)
