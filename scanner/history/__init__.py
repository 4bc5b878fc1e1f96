"""The history store: every scan and audit can record its run, so the next one knows what is
new, what was fixed, how old a finding is, and how the score went.

    engine = store.open_store("sqlite:///history.sqlite")   # or postgresql://..., "default"
    run = record.record_run(engine, facts, observe.Observer().observe(report["results"]))
    runs = query.list_runs(engine); changes = query.diff_runs(engine, older, newer)

Modules: `names` (no dependencies), `observe` (results -> observations, stdlib only),
`schema` (the tables), `store` (URL, engine, migrations), `record`, `query`, `bulk`.
SQLAlchemy Core on SQLite or PostgreSQL, one schema, Alembic migrations shipped in
`migrations/` and run when a store is opened. See `schema.py` for how runs stay compact.

Nothing is imported here, so that importing `names` or `observe` does not load SQLAlchemy.
"""
