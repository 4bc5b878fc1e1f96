"""Bulk inserts: PostgreSQL's COPY (through psycopg, on the transaction's own connection),
SQLite's executemany; never a round trip per row."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import Connection, Table, text

_STAGING = "mlposture_incoming"


def bulk_insert(
    conn: Connection,
    table: Table,
    rows: Sequence[Mapping[str, Any]],
    *,
    unique_key: str | None = None,
) -> None:
    """Insert `rows` (all with the same keys). With `unique_key`, rows whose key is already
    in the table (another run added it meanwhile) are skipped instead of failing."""
    if not rows:
        return
    columns = list(rows[0])
    if conn.dialect.name == "postgresql":
        _copy(conn, table, columns, rows, unique_key)
        return
    if unique_key is None:
        conn.execute(table.insert(), list(rows))
        return
    from sqlalchemy.dialects import sqlite

    statement = sqlite.insert(table).on_conflict_do_nothing(index_elements=[unique_key])
    conn.execute(statement, list(rows))


def _copy(
    conn: Connection,
    table: Table,
    columns: list[str],
    rows: Sequence[Mapping[str, Any]],
    unique_key: str | None,
) -> None:
    names = ", ".join(f'"{c}"' for c in columns)
    target = table.name
    if unique_key is not None:
        # COPY cannot skip conflicts: stage the rows, then INSERT ... ON CONFLICT DO NOTHING.
        conn.execute(text(f"DROP TABLE IF EXISTS {_STAGING}"))
        conn.execute(
            text(
                f"CREATE TEMP TABLE {_STAGING} ON COMMIT DROP AS "
                f"SELECT {names} FROM {table.name} WITH NO DATA"
            )
        )
        target = _STAGING
    cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
    try:
        with cursor.copy(f"COPY {target} ({names}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row([row[c] for c in columns])
    finally:
        cursor.close()
    if unique_key is not None:
        conn.execute(
            text(
                f"INSERT INTO {table.name} ({names}) SELECT {names} FROM {_STAGING} "
                f'ON CONFLICT ("{unique_key}") DO NOTHING'
            )
        )
        conn.execute(text(f"DROP TABLE {_STAGING}"))
