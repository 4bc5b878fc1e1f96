"""The stores the history tests run on: SQLite in process, and PostgreSQL as a real server
started on loopback for the session (skipped, with the reason, only when Debian's
`postgresql` binaries are not installed: `.ci/system-deps.sh` installs them)."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from tests.history.pgserver import loopback_postgres, postgres_bin

BACKENDS = ["sqlite", "postgresql"]
_numbers = itertools.count()


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """Base URL of a PostgreSQL server for the session (no database part)."""
    if postgres_bin() is None:
        pytest.skip(
            "PostgreSQL server binaries not found in /usr/lib/postgresql/*/bin "
            "(apt-get install postgresql, or run .ci/system-deps.sh)"
        )
    with loopback_postgres() as url:
        yield url


def new_database(server: str) -> Iterator[str]:
    """A fresh database on the server, dropped afterwards; yields its URL."""
    name = f"history_{next(_numbers)}"
    admin = sa.create_engine(f"{server}/postgres", isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f"CREATE DATABASE {name}"))
    try:
        yield f"{server}/{name}"
    finally:
        with admin.connect() as conn:
            conn.execute(sa.text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        admin.dispose()


@pytest.fixture(params=BACKENDS)
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The URL of an empty history store, on each backend in turn."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'history.sqlite'}"
        return
    yield from new_database(request.getfixturevalue("postgres_server"))
