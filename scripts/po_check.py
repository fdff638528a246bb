"""List untranslated (empty or fuzzy) entries of gettext catalogues.

Usage: ``.venv/bin/python scripts/po_check.py [PO_FILE ...]`` (default: every
django.po under src/duijie). Exits 1 if any entry is untranslated. Tests can
``from po_check import untranslated`` or use `duijie.i18n_tools.untranslated`.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from duijie.i18n_tools import untranslated  # noqa: E402

__all__ = ["main", "untranslated"]


def main(argv: list[str]) -> int:
    """Print every untranslated entry of the given catalogues; 1 if there is any."""
    paths = [Path(arg) for arg in argv] or sorted((ROOT / "src" / "duijie").glob("**/django.po"))
    missing = [(path, msgid) for path in paths for msgid in untranslated(path)]
    for path, msgid in missing:
        print(f"{path}: {msgid!r}")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
