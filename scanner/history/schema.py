"""The history store's tables (the schema at HEAD), in SQLAlchemy Core, one for SQLite and
PostgreSQL.

Compact by design: a run stores a row of its own and nothing per unchanged result.
- `rules` and `resources` hold each distinct rule text and resource description once, keyed
  by the digest of their JSON; every run that sees them again refers to the same row.
- `spans` hold what a finding looked like over an unbroken series of runs of one scope: from
  `first_run` to `last_run` (NULL while it still holds at the scope's latest run). A result
  that persists unchanged into the next run costs nothing; one whose status or evidence
  changes closes its span and opens another. So 365 daily runs of the same 100,000 results
  keep 100,000 span rows.
- `failing_since` is the run where the finding's current streak of failing runs began, carried
  from span to span while it keeps failing: its first-seen date and age.

The migrations in `migrations/versions` build this schema step by step; HEAD names the last.
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)

# The newest migration: a store at this revision needs no upgrade.
HEAD = "0002"
# Alembic's bookkeeping table, named so that it does not collide in a shared database.
VERSION_TABLE = "mlposture_migrations"

# SQLite makes an INTEGER PRIMARY KEY the rowid (fast, autoincrementing); PostgreSQL gets a
# 64-bit identity for the one table that grows with every change.
BigId = BigInteger().with_variant(Integer(), "sqlite")

metadata = MetaData()

scopes = Table(
    "scopes",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("key", String(64), nullable=False, unique=True),  # sha256 of the canonical scope
    Column("scope", Text, nullable=False),  # JSON: {"paths": [...]} / {"accounts": [...]}
)

runs = Table(
    "runs",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("scope_id", Integer, ForeignKey("scopes.id"), nullable=False, index=True),
    Column("command", String(16), nullable=False),  # scan | audit
    Column("generated_at", DateTime, nullable=False),  # UTC, naive
    Column("recorded_at", DateTime, nullable=False),
    Column("tool_version", String(64), nullable=False),
    Column("rules_version", String(80), nullable=False),
    Column("score", Float, nullable=True),
    Column("failed", Integer, nullable=False),
    Column("new", Integer, nullable=False),  # failed findings not failing in the previous run
    Column("resolved", Integer, nullable=False),  # failing in the previous run, not now
    Column("carried", Integer, nullable=False),  # kept open: their place could not be read
    Column("summary", Text, nullable=False),  # JSON: the report's summary
    Column("errors", Text, nullable=False, server_default="[]"),  # JSON: the report's errors
)

rules = Table(
    "rules",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("digest", String(32), nullable=False, unique=True),
    Column("rule_id", String(128), nullable=False),
    Column("title", Text, nullable=False),
    Column("severity", String(16), nullable=False),
    Column("category", String(32), nullable=False),
    Column("body", Text, nullable=False),  # JSON: the rule's part of a result
)

resources = Table(
    "resources",
    metadata,
    Column("id", BigId, primary_key=True),
    Column("digest", String(32), nullable=False, unique=True),
    Column("resource_id", Text, nullable=False),
    Column("name", Text, nullable=True),
    Column("kind", String(128), nullable=True),
    Column("body", Text, nullable=False),  # JSON: the result's "resource" object
)

spans = Table(
    "spans",
    metadata,
    Column("id", BigId, primary_key=True),
    Column("scope_id", Integer, ForeignKey("scopes.id"), nullable=False),
    Column("fingerprint", String(64), nullable=False),
    Column("first_run", Integer, ForeignKey("runs.id"), nullable=False),
    Column("last_run", Integer, nullable=True),  # NULL: holds at the scope's latest run
    Column("status", String(16), nullable=False),  # failed | suppressed | passed
    Column("failing_since", Integer, nullable=True),  # run id; NULL unless failed
    Column("rule_ref", Integer, ForeignKey("rules.id"), nullable=False),
    Column("resource_ref", BigInteger, ForeignKey("resources.id"), nullable=False),
    Column("digest", String(32), nullable=False),  # of status, rule, resource, evidence, rest
    Column("extra", Text, nullable=True),  # JSON: the result's other keys (suppression, ...)
    Column("evidence", Text, nullable=True),  # JSON: the result's "evidence" list
    Index("ix_spans_scope_last", "scope_id", "last_run"),
    Index("ix_spans_scope_first", "scope_id", "first_run"),
)
