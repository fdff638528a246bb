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
    """The project package and each app directory: each keeps its own catalogue."""
    package = base / "src" / "duijie"
    apps = [p.parent for p in package.glob("*/apps.py")]
    return [package, *sorted(apps)]


def main(base: Path = ROOT) -> None:
    import django
    from django.core.management import call_command

    django.setup()
    package = base / "src" / "duijie"
    for directory in catalogue_dirs(base):
        (directory / "locale").mkdir(exist_ok=True)
        os.chdir(directory)
        ignore = ["locale/*"] if directory != package else [f"{p.name}/*" for p in catalogue_dirs(base)[1:]]
        call_command(
            "makemessages", locale=LOCALES, ignore_patterns=[*ignore, "static/*"], no_obsolete=True,
            add_location="file", verbosity=0,
        )


if __name__ == "__main__":
    main(Path(sys.argv[1]).resolve() if len(sys.argv) > 1 else ROOT)
