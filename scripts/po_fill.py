"""Fill the machine-fillable UI translations: en from the msgid, zh_Hant from zh_Hans.

Usage: ``.venv/bin/python scripts/po_fill.py [ROOT]`` (ROOT defaults to src/duijie).
Prints every entry it filled, then the zh_Hans entries that still need a human
translation. The work is done by `duijie.i18n_tools.fill_catalogues`.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from duijie.i18n_tools import fill_catalogues  # noqa: E402


def main(argv: list[str]) -> int:
    """Fill the catalogues under the given root (default src/duijie) and report."""
    root = Path(argv[0]) if argv else ROOT / "src" / "duijie"
    report = fill_catalogues(root)
    for filled in report.filled:
        print(f"filled {filled.catalogue}: {filled.msgid!r} -> {filled.msgstr!r}")
    print(f"{len(report.filled)} entries filled.")
    for catalogue, msgids in report.needs_translation.items():
        for msgid in msgids:
            print(f"needs a zh_Hans translation in {catalogue}: {msgid!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
