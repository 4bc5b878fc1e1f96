"""A newer mlposture opens a store an older one wrote: the shipped migrations bring the first
schema to HEAD and its history goes on; a store newer than this mlposture is refused."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory

from scanner.history.observe import canonical_scope
from scanner.history.query import diff_runs, list_runs
from scanner.history.schema import HEAD, VERSION_TABLE, metadata
from scanner.history.store import StoreError, open_store, schema_revision, store_url, upgrade
from tests.history.helpers import START, facts, record, result


def _scripts() -> ScriptDirectory:
    config = Config()
    config.set_main_option("script_location", "scanner.history:migrations")
    return ScriptDirectory.from_config(config)


def test_head_constant_names_the_last_migration() -> None:
    assert _scripts().get_heads() == [HEAD]


def test_migrations_build_exactly_the_schema_the_code_uses(store: str) -> None:
    engine = open_store(store)
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"version_table": VERSION_TABLE})
        assert compare_metadata(context, metadata) == []
    engine.dispose()


def _first_schema_store(url: str) -> None:
    """A store as mlposture wrote it at revision 0001: one run of three failed findings.
    (A fresh database: the ids given out are 1, 2, 3, which the rows below refer to.)"""
    engine = sa.create_engine(store_url(url))
    scope = facts(0).scope
    with engine.begin() as conn:
        upgrade(conn, "0001")
        assert schema_revision(conn) == "0001"
        conn.execute(
            sa.text("INSERT INTO scopes (key, scope) VALUES (:key, :scope)"),
            {"key": facts(0).scope_key, "scope": canonical_scope(scope)},
        )
        conn.execute(
            sa.text(
                "INSERT INTO runs (scope_id, command, generated_at, recorded_at, "
                "tool_version, rules_version, score, failed, new, resolved, carried, summary) "
                "VALUES (1, 'audit', :at, :at, '0.0.9', 'old', 40.0, 3, 3, 0, 0, :summary)"
            ),
            {"at": START.replace(tzinfo=None), "summary": json.dumps({"score": 40.0})},
        )
        first = result(0)
        rule_body = json.dumps(
            {
                k: first[k]
                for k in ("rule_id", "title", "severity", "category", "frameworks", "remediation")
            }
        )
        conn.execute(
            sa.text(
                "INSERT INTO rules (digest, rule_id, title, severity, category, body) "
                "VALUES ('rule-digest-0001', :rule_id, :title, :severity, 'network', :body)"
            ),
            {**first, "body": rule_body},
        )
        for number in range(3):
            old = result(number)
            conn.execute(
                sa.text(
                    "INSERT INTO resources (digest, resource_id, name, kind, body) "
                    "VALUES (:digest, :rid, :name, 'aws.sagemaker.notebook_instance', :body)"
                ),
                {
                    "n": number + 1,
                    "digest": f"resource-{number}",
                    "rid": old["resource"]["id"],
                    "name": old["resource"]["name"],
                    "body": json.dumps(old["resource"]),
                },
            )
            conn.execute(
                sa.text(
                    "INSERT INTO spans (scope_id, fingerprint, first_run, last_run, status, "
                    "failing_since, rule_ref, resource_ref, digest, extra) "
                    "VALUES (1, :fp, 1, NULL, 'failed', 1, 1, :n, 'old-digest', NULL)"
                ),
                {"n": number + 1, "fp": old["fingerprint"]},
            )
    engine.dispose()


def test_a_first_schema_store_is_migrated_and_its_history_goes_on(store: str) -> None:
    _first_schema_store(store)
    engine = open_store(store)
    with engine.connect() as conn:
        assert schema_revision(conn) == HEAD
    (old,) = list_runs(engine)
    assert (old.score, old.tool_version, old.failed, old.errors) == (40.0, "0.0.9", 3, 0)

    # The same three findings (now with evidence), one fixed, one new.
    now = record(engine, 1, [result(0), result(1), result(7)])
    assert now.previous_run == old.id
    assert now.new == {result(7)["fingerprint"]}
    assert now.first_seen[result(0)["fingerprint"]] == START  # first seen by the old store
    assert [r["fingerprint"] for r in now.resolved] == [result(2)["fingerprint"]]
    diff = diff_runs(engine, *list_runs(engine))
    assert [f.resource_id for f in diff.resolved] == [result(2)["resource"]["id"]]
    engine.dispose()


def test_a_store_from_a_newer_mlposture_is_refused(store: str) -> None:
    open_store(store).dispose()
    engine = sa.create_engine(store_url(store))
    with engine.begin() as conn:
        conn.execute(sa.text(f"UPDATE {VERSION_TABLE} SET version_num = '9999'"))
    engine.dispose()
    with pytest.raises(StoreError, match="newer than this mlposture"):
        open_store(store)


def test_store_urls(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert store_url("default").database == str(tmp_path / "data" / "mlposture" / "history.sqlite")
    assert store_url("history.db").database == str(Path.cwd() / "history.db")
    url = store_url("postgres://team:s3cret@db.internal/mlposture")
    assert url.drivername == "postgresql+psycopg"
    assert "s3cret" not in str(url)
    for bad in ("mysql://db/x", "sqlite://", "  "):
        with pytest.raises(StoreError):
            store_url(bad)


def test_an_unreachable_server_is_a_clear_error() -> None:
    with pytest.raises(StoreError, match=r"127\.0\.0\.1:1/"):
        open_store("postgresql://nobody:hidden@127.0.0.1:1/history")
    try:
        open_store("postgresql://nobody:hidden@127.0.0.1:1/history")
    except StoreError as exc:
        assert "hidden" not in str(exc)
