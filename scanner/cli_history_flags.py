"""What `scan` and `audit` take for the history store (--store, --fail-on-new,
--export-changes), apart from what they do with it (scanner/cli_history.py): every scan
parses these options, and a scan answered from the run cache must not load the report
model, the rule models and Polars that recording needs."""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import click

from scanner.history.names import STORE_ENV


@dataclass(frozen=True, slots=True)
class HistoryFlags:
    """--store, --fail-on-new, --export-changes."""

    store: str | None = None
    fail_on_new: bool = False
    export_changes: bool = False


def history_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """Add the history options; the command receives them as `history: HistoryFlags`."""

    @functools.wraps(command)
    def wrapper(
        *args: Any, store: str | None, fail_on_new: bool, export_changes: bool, **kwargs: Any
    ) -> Any:
        store = store or None
        if (fail_on_new or export_changes) and store is None:
            raise click.UsageError(
                "--fail-on-new and --export-changes compare with the last recorded run: "
                f"give --store URL (or set {STORE_ENV})"
            )
        if store is not None:
            from scanner.history.store import StoreError, store_url

            try:
                store_url(store)
            except StoreError as exc:
                raise click.BadParameter(str(exc), param_hint="--store") from None
        kwargs["history"] = HistoryFlags(store, fail_on_new, export_changes)
        return command(*args, **kwargs)

    options = [
        click.option(
            "--store",
            envvar=STORE_ENV,
            metavar="URL",
            help="Record this run in a history store: sqlite:///PATH, postgresql://USER@HOST/DB, "
            f"or 'default' (a SQLite file in the user data folder). Also ${STORE_ENV}.",
        ),
        click.option(
            "--fail-on-new",
            is_flag=True,
            help="Exit 1 only for failures (at or above --fail-on) and errors that are new "
            "since the last recorded run of the same scope.",
        ),
        click.option(
            "--export-changes",
            is_flag=True,
            help="--export only what changed since the last recorded run: new findings, and "
            "the resolved ones as resolved (Security Hub: RESOLVED, archived).",
        ),
    ]
    decorated: Callable[..., Any] = wrapper
    for option in reversed(options):
        decorated = option(decorated)
    return decorated
