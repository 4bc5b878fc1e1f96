"""Names the command line needs before any store is opened (importable without SQLAlchemy:
every mlposture command starts faster for it)."""

DEFAULT = "default"  # --store default: a SQLite file in the user data folder
STORE_ENV = "MLPOSTURE_STORE"
