"""Writing the change history where Django's signals do not: bulk writes and erasure.

Apps import this module (it imports no app); :mod:`duijie.history.services` reads.
A bulk write records one row per object with a reason code instead of a comment:
:data:`IMPORTED` (a spreadsheet import, shown as "imported by …") or :data:`DEMO`.
:data:`BASELINE` rows hold the values of objects that existed before their model had a
history (written by the migrations that add it): they tell nothing, but the first change
after them can say what the values were before.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import models
from django.utils import timezone

IMPORTED = "import"
DEMO = "demo"
BASELINE = "baseline"
REASON_CODES = frozenset({IMPORTED, DEMO, BASELINE})


def record_bulk(
    objects: Sequence[models.Model], *, user: Any, reason: str = IMPORTED, update: bool = False
) -> None:
    """Write one history row per saved object of a bulk write (imports, demo).

    ``update`` marks the rows as changes of existing objects, else as creations.
    Side effects: historical rows (one INSERT per 1,000 objects) by ``user`` with ``reason``.
    """
    if objects:
        type(objects[0]).history.bulk_history_create(  # type: ignore[attr-defined]
            objects,
            batch_size=1000,
            update=update,
            default_user=author_of(user),
            default_change_reason=reason,
        )


def author_of(user: Any) -> Any:
    """``user`` if logged in, else None (the system): who a history row names."""
    return user if getattr(user, "is_authenticated", False) else None


def forget(model: type[models.Model], **lookup: object) -> int:
    """Delete the historical rows of ``model`` matching ``lookup`` (used by erasure)."""
    deleted, _by_model = model.history.filter(**lookup).delete()  # type: ignore[attr-defined]
    return deleted


def write_baseline(apps: Any, app_label: str, *model_names: str) -> None:
    """Migration step: one :data:`BASELINE` row per existing object of each model that has
    no history row yet.

    ``apps`` is the migration's app registry; rows are built from the historical model's
    own fields, so this works at any later state of the code. Side effects: history rows.
    """
    when = timezone.now()
    for name in model_names:
        model = apps.get_model(app_label, name)
        historical = apps.get_model(app_label, f"Historical{name}")
        names = [
            f.attname for f in historical._meta.concrete_fields if not f.name.startswith("history_")
        ]
        rows = (
            historical(
                **{n: getattr(obj, n) for n in names},
                history_date=when,
                history_type="+",
                history_change_reason=BASELINE,
            )
            for obj in model._base_manager.exclude(
                pk__in=historical._base_manager.values("id")
            ).iterator(chunk_size=2000)
        )
        historical._base_manager.bulk_create(rows, batch_size=1000)
