"""Where the history store is and how it is opened: the URL, the engine, the migrations.

    open_store("sqlite:///history.sqlite" | "postgresql://user@host/db" | "default" | PATH)

`default` is a SQLite file in the user data folder (platformdirs). A bare path is a SQLite
file. `postgresql://` and `postgres://` use psycopg (the `postgres` extra). Opening a store
brings its schema to HEAD with the migrations shipped in this package, so a newer mlposture
opens a store an older one wrote; a store written by a newer mlposture is refused.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, inspect, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, SQLAlchemyError

from scanner.history.names import DEFAULT
from scanner.history.schema import HEAD, VERSION_TABLE

log = logging.getLogger(__name__)

_PG_DRIVER = "postgresql+psycopg"
# Any constant: PostgreSQL sessions migrating the same store take turns on this lock.
_MIGRATION_LOCK = 0x6D6C70


class StoreError(Exception):
    """The store cannot be used as given: a bad URL, unreachable, or too new a schema."""


def default_store_path() -> Path:
    import platformdirs

    return platformdirs.user_data_path("mlposture", appauthor=False) / "history.sqlite"


def store_url(value: str) -> URL:
    """The SQLAlchemy URL of a --store value; raises StoreError for one that is not a store."""
    value = value.strip()
    if not value:
        raise StoreError("empty store URL")
    if value == DEFAULT:
        return URL.create("sqlite", database=str(default_store_path()))
    if "://" not in value:
        return URL.create("sqlite", database=str(Path(value).expanduser().absolute()))
    try:
        url = make_url(value)
    except ArgumentError:
        raise StoreError(f"{value!r} is not a database URL") from None
    if url.drivername in ("postgresql", "postgres"):
        url = url.set(drivername=_PG_DRIVER)
    if url.get_backend_name() not in ("sqlite", "postgresql"):
        raise StoreError(
            f"{url.render_as_string(hide_password=True)}: the history store is SQLite "
            "(sqlite:///PATH) or PostgreSQL (postgresql://USER@HOST/DB)"
        )
    if url.get_backend_name() == "sqlite" and not url.database:
        raise StoreError("sqlite:// needs a file: sqlite:///PATH (an in-memory store is lost)")
    return url


def describe(url: URL) -> str:
    """The URL without its password, for messages."""
    return url.render_as_string(hide_password=True)


def open_store(value: str | URL) -> Engine:
    """An engine on the store, its schema at HEAD. Raises StoreError."""
    url = value if isinstance(value, URL) else store_url(value)
    engine = _engine(url)
    try:
        with engine.begin() as conn:
            _migrate(conn)
    except SQLAlchemyError as exc:
        engine.dispose()
        raise StoreError(f"{describe(url)}: {_reason(exc)}") from None
    except StoreError:
        engine.dispose()
        raise
    return engine


def _engine(url: URL) -> Engine:
    if url.get_backend_name() == "sqlite":
        assert url.database is not None
        Path(url.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": 60})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    try:
        return create_engine(url, pool_pre_ping=True)
    except (NoSuchModuleError, ModuleNotFoundError):
        raise StoreError(
            "a PostgreSQL store needs psycopg: pip install 'mlposture[postgres]'"
        ) from None


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # WAL: `history` can read while a scheduled audit records; NORMAL is durable in WAL mode
    # up to the last checkpointed transaction, which is what a history needs.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def schema_revision(conn: Connection) -> str | None:
    """The store's schema revision; None for an empty database."""
    if not inspect(conn).has_table(VERSION_TABLE):
        return None
    row = conn.execute(text(f"SELECT version_num FROM {VERSION_TABLE}")).first()
    return str(row[0]) if row else None


def _migrate(conn: Connection) -> None:
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _MIGRATION_LOCK})
    current = schema_revision(conn)
    if current == HEAD:
        return  # the common case, without loading Alembic
    upgrade(conn, "head")


def upgrade(conn: Connection, revision: str) -> None:
    """Run the shipped migrations up to `revision` on `conn` (inside its transaction)."""
    from alembic import command
    from alembic.config import Config
    from alembic.script import ScriptDirectory
    from alembic.util import CommandError

    config = Config()
    config.set_main_option("script_location", "scanner.history:migrations")
    config.attributes["connection"] = conn
    current = schema_revision(conn)
    known = {script.revision for script in ScriptDirectory.from_config(config).walk_revisions()}
    if current is not None and current not in known:
        raise StoreError(
            f"the store's schema ({current}) is newer than this mlposture knows; upgrade mlposture"
        )
    log.info("history store: migrating from %s to %s", current or "nothing", revision)
    try:
        command.upgrade(config, revision)
    except CommandError as exc:
        raise StoreError(f"cannot migrate the store: {exc}") from None


def _reason(exc: SQLAlchemyError) -> str:
    """The driver's own first line, without SQL or parameters."""
    original = getattr(exc, "orig", None)
    text_ = str(original if original is not None else exc).strip()
    return text_.splitlines()[0] if text_ else type(exc).__name__
