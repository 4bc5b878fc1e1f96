"""Alembic environment: migrations run on the connection the store hands over, inside its
transaction; there is no alembic.ini and no URL here."""

from __future__ import annotations

from alembic import context

from scanner.history.schema import VERSION_TABLE

connection = context.config.attributes["connection"]
context.configure(connection=connection, version_table=VERSION_TABLE, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
