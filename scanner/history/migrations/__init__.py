"""Alembic migrations of the history store, run by `scanner.history.store` (no alembic.ini)."""
