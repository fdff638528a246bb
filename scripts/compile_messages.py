"""Compile every app's gettext catalogues (``django.po`` → ``django.mo``)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "duijie.settings")


def main() -> None:
    import django
    from django.core.management import call_command

    django.setup()
    for locale_dir in sorted((ROOT / "src" / "duijie").glob("**/locale")):
        os.chdir(locale_dir.parent)
        call_command("compilemessages", verbosity=0)


if __name__ == "__main__":
    main()
