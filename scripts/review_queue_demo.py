"""Precision of the organisations' duplicates queue on the demo data (issue #15).

Load the demo into a database of its own first, then run this against it::

    export DUIJIE_DATABASE_URL=sqlite:////tmp/duijie-demo.sqlite3
    .venv/bin/python manage.py migrate --noinput -v 0
    .venv/bin/python manage.py demo --seed 2025 --scale 1
    .venv/bin/python scripts/review_queue_demo.py [--show 20]

The queue is what the duplicates page lists (``fitted_org_resolver().duplicates()``: every
pair at or above the review threshold, best first). Labels are known from how the demo is
built: its only deliberate duplicates are ``directory.demo._duplicates``, the same firm
written without 有限公司 and the 湖南 prefix, with the same headquarters; every other pair is
two organisations the demo created separately. Uses only code that older versions have, so
the same command gives the before / after comparison.
"""

from __future__ import annotations

import argparse
import os
from collections import Counter


def same_by_construction(a: dict[str, object], b: dict[str, object]) -> bool:
    """Whether one record is the demo's deliberate short copy of the other."""
    demo = "（示範）"
    for x, y in ((a, b), (b, a)):
        name = str(x["name"]).removesuffix(demo).removesuffix("有限公司").removeprefix("湖南")
        if name + demo == y["name"] and x["hq_division_id"] == y["hq_division_id"]:
            return True
    return False


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--show", type=int, default=0, help="print the first N pairs")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "duijie.settings")
    import django

    django.setup()
    from duijie.directory.models import Organisation
    from duijie.directory.resolution import fitted_org_resolver

    rows = {str(r["pk"]): r for r in Organisation.objects.values("pk", "name", "hq_division_id")}
    queue = fitted_org_resolver().duplicates()
    labels = [same_by_construction(rows[m.a], rows[m.b]) for m in queue]
    print(f"{len(rows)} organisations, {len(queue)} pairs in the duplicates queue")
    for top in (100, 1000):
        head = labels[:top]
        share = sum(head) / len(head) if head else 1.0
        print(f"true duplicates in the top {top:,}: {sum(head)} of {len(head)} ({share:.2f})")
    kinds = Counter(m.evidence[0].rule if m.evidence else "" for m in queue)
    print("first evidence: " + ", ".join(f"{k} {n}" for k, n in kinds.most_common()))
    for match, label in list(zip(queue, labels, strict=True))[: args.show]:
        a, b = rows[match.a]["name"], rows[match.b]["name"]
        print(f"{match.score:.2f} {'same' if label else 'different'}: {a} | {b}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
