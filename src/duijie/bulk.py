"""Plain bulk inserts for large writes whose ids nobody needs back.

``bulk_create`` builds a model instance per row and compiles every field of every row in
Python, which is most of its cost at 100,000 rows and more. :func:`insert_rows` takes
plain values instead: ``COPY … FROM STDIN`` on PostgreSQL (one streamed statement;
``executemany`` would cost PostgreSQL one statement per row), a parameterised ``INSERT``
through ``executemany`` in batches elsewhere (on SQLite one step of a prepared statement
per row).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.db import connections, router

BATCH = 5000


def insert_rows(model: Any, fields: Sequence[str], rows: Iterable[Sequence[object]]) -> None:
    """Insert ``rows`` (values in ``fields`` order) into ``model``'s table on its write
    database, inside the caller's transaction.

    Values must be what the database adapter takes (str, numbers, None; JSON adapted by
    the caller with ``connection.ops.adapt_json_value``); columns not listed must be
    nullable. Side effect: the rows.
    """
    rows = list(rows)
    if not rows:
        return
    connection = connections[router.db_for_write(model)]
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    columns = ", ".join(quote(model._meta.get_field(f).column) for f in fields)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            copying = cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN")
            with connection.wrap_database_errors, copying as copy:
                for row in rows:
                    copy.write_row(row)
            return
        sql = f"INSERT INTO {table} ({columns}) VALUES ({', '.join(['%s'] * len(fields))})"
        for start in range(0, len(rows), BATCH):
            cursor.executemany(sql, rows[start : start + BATCH])
