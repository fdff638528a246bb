"""Writing the change history where Django's signals do not: bulk writes and erasure.

Apps import this module (it imports no app); :mod:`duijie.history.services` reads.
A bulk write records one row per object with a reason code instead of a comment:
:data:`IMPORTED` (a spreadsheet import, shown as "imported by …") or :data:`DEMO`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import models

IMPORTED = "import"
DEMO = "demo"
REASON_CODES = frozenset({IMPORTED, DEMO})


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
