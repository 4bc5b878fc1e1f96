"""The first schema: scopes, runs, rules, resources and the spans of findings.

Revision ID: 0001
Revises: None
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

BigId = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "scopes",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("key", sa.String(64), nullable=False, unique=True),
        sa.Column("scope", sa.Text, nullable=False),
    )
    op.create_table(
        "runs",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("scope_id", sa.Integer, sa.ForeignKey("scopes.id"), nullable=False),
        sa.Column("command", sa.String(16), nullable=False),
        sa.Column("generated_at", sa.DateTime, nullable=False),
        sa.Column("recorded_at", sa.DateTime, nullable=False),
        sa.Column("tool_version", sa.String(64), nullable=False),
        sa.Column("rules_version", sa.String(80), nullable=False),
        sa.Column("score", sa.Float, nullable=True),
        sa.Column("failed", sa.Integer, nullable=False),
        sa.Column("new", sa.Integer, nullable=False),
        sa.Column("resolved", sa.Integer, nullable=False),
        sa.Column("carried", sa.Integer, nullable=False),
        sa.Column("summary", sa.Text, nullable=False),
    )
    op.create_index("ix_runs_scope_id", "runs", ["scope_id"])
    op.create_table(
        "rules",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("digest", sa.String(32), nullable=False, unique=True),
        sa.Column("rule_id", sa.String(128), nullable=False),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("severity", sa.String(16), nullable=False),
        sa.Column("category", sa.String(32), nullable=False),
        sa.Column("body", sa.Text, nullable=False),
    )
    op.create_table(
        "resources",
        sa.Column("id", BigId, primary_key=True),
        sa.Column("digest", sa.String(32), nullable=False, unique=True),
        sa.Column("resource_id", sa.Text, nullable=False),
        sa.Column("name", sa.Text, nullable=True),
        sa.Column("kind", sa.String(128), nullable=True),
        sa.Column("body", sa.Text, nullable=False),
    )
    op.create_table(
        "spans",
        sa.Column("id", BigId, primary_key=True),
        sa.Column("scope_id", sa.Integer, sa.ForeignKey("scopes.id"), nullable=False),
        sa.Column("fingerprint", sa.String(64), nullable=False),
        sa.Column("first_run", sa.Integer, sa.ForeignKey("runs.id"), nullable=False),
        sa.Column("last_run", sa.Integer, nullable=True),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("failing_since", sa.Integer, nullable=True),
        sa.Column("rule_ref", sa.Integer, sa.ForeignKey("rules.id"), nullable=False),
        sa.Column("resource_ref", sa.BigInteger, sa.ForeignKey("resources.id"), nullable=False),
        sa.Column("digest", sa.String(32), nullable=False),
        sa.Column("extra", sa.Text, nullable=True),
    )
    op.create_index("ix_spans_scope_last", "spans", ["scope_id", "last_run"])
    op.create_index("ix_spans_scope_first", "spans", ["scope_id", "first_run"])


def downgrade() -> None:
    for table in ("spans", "resources", "rules", "runs", "scopes"):
        op.drop_table(table)
